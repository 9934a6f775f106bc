import { expect, test } from './fixtures';

test('the home page names the utility and shows the ways in', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveTitle(/Riverside Water & Power/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Pay your Riverside Water & Power bill');
  const start = page.getByRole('navigation', { name: 'Get started' });
  await expect(start.getByRole('link', { name: 'Pay a bill' })).toBeVisible();
  await expect(start.getByRole('link', { name: 'Sign in' })).toBeVisible();
  await expect(start.getByRole('link', { name: 'Register', exact: true })).toBeVisible();
  await expect(start.getByRole('link', { name: 'Pay once without registering' })).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('home.png'), fullPage: true });
});

test('an unknown page gets a friendly not-found page', async ({ page }) => {
  const response = await page.goto('/no-such-page');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
});

test('the health check reports the database', async ({ request }) => {
  const response = await request.get('/api/health');
  expect(response.status()).toBe(200);
  expect(await response.json()).toEqual({ status: 'ok', database: 'up' });
});

test('the icons and the web app manifest are served, the icons with long cache headers', async ({ page, request }) => {
  await page.goto('/');
  const links = await page
    .locator('link[rel~="icon"], link[rel="apple-touch-icon"], link[rel="manifest"]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('href')!));
  expect(links).toEqual(
    expect.arrayContaining(['/favicon.ico', '/icon.svg', '/apple-touch-icon.png', '/manifest.webmanifest']),
  );
  for (const icon of ['/favicon.ico', '/icon.svg', '/icon-192.png', '/icon-512.png', '/apple-touch-icon.png']) {
    const response = await request.get(icon);
    expect(response.status(), icon).toBe(200);
    expect(response.headers()['cache-control'], icon).toBe('public, max-age=2592000, stale-while-revalidate=86400');
  }
  const manifest = await (await request.get('/manifest.webmanifest')).json();
  expect(manifest).toMatchObject({
    name: 'Riverside Water & Power · Pay your bill',
    short_name: 'Riverside W&P',
    theme_color: '#174c99',
    start_url: '/',
  });
  expect(manifest.icons.map((i: { src: string }) => i.src)).toEqual(['/icon-192.png', '/icon-512.png', '/icon.svg']);
});
