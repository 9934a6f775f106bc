import 'server-only';
import { headers } from 'next/headers';
import { env } from '@/lib/env';

/**
 * The client's IP address for limits and the audit log. Behind a load balancer, set
 * TRUSTED_PROXY_HEADER to the header it writes (for x-forwarded-for, the last entry is the one
 * your proxy added; earlier ones are whatever the client sent).
 *
 * Without it we read x-forwarded-for as Next.js passes it: Next fills it with the socket address
 * only when the request has none (`??=` in its base server), so a client talking to Next directly
 * can forge it and dodge the per-IP send limit (per-phone limits still hold). Production runs
 * behind a proxy with TRUSTED_PROXY_HEADER set; taking the socket address itself needs a custom
 * server and is an open item (see the session note on issue 7).
 */
export function clientIpFrom(requestHeaders: Headers): string | null {
  const name = env().TRUSTED_PROXY_HEADER ?? 'x-forwarded-for';
  const value = requestHeaders.get(name);
  if (!value) return null;
  const parts = value.split(',').map((p) => p.trim()).filter(Boolean);
  const ip = env().TRUSTED_PROXY_HEADER ? parts.at(-1) : parts[0];
  return ip ? ip.replace(/^::ffff:/, '').slice(0, 64) : null;
}

export async function clientIp(): Promise<string | null> {
  return clientIpFrom(await headers());
}
