import type { MetadataRoute } from 'next';
import { getUtility } from '@/lib/utility';
import { THEME_COLOR } from '@/lib/utility/theme';

// The utility's name comes from the database, so the manifest is made per request.
export const dynamic = 'force-dynamic';

/** What a phone shows when a customer adds the site to the home screen. */
export default async function manifest(): Promise<MetadataRoute.Manifest> {
  const utility = await getUtility().catch(() => null);
  return {
    name: utility ? `${utility.name} · Pay your bill` : 'UtilityPay',
    short_name: utility?.shortName ?? 'UtilityPay',
    description: utility ? `Pay your ${utility.name} bill online.` : 'Pay your utility bill online.',
    start_url: '/',
    display: 'standalone',
    background_color: '#f8fafc',
    theme_color: THEME_COLOR,
    icons: [
      { src: '/icon-192.png', sizes: '192x192', type: 'image/png' },
      { src: '/icon-512.png', sizes: '512x512', type: 'image/png' },
      { src: '/icon.svg', sizes: 'any', type: 'image/svg+xml' },
    ],
  };
}
