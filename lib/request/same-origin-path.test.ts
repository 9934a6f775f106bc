import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sameOriginPath } from './same-origin-path';

const ORIGIN = 'https://pay.riverside.example';

describe('the page after sign-in', () => {
  it('keeps a path on the site, with its query', () => {
    expect(sameOriginPath('/payments/abc/authorize?x=1#top', ORIGIN, '/bills')).toBe('/payments/abc/authorize?x=1');
    expect(sameOriginPath(`${ORIGIN}/bills`, ORIGIN, '/bills')).toBe('/bills');
  });

  // Audit finding 3: each of these passed the old "starts with / but not //" check, and a browser
  // following the redirect ended on another site.
  it.each([
    '/\\evil.example/x',
    '/\t/evil.example/x',
    '/\n/evil.example',
    '\\\\evil.example',
    '//evil.example',
    'https://evil.example/bills',
    'javascript:alert(1)',
    ' /\\evil.example',
  ])('refuses %j, which leads off the site', (next) => {
    expect(sameOriginPath(next, ORIGIN, '/bills')).toBe('/bills');
  });

  it('never leads a browser to another origin, whatever it is given', () => {
    fc.assert(
      fc.property(
        fc
          .oneof(fc.string(), fc.webUrl(), fc.constantFrom('/', '\\', '/\\', '\t', '//', 'http:', 'evil.example'))
          .chain((a) => fc.tuple(fc.constant(a), fc.string())),
        ([head, tail]) => {
          const path = sameOriginPath(head + tail, ORIGIN, '/bills');
          expect(path.startsWith('/')).toBe(true);
          // What a browser does with the Location header: resolve it against the page's URL.
          expect(new URL(path, `${ORIGIN}/sign-in/verify`).origin).toBe(ORIGIN);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
