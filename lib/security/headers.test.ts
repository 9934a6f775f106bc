import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, isCrossSitePost, newNonce, securityHeaders } from './headers';

describe('security headers', () => {
  it('allow scripts only with the nonce, and nothing may frame the site', () => {
    const csp = contentSecurityPolicy('abc123', { dev: false, https: true });
    expect(csp).toContain(`script-src 'self' 'nonce-abc123' 'strict-dynamic'`);
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).toContain(`frame-ancestors 'none'`);
    expect(csp).toContain(`form-action 'self'`);
    expect(csp).toContain(`object-src 'none'`);
    expect(csp).toContain('upgrade-insecure-requests');
  });

  it('allow eval only for next dev, and upgrade requests only over https', () => {
    expect(contentSecurityPolicy('n', { dev: true, https: false })).toContain(`'unsafe-eval'`);
    expect(contentSecurityPolicy('n', { dev: false, https: false })).not.toContain('upgrade-insecure-requests');
  });

  it('send HSTS over https only', () => {
    expect(securityHeaders({ nonce: 'n', dev: false, https: true })['Strict-Transport-Security']).toBe(
      'max-age=63072000; includeSubDomains',
    );
    expect(securityHeaders({ nonce: 'n', dev: false, https: false })).not.toHaveProperty('Strict-Transport-Security');
  });

  it('make a new 128-bit nonce every time', () => {
    const nonces = new Set(Array.from({ length: 1000 }, newNonce));
    expect(nonces.size).toBe(1000);
    expect(Buffer.from(newNonce(), 'base64')).toHaveLength(16);
  });
});

describe('isCrossSitePost', () => {
  it('refuses a POST from another site or an opaque origin, and lets same-site and non-browser posts through', () => {
    const site = { publicOrigin: 'https://pay.example.com', host: 'pay.example.com' };
    expect(isCrossSitePost('POST', 'https://evil.example', site)).toBe(true);
    expect(isCrossSitePost('POST', 'null', site)).toBe(true);
    expect(isCrossSitePost('POST', 'https://pay.example.com.evil.example', site)).toBe(true);
    expect(isCrossSitePost('POST', 'http://pay.example.com', site)).toBe(true);
    expect(isCrossSitePost('POST', 'http://localhost:3100', { host: 'localhost:3000' })).toBe(true);
    expect(isCrossSitePost('POST', 'https://pay.example.com', site)).toBe(false);
    expect(isCrossSitePost('POST', null, site)).toBe(false);
    expect(isCrossSitePost('GET', 'https://evil.example', site)).toBe(false);
  });

  // Audit finding 9: the check compared Origin with X-Forwarded-Host, which a client talking to
  // the app directly sets itself: evil.example sent X-Forwarded-Host: evil.example and passed.
  it('compares with the public origin, not with a host the request names', () => {
    expect(
      isCrossSitePost('POST', 'https://evil.example', {
        publicOrigin: 'https://pay.example.com',
        host: 'evil.example',
      }),
    ).toBe(true);
  });
});

describe('the content security policy with Stripe as the processor', () => {
  const directives = (csp: string) => Object.fromEntries(csp.split('; ').map((d) => [d.split(' ')[0], d]));

  it('allows exactly what Stripe.js needs, and with the sandbox no frame and no other host at all', () => {
    const stripe = directives(contentSecurityPolicy('n0nce', { dev: false, https: true, stripe: true }));
    expect(stripe['script-src']).toBe(`script-src 'self' 'nonce-n0nce' 'strict-dynamic' https://js.stripe.com`);
    expect(stripe['frame-src']).toBe(
      'frame-src https://js.stripe.com https://*.js.stripe.com https://hooks.stripe.com',
    );
    expect(stripe['connect-src']).toBe(`connect-src 'self' https://api.stripe.com`);
    expect(stripe['frame-ancestors']).toBe(`frame-ancestors 'none'`);

    const sandbox = contentSecurityPolicy('n0nce', { dev: false, https: true });
    expect(sandbox).not.toContain('stripe');
    expect(directives(sandbox)['frame-src']).toBe(`frame-src 'none'`);
  });
});
