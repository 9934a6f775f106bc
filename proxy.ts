import { NextResponse, type NextRequest } from 'next/server';
import { isStaffPath, STAFF_AREA_HEADER } from '@/lib/i18n/staff-area';
import { isCrossSitePost, newNonce, securityHeaders } from '@/lib/security/headers';

/**
 * Security headers with a per-request CSP nonce. Next reads the nonce from the request's
 * Content-Security-Policy header and puts it on the scripts it renders; every page is dynamic
 * (app/layout.tsx), so no cached page carries a stale nonce.
 */
export function proxy(request: NextRequest) {
  const nonce = newNonce();
  const headers = securityHeaders({
    nonce,
    dev: process.env.NODE_ENV === 'development',
    https: (process.env.PUBLIC_ORIGIN ?? '').startsWith('https:'),
    stripe: process.env.PAYMENT_PROCESSOR === 'stripe',
  });
  if (
    isCrossSitePost(request.method, request.headers.get('origin'), {
      publicOrigin: process.env.PUBLIC_ORIGIN || undefined,
      host: request.headers.get('host'),
    })
  ) {
    const refused = new NextResponse('This request came from another site and was refused.', {
      status: 403,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
    });
    for (const [name, value] of Object.entries(headers)) refused.headers.set(name, value);
    return refused;
  }
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('Content-Security-Policy', headers['Content-Security-Policy']!);
  // The staff area stays in English (lib/i18n/request.ts); a client cannot claim it elsewhere.
  if (isStaffPath(request.nextUrl.pathname)) requestHeaders.set(STAFF_AREA_HEADER, '1');
  else requestHeaders.delete(STAFF_AREA_HEADER);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

export const config = {
  // Not the build's static files (they carry no script of ours and are cached for a year).
  matcher: ['/((?!_next/static|_next/image|favicon.ico).*)'],
};
