import 'server-only';
import net from 'node:net';
import { headers } from 'next/headers';
import { env } from '@/lib/env';

/** The header scripts/server.mjs sets on every request: the address of the connection itself. */
export const SOCKET_ADDRESS_HEADER = 'x-utilitypay-socket-address';

/**
 * What a request whose address cannot be read counts as: one shared key with its own, lower cap
 * (OTP_POLICY.sendsPerUnknownClient), never "no limit".
 */
export const UNKNOWN_CLIENT = 'unknown';

/**
 * The client's address for limits and the audit log: a valid IPv4 or IPv6 address, or
 * UNKNOWN_CLIENT. Behind a load balancer, `trustedProxyHeader` names the header it writes (for
 * x-forwarded-for, the last entry is the one your proxy added; earlier ones are whatever the client
 * sent). Without one ("none" or unset), the address of the connection, as scripts/server.mjs
 * recorded it; a client cannot choose it. Headers the client sends are never trusted otherwise.
 */
export function clientAddressFrom(requestHeaders: Headers, trustedProxyHeader: string | undefined): string {
  const fromProxy = trustedProxyHeader && trustedProxyHeader !== 'none';
  const value = requestHeaders.get(fromProxy ? trustedProxyHeader : SOCKET_ADDRESS_HEADER);
  const candidate = plainAddress(
    value
      ?.split(',')
      .map((p) => p.trim())
      .filter(Boolean)
      .at(-1),
  );
  return candidate && net.isIP(candidate) !== 0 ? candidate : UNKNOWN_CLIENT;
}

/** An IPv4 address as itself, not in its IPv6-mapped form ("::ffff:203.0.113.9"). */
function plainAddress(address: string | null | undefined): string {
  return (address ?? '').replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '');
}

/**
 * Whether the request came over a connection from this machine (loopback), whatever any header
 * claims: the development SMS inbox shows every code, so it answers only such requests.
 */
export function isLocalRequest(requestHeaders: Headers): boolean {
  const address = plainAddress(requestHeaders.get(SOCKET_ADDRESS_HEADER));
  return address === '::1' || (net.isIPv4(address) && address.startsWith('127.'));
}

export function clientIpFrom(requestHeaders: Headers): string {
  return clientAddressFrom(requestHeaders, env().TRUSTED_PROXY_HEADER);
}

export async function clientIp(): Promise<string> {
  return clientIpFrom(await headers());
}
