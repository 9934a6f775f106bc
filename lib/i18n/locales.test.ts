import { describe, expect, it } from 'vitest';
import { localeFromAcceptLanguage, resolveLocale } from './locales';

describe('the page language', () => {
  it.each([
    ['es-MX,es;q=0.9,en;q=0.8', 'es-US'],
    ['es', 'es-US'],
    ['en-GB,en;q=0.9', 'en-US'],
    ['fr-FR,es;q=0.5', 'es-US'],
    ['fr-FR', 'en-US'],
    ['', 'en-US'],
    ['*', 'en-US'],
    ['not a tag;;q=x, ,', 'en-US'],
    ['en;q=0.2,es;q=0.8', 'es-US'],
  ])('Accept-Language %j is %s', (header, locale) => {
    expect(localeFromAcceptLanguage(header)).toBe(locale);
  });

  it('takes the saved choice, then the cookie, then Accept-Language', () => {
    expect(resolveLocale({ saved: 'en-US', cookie: 'es-US', acceptLanguage: 'es' })).toBe('en-US');
    expect(resolveLocale({ saved: null, cookie: 'es-US', acceptLanguage: 'en' })).toBe('es-US');
    expect(resolveLocale({ saved: 'xx', cookie: 'de-DE', acceptLanguage: 'es-419' })).toBe('es-US');
    expect(resolveLocale({})).toBe('en-US');
  });
});
