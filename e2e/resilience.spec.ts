import { expect, newPhone, readCode, test } from './fixtures';

test.describe('before JavaScript loads (or without it)', () => {
  test.use({ javaScriptEnabled: false });

  test('registering and entering the code still work, and a bad number gets a clear message', async ({ page }) => {
    await page.goto('/register');
    await page.getByLabel('Your name').fill('No Script');
    await page.getByLabel('Mobile number').fill('12345');
    await page.getByRole('button', { name: 'Text me a code' }).click();
    await expect(page.getByText('That is not a mobile number we can text.')).toBeVisible();
    // What was typed is still there.
    await expect(page.getByLabel('Your name')).toHaveValue('No Script');

    const phone = newPhone();
    await page.getByLabel('Mobile number').fill(phone.typed);
    await page.getByRole('button', { name: 'Text me a code' }).click();
    await expect(page.getByRole('heading', { name: 'Enter the code we texted you' })).toBeVisible();
    await page.getByLabel('6-digit code').fill(await readCode(page, phone.national, 'registration'));
    await page.getByRole('button', { name: 'Verify and continue' }).click();
    await expect(page.getByRole('heading', { name: 'Link an account' })).toBeVisible();
  });
});

test.describe('on a 360-pixel-wide phone', () => {
  test.use({ viewport: { width: 360, height: 740 } });

  for (const path of ['/', '/register', '/sign-in']) {
    test(`${path} fits without sideways scrolling`, async ({ page }) => {
      await page.goto(path);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width).toBeLessThanOrEqual(360);
    });
  }
});
