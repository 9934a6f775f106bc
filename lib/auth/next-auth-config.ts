import 'server-only';
import { CredentialsSignin, type NextAuthConfig } from 'next-auth';
import { clock } from '@/lib/clock';
import { env } from '@/lib/env';
import { authCookies } from './cookies';
import { decodeSession, encodeSession } from './session-jwt';
import { SESSION_REFRESH_AGE_SECONDS } from './session-token';

/**
 * The one next-auth configuration, for customers and for staff: each gets its own base path and
 * cookies (a customer session can never be read as a staff one) and its idle limit; everything
 * that guards a session (secret, cookie rules, JWT claims, logging) is written once here.
 */
export function nextAuthConfig(options: {
  kind: 'customer' | 'staff';
  basePath: string;
  signInPage: string;
  idleMinutes: number;
  /** The claim holding the holder's id: customerId or staffId. */
  idClaim: 'customerId' | 'staffId';
  providers: NextAuthConfig['providers'];
}): NextAuthConfig {
  return {
    basePath: options.basePath,
    secret: env().AUTH_SECRET,
    trustHost: true,
    cookies: authCookies(options.kind),
    // Sliding expiry: the token is re-issued at most every minute of activity, so a session ends
    // after the idle limit without a request (and 12 hours after sign-in: session-version.ts).
    session: { strategy: 'jwt', maxAge: options.idleMinutes * 60, updateAge: SESSION_REFRESH_AGE_SECONDS },
    // next-auth's token format, its key derived once rather than for every token (session-jwt.ts).
    jwt: { encode: encodeSession, decode: decodeSession },
    pages: { signIn: options.signInPage, error: options.signInPage },
    logger: {
      error: (error: Error) => {
        // A refused sign-in is an answer, not an error.
        if (!(error instanceof CredentialsSignin)) console.error(error);
      },
    },
    providers: options.providers,
    callbacks: {
      jwt({ token, user }) {
        if (user?.id) {
          token[options.idClaim] = user.id;
          token.sessionVersion = (user as { sessionVersion?: number }).sessionVersion;
          token.signedInAt = clock.now().getTime();
        }
        return token;
      },
      session({ session, token }) {
        const id = token[options.idClaim];
        return {
          ...session,
          [options.idClaim]: typeof id === 'string' ? id : undefined,
          sessionVersion: token.sessionVersion,
          signedInAt: token.signedInAt,
        };
      },
    },
  };
}
