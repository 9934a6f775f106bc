import type { Locator, Page } from '@playwright/test';
import {
  expect,
  expectNoViolations,
  linkAccount,
  newPhone,
  readCode,
  sendPaymentCode,
  test,
  fillCard,
  TEST_CARD_EXPIRY,
} from './fixtures';

test('the public pages meet WCAG 2.1 AA (axe), colour contrast included', async ({ page }) => {
  for (const path of ['/', '/sign-in', '/register', '/staff/sign-in', '/no-such-page']) {
    await page.goto(path);
    await expectNoViolations(page, path);
  }
  // The page that asks for the texted code.
  await page.goto('/register');
  await page.getByLabel('Your name').fill('Axe Verify');
  await page.getByLabel('Mobile number').fill(newPhone().typed);
  await page.getByRole('button', { name: 'Text me a code' }).click();
  await expect(page.getByRole('heading', { name: 'Enter the code we texted you' })).toBeVisible();
  await expectNoViolations(page, 'registration code');
  await page.goto('/sign-in');
  await page.getByLabel('Mobile number').fill(newPhone().typed);
  await page.getByRole('button', { name: 'Text me a code' }).click();
  await expect(page.getByRole('heading', { name: 'Enter your code' })).toBeVisible();
  await expectNoViolations(page, 'sign-in code');
});

test('every step of paying a bill meets WCAG 2.1 AA (axe)', async ({ page, register }) => {
  const phone = await register('Ada Access');
  await expectNoViolations(page, 'link account');
  const account = await linkAccount(page, 17);
  await expectNoViolations(page, 'bills');
  await page
    .getByRole('region', { name: `Account •••• ${account.accountNumber.slice(-4)}` })
    .getByRole('link', { name: /Pay the bill/ })
    .click();
  await expect(page.getByRole('heading', { name: 'Pay your bill' })).toBeVisible();
  await expectNoViolations(page, 'pay');
  await page.getByLabel('Amount to pay ($)').fill('abc');
  await page.getByRole('button', { name: 'Review payment' }).click();
  await expect(page.getByText('Enter an amount in dollars and cents')).toBeVisible();
  await expect(page.getByLabel('Amount to pay ($)')).toBeFocused();
  await expectNoViolations(page, 'pay with an error');
  await page.getByLabel('Amount to pay ($)').fill('4.00');
  await fillCard(page);
  await page.getByRole('button', { name: 'Review payment' }).click();
  await expect(page.getByRole('heading', { name: 'Review your payment' })).toBeVisible();
  await expectNoViolations(page, 'review');
  await sendPaymentCode(page);
  await expectNoViolations(page, 'code');
  await page.getByLabel('6-digit code').fill(await readCode(page, phone.national, 'payment'));
  await page.getByRole('button', { name: 'Pay now' }).click();
  await expect(page.getByRole('heading', { name: 'Receipt' })).toBeVisible();
  await expectNoViolations(page, 'receipt');
  // The session slides: its cookie lasts the idle time (30 minutes by default) from now.
  const session = (await page.context().cookies()).find((c) => c.name.endsWith('utilitypay.customer.session'));
  const minutesLeft = (session!.expires * 1000 - Date.now()) / 60_000;
  expect(minutesLeft).toBeGreaterThan(28);
  expect(minutesLeft).toBeLessThanOrEqual(30.5);
  await page.goto('/payments');
  await expectNoViolations(page, 'history');
});

/** Presses Tab until `target` has the focus (as a keyboard user would), then returns. */
async function tabTo(page: Page, target: Locator, what: string) {
  for (let i = 0; i < 60; i++) {
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${what}`);
}

test('a whole payment can be made with the keyboard alone', async ({ page, register }) => {
  const phone = await register('Kim Keys');
  const account = await linkAccount(page, 22);
  await page.goto('/bills');
  const section = page.getByRole('region', { name: `Account •••• ${account.accountNumber.slice(-4)}` });
  await tabTo(page, section.getByRole('link', { name: /Pay the bill/ }), 'the pay link');
  await page.keyboard.press('Enter');

  const amount = page.getByLabel('Amount to pay ($)');
  await expect(amount).toBeVisible();
  await tabTo(page, amount, 'the amount');
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('3.00');
  // A new customer's pay form offers a new card first: its fields, by keyboard.
  await expect(page.getByRole('radio', { name: /A new card/ })).toBeChecked();
  await tabTo(page, page.getByLabel('Card number'), 'the card number');
  await page.keyboard.type('4242424242424242');
  await tabTo(page, page.getByLabel('Expiry (MM/YY)'), 'the expiry');
  await page.keyboard.type(TEST_CARD_EXPIRY);
  await tabTo(page, page.getByLabel('Security code'), 'the security code');
  await page.keyboard.type('123');
  await page.keyboard.press('Enter');

  await expect(page.getByRole('heading', { name: 'Review your payment' })).toBeVisible();
  await tabTo(page, page.getByRole('button', { name: /^Text me the code to pay/ }), 'the send-code button');
  await page.keyboard.press('Enter');

  const code = page.getByLabel('6-digit code');
  await expect(code).toBeVisible();
  await tabTo(page, code, 'the code field');
  await page.keyboard.type(await readCode(page, phone.national, 'payment'));
  await tabTo(page, page.getByRole('button', { name: 'Pay now' }), 'the pay button');
  await page.keyboard.press('Enter');

  await expect(page.getByRole('heading', { name: 'Receipt' })).toBeVisible();
  await expect(page.getByText('$3.00').first()).toBeVisible();
});
