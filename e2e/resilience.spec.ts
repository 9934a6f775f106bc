import { expect, fillCard, linkAccount, newPhone, readCode, sendPaymentCode, test } from './fixtures';

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

test('a payment code entered before the scripts load: the page says it went through and links to the receipt', async ({
  page,
  register,
  browser,
  extraHTTPHeaders,
}) => {
  const phone = await register('Late Script');
  await linkAccount(page, 22);
  await page
    .getByRole('link', { name: /Pay the bill/ })
    .first()
    .click();
  await page.getByLabel('Amount to pay ($)').fill('1.00');
  await fillCard(page);
  await page.getByRole('button', { name: 'Review payment' }).click();
  await sendPaymentCode(page);
  const code = await readCode(page, phone.national, 'payment');

  // The same session, its scripts not loaded (a slow phone, a blocked bundle): the form posts itself.
  const plain = await browser.newContext({
    javaScriptEnabled: false,
    storageState: await page.context().storageState(),
    extraHTTPHeaders,
  });
  try {
    const noScript = await plain.newPage();
    await noScript.goto(page.url());
    await noScript.getByLabel('6-digit code').fill(code);
    await noScript.getByRole('button', { name: 'Pay now' }).click();
    await expect(noScript.getByText('Code accepted. Opening your receipt…')).toBeVisible();
    await noScript.getByRole('link', { name: 'Open your receipt' }).click();
    await expect(noScript.getByRole('heading', { name: 'Receipt' })).toBeVisible();
    await expect(noScript.getByTestId('confirmation-number')).toHaveText(/^[2-9A-Z]{4}-[2-9A-Z]{4}$/);
  } finally {
    await plain.close();
  }
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
