import 'server-only';
import { headers } from 'next/headers';
import { env } from '@/lib/env';

/**
 * The client's IP address for limits and the audit log. Behind a load balancer, set
 * TRUSTED_PROXY_HEADER to the header it writes (for x-forwarded-for, the last entry is the one
 * your proxy added; earlier ones are whatever the client sent). Without it, the address Next.js
 * saw on the socket (which it passes as x-forwarded-for, overwriting anything the client sent).
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
