import 'server-only';
import NextAuth, { CredentialsSignin } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { cache } from 'react';
import { z } from 'zod';
import { db } from '@/lib/db';
import { env } from '@/lib/env';
import { clientIpFrom } from '@/lib/request/client-ip';
import { StaffSignInError, verifyStaffPassword } from '@/lib/staff/verify-staff-password';
import { nextAuthConfig } from './next-auth-config';
import { SESSION_MAX_AGE_MS, sessionIsCurrent, type SessionClaims } from './session-version';
import { clock } from '@/lib/clock';
import { NO_CONTROL_CHARACTERS } from '@/lib/validation/schemas';

/** A refused staff sign-in, carrying the message to the server action. */
export class StaffSignInRefused extends CredentialsSignin {
  code = 'staff_sign_in_refused';
  constructor(readonly reason: StaffSignInError) {
    super(reason.userMessage);
  }
}

const CredentialsSchema = z.object({
  email: z.string().trim().max(200).regex(NO_CONTROL_CHARACTERS),
  password: z.string().max(200),
});

export const STAFF_PROVIDER = 'staff-password';

// A separate next-auth instance: its own cookies and routes, shorter sessions than customers'.
const staffAuth = NextAuth(() =>
  nextAuthConfig({
    kind: 'staff',
    basePath: '/api/staff/auth',
    signInPage: '/staff/sign-in',
    idleMinutes: env().STAFF_SESSION_IDLE_MINUTES,
    idClaim: 'staffId',
    providers: [
      Credentials({
        id: STAFF_PROVIDER,
        credentials: { email: {}, password: {} },
        async authorize(raw, request) {
          const parsed = CredentialsSchema.safeParse(raw);
          if (!parsed.success)
            throw new StaffSignInRefused(new StaffSignInError('invalid', 'Enter your email and password.'));
          try {
            const staff = await verifyStaffPassword({ ...parsed.data, clientIp: clientIpFrom(request.headers) });
            return { id: staff.staffId, name: staff.name, sessionVersion: staff.sessionVersion };
          } catch (error) {
            if (error instanceof StaffSignInError) throw new StaffSignInRefused(error);
            throw error;
          }
        },
      }),
    ],
  }),
);

export const { handlers: staffAuthHandlers, signIn: signInStaff, signOut: signOutStaff } = staffAuth;

export type StaffSession = { staffId: string; name: string; email: string; role: 'STAFF' | 'ADMIN' };

/** The signed-in staff member, re-read from the database (role, disabled, session version and age) on every request. */
export const getStaffSession = cache(async (): Promise<StaffSession | null> => {
  const session = (await staffAuth.auth()) as ({ staffId?: string } & SessionClaims) | null;
  if (!session?.staffId) return null;
  const user = await db().staffUser.findUnique({
    where: { id: session.staffId },
    select: { id: true, name: true, email: true, role: true, disabledAt: true, sessionVersion: true },
  });
  // Disabling bumps the version too, so re-enabling a user does not revive their old tokens.
  if (
    !user ||
    user.disabledAt ||
    !sessionIsCurrent(session, user.sessionVersion, clock.now(), SESSION_MAX_AGE_MS.staff)
  )
    return null;
  return { staffId: user.id, name: user.name, email: user.email, role: user.role };
});
