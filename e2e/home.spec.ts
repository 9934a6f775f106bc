import { expect, test } from '@playwright/test';

test('the home page names the utility and shows the ways in', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveTitle(/Riverside Water & Power/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Pay your Riverside Water & Power bill');
  const start = page.getByRole('navigation', { name: 'Get started' });
  await expect(start.getByRole('link', { name: 'Pay a bill' })).toBeVisible();
  await expect(start.getByRole('link', { name: 'Sign in' })).toBeVisible();
  await expect(start.getByRole('link', { name: 'Register' })).toBeVisible();
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
