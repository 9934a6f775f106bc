import 'server-only';
import NextAuth, { CredentialsSignin } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { cache } from 'react';
import { z } from 'zod';
import { env } from '@/lib/env';
import { statement } from '@/lib/db';
import { isUuid } from '@/lib/validation/ids';
import { OtpError } from '@/lib/otp/errors';
import { clientIpFrom } from '@/lib/request/client-ip';
import { verifyCustomerCode } from '@/lib/customers/verify-customer-code';
import { nextAuthConfig } from './next-auth-config';
import { authCookies } from './cookies';
import { cookies } from 'next/headers';
import { decodeSessionToken, needsReissue, type TokenClaims } from './session-token';
import { SESSION_MAX_AGE_MS, sessionIsCurrent } from './session-version';
import { clock } from '@/lib/clock';
import { LOCALES } from '@/lib/i18n/locales';
import { NameSchema } from '@/lib/validation/schemas';
import { AppError } from '@/lib/errors';
import { readGuestPass } from '@/lib/guest/guest-pass';
import { registerGuest } from '@/lib/guest/register-guest';

/** A refused code, carrying the OtpError (attempts left, wait) to the server action. */
export class CodeRefused extends CredentialsSignin {
  code = 'code_refused';
  constructor(readonly otp: OtpError) {
    super(otp.userMessage);
  }
}

const CredentialsSchema = z.object({
  purpose: z.enum(['REGISTRATION', 'SIGN_IN']),
  challengeId: z.string().max(64),
  code: z.string().regex(/^\d{6}$/),
  name: NameSchema.optional(),
  device: z.string().max(64).optional(),
  language: z.enum(LOCALES).optional(),
});

export const CUSTOMER_PROVIDER = 'customer-code';
/** A one-time payer registering with the number their payment code proved (lib/guest/register-guest.ts). */
export const GUEST_PROVIDER = 'guest-pass';

/** A refused registration from the receipt, carrying the AppError to the server action. */
export class GuestRegistrationRefused extends CredentialsSignin {
  code = 'guest_refused';
  constructor(readonly reason: AppError) {
    super(reason.userMessage);
  }
}

const GuestCredentialsSchema = z.object({
  name: NameSchema,
  pass: z.string().max(64),
  language: z.enum(LOCALES).optional(),
});

const customerAuth = NextAuth(() =>
  nextAuthConfig({
    kind: 'customer',
    basePath: '/api/auth',
    signInPage: '/sign-in',
    idleMinutes: env().CUSTOMER_SESSION_IDLE_MINUTES,
    idClaim: 'customerId',
    providers: [
      Credentials({
        id: CUSTOMER_PROVIDER,
        credentials: { purpose: {}, challengeId: {}, code: {}, name: {}, device: {}, language: {} },
        async authorize(raw, request) {
          const parsed = CredentialsSchema.safeParse(raw);
          if (!parsed.success) throw new CodeRefused(OtpError.unavailable());
          try {
            const { device, ...credentials } = parsed.data;
            const customer = await verifyCustomerCode({
              ...credentials,
              deviceId: device,
              clientIp: clientIpFrom(request.headers),
            });
            if (!customer) throw new CodeRefused(OtpError.unavailable());
            return { id: customer.customerId, name: customer.name, sessionVersion: customer.sessionVersion };
          } catch (error) {
            if (error instanceof OtpError) throw new CodeRefused(error);
            throw error;
          }
        },
      }),
      Credentials({
        id: GUEST_PROVIDER,
        credentials: { name: {}, pass: {}, language: {} },
        async authorize(raw, request) {
          const parsed = GuestCredentialsSchema.safeParse(raw);
          if (!parsed.success)
            throw new GuestRegistrationRefused(
              new AppError('offer_gone', 'This offer has ended. Register from the home page.'),
            );
          try {
            const customer = await registerGuest({
              pass: await readGuestPass(parsed.data.pass),
              name: parsed.data.name,
              language: parsed.data.language,
              clientIp: clientIpFrom(request.headers),
            });
            return { id: customer.customerId, name: customer.name, sessionVersion: customer.sessionVersion };
          } catch (error) {
            if (error instanceof AppError) throw new GuestRegistrationRefused(error);
            throw error;
          }
        },
      }),
    ],
  }),
);

export const { handlers: customerAuthHandlers, signIn: signInCustomer, signOut: signOutCustomer } = customerAuth;

export type CustomerSession = { customerId: string; name: string; language: string };

type CustomerClaims = { customerId?: string } & TokenClaims;

/**
 * The session token's claims. A token younger than the refresh age is only decoded, not decrypted
 * and encrypted again as `auth()` does on every call; an older one goes through `auth()`, which
 * re-issues it (sliding expiry).
 */
async function customerClaims(): Promise<CustomerClaims | null> {
  const token = (await cookies()).get(authCookies('customer').sessionToken.name)?.value;
  const claims = token ? await decodeSessionToken('customer', token) : null;
  if (!claims) return null;
  if (!needsReissue(claims, clock.now())) return claims;
  return (await customerAuth.auth()) as CustomerClaims | null;
}

/**
 * The signed-in customer, checked against the database on every request (cached per request): the
 * token must carry the customer's current session version (sign-out bumps it) and be younger than
 * the absolute limit, however active.
 */
export const getCustomerSession = cache(async (): Promise<CustomerSession | null> => {
  const session = await customerClaims();
  if (!session?.customerId) return null;
  // Every signed-in request asks this: one named statement on the shared pool, not a Prisma query.
  const [customer] = isUuid(session.customerId)
    ? await statement<{ id: string; name: string; sessionVersion: number; language: string }>(
        undefined,
        'utilitypay_session_customer',
        'SELECT id::text AS id, name, "sessionVersion", language FROM "Customer" WHERE id = $1::uuid',
        session.customerId,
      )
    : [];
  if (!customer || !sessionIsCurrent(session, customer.sessionVersion, clock.now(), SESSION_MAX_AGE_MS.customer))
    return null;
  return { customerId: customer.id, name: customer.name, language: customer.language };
});
