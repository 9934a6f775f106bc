import { afterEach, describe, expect, it } from 'vitest';
import { resetEnvForTests } from '@/lib/env';
import { authCookies, registrationNameCookie } from './cookies';

const original = process.env.PUBLIC_ORIGIN;
afterEach(() => {
  if (original === undefined) delete process.env.PUBLIC_ORIGIN;
  else process.env.PUBLIC_ORIGIN = original;
  resetEnvForTests();
});

describe('session cookies', () => {
  it('are Secure with the __Secure- prefix on an https site, always HttpOnly and SameSite=Lax', () => {
    process.env.PUBLIC_ORIGIN = 'https://pay.example.com';
    resetEnvForTests();
    for (const kind of ['customer', 'staff'] as const) {
      const { sessionToken } = authCookies(kind);
      expect(sessionToken.name).toBe(`__Secure-utilitypay.${kind}.session`);
      expect(sessionToken.options).toEqual({ httpOnly: true, sameSite: 'lax', path: '/', secure: true });
    }
  });

  it('drop Secure only on a plain-http development site', () => {
    process.env.PUBLIC_ORIGIN = 'http://localhost:3000';
    resetEnvForTests();
    expect(authCookies('customer').sessionToken).toEqual({
      name: 'utilitypay.customer.session',
      options: { httpOnly: true, sameSite: 'lax', path: '/', secure: false },
    });
  });

  // Audit finding 9: the registration-name cookie was never Secure.
  it('include the registration-name cookie, Secure on an https site', () => {
    process.env.PUBLIC_ORIGIN = 'https://pay.example.com';
    resetEnvForTests();
    expect(registrationNameCookie().options).toMatchObject({
      httpOnly: true,
      sameSite: 'lax',
      secure: true,
      path: '/register',
    });
  });
});
