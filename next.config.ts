import type { NextConfig } from 'next';
import createNextIntlPlugin from 'next-intl/plugin';

// next-intl reads each request's language and messages from here (no locale in the URL).
const withNextIntl = createNextIntlPlugin('./lib/i18n/request.ts');

const nextConfig: NextConfig = {
  poweredByHeader: false,
  typedRoutes: false,
  // `npm run build` checks the types, as a release must. The builds `npm start`, the tests, the bench
  // and the load run make when the sources changed (scripts/build-if-stale.ts) skip that: it is not
  // needed to run the app, and `npm test` checks every file's types first (`npm run typecheck`).
  typescript: { ignoreBuildErrors: process.env.UTILITYPAY_BUILD_TYPES === 'unchecked' },
  async headers() {
    // The icons change only with a release: browsers keep them for 30 days (and may use a stale
    // one for a day while they fetch the new one), instead of asking on every page.
    return [
      {
        source: '/:icon(favicon.ico|icon.svg|icon-192.png|icon-512.png|apple-touch-icon.png)',
        headers: [{ key: 'Cache-Control', value: 'public, max-age=2592000, stale-while-revalidate=86400' }],
      },
    ];
  },
};

export default withNextIntl(nextConfig);
