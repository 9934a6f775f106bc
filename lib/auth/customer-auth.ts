import 'server-only';
import NextAuth, { CredentialsSignin } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { cache } from 'react';
import { z } from 'zod';
import { env } from '@/lib/env';
import { db } from '@/lib/db';
import { OtpError } from '@/lib/otp/errors';
import { clientIpFrom } from '@/lib/request/client-ip';
import { verifyCustomerCode } from '@/lib/customers/verify-customer-code';
import { authCookies } from './cookies';
import { NameSchema } from '@/lib/validation/schemas';

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
});

export const CUSTOMER_PROVIDER = 'customer-code';

const customerAuth = NextAuth(() => ({
  basePath: '/api/auth',
  secret: env().AUTH_SECRET,
  trustHost: true,
  cookies: authCookies('customer'),
  // Sliding expiry: the token is re-issued at most every minute of activity, so a session ends
  // after CUSTOMER_SESSION_IDLE_MINUTES without a request.
  session: { strategy: 'jwt', maxAge: env().CUSTOMER_SESSION_IDLE_MINUTES * 60, updateAge: 60 },
  pages: { signIn: '/sign-in', error: '/sign-in' },
  logger: {
    error: (error: Error) => {
      if (!(error instanceof CredentialsSignin)) console.error(error);
    },
  },
  providers: [
    Credentials({
      id: CUSTOMER_PROVIDER,
      credentials: { purpose: {}, challengeId: {}, code: {}, name: {} },
      async authorize(raw, request) {
        const parsed = CredentialsSchema.safeParse(raw);
        if (!parsed.success) throw new CodeRefused(OtpError.unavailable());
        try {
          const customer = await verifyCustomerCode({ ...parsed.data, clientIp: clientIpFrom(request.headers) });
          if (!customer) throw new CodeRefused(OtpError.unavailable());
          return { id: customer.customerId, name: customer.name };
        } catch (error) {
          if (error instanceof OtpError) throw new CodeRefused(error);
          throw error;
        }
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user?.id) token.customerId = user.id;
      return token;
    },
    session({ session, token }) {
      return { ...session, customerId: typeof token.customerId === 'string' ? token.customerId : undefined };
    },
  },
}));

export const { handlers: customerAuthHandlers, signIn: signInCustomer, signOut: signOutCustomer } = customerAuth;

export type CustomerSession = { customerId: string; name: string };

/** The signed-in customer, checked against the database on every request (cached per request). */
export const getCustomerSession = cache(async (): Promise<CustomerSession | null> => {
  const session = (await customerAuth.auth()) as { customerId?: string } | null;
  if (!session?.customerId) return null;
  const customer = await db().customer.findUnique({ where: { id: session.customerId }, select: { id: true, name: true } });
  return customer ? { customerId: customer.id, name: customer.name } : null;
});
