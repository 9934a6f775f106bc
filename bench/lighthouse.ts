// Lighthouse (12.2.3, the last release for Node 20) on the running app with the system Chromium:
// Lighthouse's default mobile settings (simulated slow 4G, 4x CPU slowdown), performance and
// accessibility, on the home, bills, pay and code pages (signed in with a session cookie).
import fs from 'node:fs';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';

export type LighthousePage = { name: string; path: string };

export async function lighthouseScores(base: string, pages: LighthousePage[], cookie: string) {
  const chromePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  // chrome-launcher crashes the process on a missing binary (an unhandled 'error' event), leaving the app running.
  if (!fs.existsSync(chromePath))
    throw new Error(`No Chromium at ${chromePath}: run \`npx tsx scripts/browser.ts\` (or npm test) to install it.`);
  const chrome = await chromeLauncher.launch({
    chromePath,
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
  try {
    const scores = [];
    let benchmarkIndex = NaN;
    for (const page of pages) {
      const result = await lighthouse(`${base}${page.path}`, {
        port: chrome.port,
        output: 'json',
        logLevel: 'error',
        onlyCategories: ['performance', 'accessibility'],
        extraHeaders: { Cookie: cookie },
      });
      if (!result) throw new Error(`Lighthouse returned nothing for ${page.path}`);
      const { categories, audits, finalDisplayedUrl, environment } = result.lhr;
      benchmarkIndex = environment.benchmarkIndex;
      if (!finalDisplayedUrl.endsWith(page.path))
        throw new Error(`Lighthouse on ${page.path} ended at ${finalDisplayedUrl} (signed out?)`);
      scores.push({
        page: page.name,
        performance: Math.round((categories.performance?.score ?? 0) * 100),
        accessibility: Math.round((categories.accessibility?.score ?? 0) * 100),
        lcpMs: Math.round(audits['largest-contentful-paint']?.numericValue ?? NaN),
        tbtMs: Math.round(audits['total-blocking-time']?.numericValue ?? NaN),
        cls: +(audits['cumulative-layout-shift']?.numericValue ?? NaN).toFixed(3),
        // What the page's LCP was, and the scripts costing the most main-thread time (what to cut next).
        lcpElement: lcpElementOf(audits['largest-contentful-paint-element']),
        scriptsMs: topScripts(audits['bootup-time']?.details),
      });
    }
    // Lighthouse's own measure of this machine's CPU (a 2020 laptop scores ~1500); the simulated 4x
    // slowdown is applied to it, so a slow host lowers the performance score.
    return {
      settings: 'Lighthouse 12.2.3 default mobile (simulated slow 4G, 4x CPU slowdown)',
      benchmarkIndex,
      targets: { performance: 95, accessibility: 100 },
      pages: scores,
    };
  } finally {
    chrome.kill();
  }
}

type Details = { items?: Array<Record<string, unknown>> } | undefined | Record<string, unknown>;

function lcpElementOf(audit: { details?: unknown; errorMessage?: string } | undefined): string | null {
  // Lighthouse 12.2.3 cannot read this from Debian's Chromium 156's traces: say so rather than nothing.
  if (audit?.errorMessage) return `(not measured: ${audit.errorMessage.slice(0, 60)})`;
  // The first element snippet anywhere in the audit's details (a list of tables in Lighthouse 12).
  const find = (value: unknown): string | null => {
    if (!value || typeof value !== 'object') return null;
    const snippet = (value as { snippet?: unknown }).snippet;
    if (typeof snippet === 'string') return snippet;
    for (const child of Object.values(value)) {
      const found = find(child);
      if (found) return found;
    }
    return null;
  };
  return find(audit?.details)?.slice(0, 120) ?? null;
}

function topScripts(details: Details): string {
  const items = (details as { items?: Array<{ url?: string; total?: number }> })?.items ?? [];
  return items
    .slice(0, 3)
    .map((item) => `${(item.url ?? '?').replace(/^https?:\/\/[^/]+/, '').slice(-40)} ${Math.round(item.total ?? 0)}`)
    .join(', ');
}
