// Renders public/icon.svg into the PNG and ICO files browsers and phones ask for. Run it after
// changing the SVG (`npx tsx scripts/make-icons.ts`); the results are committed.
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from '@playwright/test';
import pngToIco from 'png-to-ico';
import { findChromium, realMachine } from './browser';

const svg = fs.readFileSync(path.join('public', 'icon.svg'), 'utf8');
const found = findChromium(realMachine());
if (!found) throw new Error('No Chromium found: run `npx tsx scripts/browser.ts` first.');
const browser = await chromium.launch({ executablePath: found.path, args: ['--no-sandbox', '--disable-gpu'] });

async function render(size: number, options: { padding?: number } = {}): Promise<Buffer> {
  const page = await browser.newPage({ viewport: { width: size, height: size } });
  const inner = size - 2 * (options.padding ?? 0);
  // Full-bleed on the brand colour for the Apple icon (iOS rounds the corners itself).
  const background = options.padding !== undefined ? '#174c99' : 'transparent';
  await page.setContent(
    `<html><body style="margin:0;background:${background};display:grid;place-items:center;height:${size}px">${svg.replace('<svg ', `<svg width="${inner}" height="${inner}" `)}</body></html>`,
  );
  const png = await page.screenshot({ omitBackground: background === 'transparent' });
  await page.close();
  return png;
}

const out = (name: string, data: Buffer) => fs.writeFileSync(path.join('public', name), data);
out('icon-192.png', await render(192));
out('icon-512.png', await render(512));
out('apple-touch-icon.png', await render(180, { padding: 0 }));
out('favicon.ico', await pngToIco([await render(16), await render(32), await render(48)]));
await browser.close();
console.log('Wrote public/favicon.ico, apple-touch-icon.png, icon-192.png, icon-512.png');
