/**
 * The security headers on every page and API response (set in proxy.ts). Scripts run only with the
 * request's nonce ('strict-dynamic' lets Next's own loader add its chunks); nothing may frame the
 * site; forms post only to the site itself; no plugins; HSTS whenever the site is served over https.
 */
export function contentSecurityPolicy(
  nonce: string,
  options: { dev: boolean; https: boolean; stripe?: boolean },
): string {
  // With Stripe as the processor, exactly what Stripe.js needs (Stripe's published CSP list): its
  // script, its frames (the Payment Element, 3-D Secure) and its API. The card fields live in those
  // frames, so card data never reaches this site (PCI SAQ A).
  const stripe = options.stripe
    ? {
        script: ' https://js.stripe.com',
        frame: [`frame-src https://js.stripe.com https://*.js.stripe.com https://hooks.stripe.com`],
        connect: ' https://api.stripe.com',
        img: ' https://*.stripe.com',
      }
    : { script: '', frame: [`frame-src 'none'`], connect: '', img: '' };
  return [
    `default-src 'self'`,
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${stripe.script}${options.dev ? ` 'unsafe-eval'` : ''}`,
    `style-src 'self' 'nonce-${nonce}'`,
    `img-src 'self' data:${stripe.img}`,
    `font-src 'self'`,
    `connect-src 'self'${stripe.connect}${options.dev ? ' ws: wss:' : ''}`,
    ...stripe.frame,
    `object-src 'none'`,
    `base-uri 'none'`,
    `form-action 'self'`,
    `frame-ancestors 'none'`,
    ...(options.https ? ['upgrade-insecure-requests'] : []),
  ].join('; ');
}

export function securityHeaders(options: {
  nonce: string;
  dev: boolean;
  https: boolean;
  stripe?: boolean;
}): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(options.nonce, options),
    'X-Frame-Options': 'DENY',
    'X-Content-Type-Options': 'nosniff',
    // Payment ids are in paths: other sites never see them.
    'Referrer-Policy': 'same-origin',
    'Cross-Origin-Opener-Policy': 'same-origin',
    // WebOTP (the code filled in from the text) stays allowed for the site itself.
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), otp-credentials=(self)',
    ...(options.https ? { 'Strict-Transport-Security': 'max-age=63072000; includeSubDomains' } : {}),
  };
}

/** A fresh, unguessable nonce for one response. */
export function newNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64');
}

/**
 * A state-changing request a browser sent from another site: a POST whose Origin is not the site's
 * public origin (PUBLIC_ORIGIN; the Host header only when that is not set). Never X-Forwarded-Host:
 * a client talking to the app directly could set it to match its own Origin.
 * Next checks server actions the same way (and next-auth its own CSRF token); refusing here too gives
 * a plain 403 instead of an error from deep inside the framework. A request without Origin is not
 * from a browser (browsers send it on every POST), so it cannot carry a victim's cookies by itself.
 */
export function isCrossSitePost(
  method: string,
  origin: string | null,
  site: { publicOrigin?: string; host: string | null },
): boolean {
  if (method !== 'POST' || origin === null) return false;
  try {
    const from = new URL(origin);
    return site.publicOrigin ? from.origin !== new URL(site.publicOrigin).origin : from.host !== site.host;
  } catch {
    return true; // "null" (sandboxed frames, privacy redirects) or garbage
  }
}
