import { letAMinutePass, sqlOne } from './fixtures/db';
import { expect, fillCard, linkAccount, readCode, sendPaymentCode, test, textsTo, TEST_CARD_EXPIRY } from './fixtures';
import type { Page } from '@playwright/test';

// The sandbox processor's lifecycle, in the browser: each test pays a demo account no other spec
// pays (25, 26, 27, 2; see e2e/fixtures/index.ts).

async function openPayForm(page: Page, accountNumber: string) {
  await page.goto('/bills');
  await page
    .getByRole('region', { name: `Account •••• ${accountNumber.slice(-4)}` })
    .getByRole('link', { name: /Pay the bill/ })
    .click();
  await expect(page.getByRole('heading', { name: 'Pay your bill' })).toBeVisible();
}

async function payWithCode(page: Page, national: string, amount: string) {
  await page.getByLabel('Amount to pay ($)').fill(amount);
  await page.getByRole('button', { name: 'Review payment' }).click();
  await expect(page.getByRole('heading', { name: 'Review your payment' })).toBeVisible();
  await sendPaymentCode(page);
  await page.getByLabel('6-digit code').fill(await readCode(page, national, 'payment'));
  await page.getByRole('button', { name: 'Pay now' }).click();
}

const balanceOf = (page: Page, accountNumber: string) =>
  page
    .getByRole('region', { name: `Account •••• ${accountNumber.slice(-4)}` })
    .getByTestId('balance')
    .textContent();

test('a declined card charges nothing; a saved card pays, is offered next time, and can be removed', async ({
  page,
  register,
  snap,
}) => {
  const phone = await register('Dana Card');
  const account = await linkAccount(page, 25);
  await page.goto('/bills');
  const before = await balanceOf(page, account.accountNumber);

  await openPayForm(page, account.accountNumber);
  // A number that is not a published test card is refused on the form, and nothing is kept.
  await fillCard(page, '4111 1111 1111 1112');
  await page.getByRole('button', { name: 'Review payment' }).click();
  await expect(page.getByText(/takes only test cards/)).toBeVisible();
  await expect(page.getByLabel('Card number')).toHaveValue('');

  await fillCard(page, '4000 0000 0000 0002');
  await payWithCode(page, phone.national, '7.00');
  await expect(page.getByRole('heading', { name: 'Payment declined' })).toBeVisible();
  await expect(page.getByRole('alert').filter({ hasText: 'Your card was declined' })).toBeVisible();
  await snap('methods-01-declined');
  await page.goto('/bills');
  expect(await balanceOf(page, account.accountNumber)).toBe(before);

  // A second payment code: the one-text-a-minute limit is code-rules' to wait out, not this test's.
  await letAMinutePass(phone.national);
  await openPayForm(page, account.accountNumber);
  await fillCard(page, '4242 4242 4242 4242', { save: true });
  await snap('methods-02-new-card');
  await payWithCode(page, phone.national, '7.00');
  await expect(page.getByRole('heading', { name: 'Receipt' })).toBeVisible();
  await expect(page.getByText('Visa ••4242')).toBeVisible();

  // Next time the saved card is chosen already; the card number never comes back to the page.
  await openPayForm(page, account.accountNumber);
  await expect(page.getByRole('radio', { name: /Visa ••4242/ })).toBeChecked();
  await expect(page.getByLabel('Card number')).toHaveCount(0);
  await snap('methods-03-saved-card');
  await page.getByRole('link', { name: 'Saved cards and accounts' }).click();
  const saved = page.getByRole('listitem', { name: 'Visa ••4242' });
  await expect(saved).toContainText(`expires ${TEST_CARD_EXPIRY}`);
  await expect(saved).toContainText('Default');
  await saved.getByRole('button', { name: 'Remove' }).click();
  await expect(page.getByText('You have no saved cards or accounts.')).toBeVisible();
  await openPayForm(page, account.accountNumber);
  await expect(page.getByRole('radio', { name: /Visa ••4242/ })).toHaveCount(0);
});

test('a card whose bank asks for an extra step pays after the step', async ({ page, register, snap }) => {
  const phone = await register('Eli Secure');
  const account = await linkAccount(page, 26);
  await openPayForm(page, account.accountNumber);
  await fillCard(page, '4000 0027 6000 3184');
  await payWithCode(page, phone.national, '8.00');
  await expect(page.getByRole('heading', { name: 'Confirm this payment' })).toBeVisible();
  await expect(page.getByText(/asks to charge \$8\.00 to your card Visa ••3184/)).toBeVisible();
  await snap('methods-04-bank-step');
  await page.getByRole('button', { name: 'Approve the payment' }).click();
  await expect(page.getByRole('heading', { name: 'Receipt' })).toBeVisible();
  await expect
    .poll(async () => (await textsTo(page, phone.national))[0])
    .toContain('We received your payment of $8.00');
});

test('a bank debit is processing, then settles through the worker', async ({ page, register, snap }) => {
  const phone = await register('Fran Bank');
  const account = await linkAccount(page, 27);
  await openPayForm(page, account.accountNumber);
  await page.getByRole('radio', { name: /A new bank account/ }).check();
  await page.getByLabel('Routing number').fill('110000000');
  await page.getByLabel('Account number').fill('000123456789');
  await page.getByLabel('Amount to pay ($)').fill('9.00');
  await page.getByRole('button', { name: 'Review payment' }).click();
  // The debit needs the customer's authorization.
  await expect(page.getByText('To pay from your bank account, agree to the debit.')).toBeVisible();
  await page.getByLabel('Account number').fill('000123456789');
  await page.getByRole('checkbox', { name: /I authorize Riverside Water & Power to debit/ }).check();
  await payWithCode(page, phone.national, '9.00');
  await expect(page.getByRole('heading', { name: 'Payment processing' })).toBeVisible();
  await expect(page.getByText('Sandbox Bank ••6789')).toBeVisible();
  await snap('methods-05-ach-processing');
  await expect(async () => {
    await page.reload();
    await expect(page.getByRole('heading', { name: 'Receipt' })).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  await expect
    .poll(async () => (await textsTo(page, phone.national))[0])
    .toContain('We received your payment of $9.00');
});

test('a bank debit returned after it settled reverses the bill and texts the customer', async ({ page, register }) => {
  const phone = await register('Gil Return');
  const account = await linkAccount(page, 2);
  await page.goto('/bills');
  const before = await balanceOf(page, account.accountNumber);
  await openPayForm(page, account.accountNumber);
  await page.getByRole('radio', { name: /A new bank account/ }).check();
  await page.getByLabel('Routing number').fill('110000000');
  await page.getByLabel('Account number').fill('000222222227');
  await page.getByRole('checkbox', { name: /I authorize/ }).check();
  await payWithCode(page, phone.national, '5.00');
  await expect(page.getByRole('heading', { name: 'Payment processing' })).toBeVisible();
  const paymentId = new URL(page.url()).pathname.split('/').at(-1)!;
  await expect(async () => {
    await page.reload();
    await expect(page.getByRole('heading', { name: 'Payment returned by your bank' })).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  await expect
    .poll(async () => (await textsTo(page, phone.national))[0])
    .toContain('Your bank returned your $5.00 payment');
  await page.goto('/bills');
  expect(await balanceOf(page, account.accountNumber)).toBe(before);
  const row = await sqlOne<{ status: string }>(`SELECT status::text FROM "Payment" WHERE id = $1`, [paymentId]);
  expect(row.status).toBe('RETURNED');
});
