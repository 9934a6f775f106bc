/**
 * Where to send someone after they sign in: `next` resolved against the site's public origin, kept
 * only when it stays on that origin, and reduced to its path and query. Browsers read `/\evil.example`
 * and `/<tab>/evil.example` as `//evil.example` (another site), so a prefix check is not enough.
 */
export function sameOriginPath(next: unknown, publicOrigin: string, fallback: string): string {
  if (typeof next !== 'string' || next === '') return fallback;
  const origin = new URL(publicOrigin).origin;
  let url: URL;
  try {
    url = new URL(next, origin);
  } catch {
    return fallback;
  }
  return url.origin === origin ? `${url.pathname}${url.search}` : fallback;
}
