import { sql, sqlOne } from './fixtures/db';
import {
  accounts,
  expect,
  expectNoViolations,
  fillCard,
  linkAccount,
  newPhone,
  readCode,
  sendPaymentCode,
  staffSignIn,
  test,
  textsTo,
} from './fixtures';
import { DEMO } from '../lib/db/demo-data';

const national = (e164: string) => `(${e164.slice(2, 5)}) ${e164.slice(5, 8)}-${e164.slice(8)}`;

async function startGuestPay(page: import('@playwright/test').Page, index: number) {
  const account = accounts[index]!;
  await page.goto('/');
  await page.getByRole('link', { name: 'Pay once without registering' }).click();
  await expect(page.getByRole('heading', { name: 'Pay without registering' })).toBeVisible();
  await page.getByLabel('Account number').fill(account.accountNumber);
  await page.getByLabel(/Postal code of the service address/).fill(account.postalCode);
  await page.getByRole('button', { name: 'Find my bill' }).click();
  await expect(page.getByRole('heading', { name: 'Pay your bill' })).toBeVisible();
  return account;
}

test('a one-time payer pays with a typed number, gets a wrong code refused, and registers from the receipt', async ({
  page,
  snap,
}) => {
  await page.goto('/pay');
  await expectNoViolations(page, 'guest pay start');
  // Wrong facts: one clear answer, nothing kept but what was typed.
  await page.getByLabel('Account number').fill(accounts[31]!.accountNumber);
  await page.getByLabel(/Postal code of the service address/).fill('00000');
  await page.getByRole('button', { name: 'Find my bill' }).click();
  await expect(page.getByText("We couldn't match those details to an account.")).toBeVisible();
  await expect(page.getByLabel('Account number')).toHaveValue(accounts[31]!.accountNumber);

  const account = await startGuestPay(page, 31);
  // Only what the bill facts prove: masked account and town, never the holder or the street.
  await expect(page.getByText(`Account •••• ${account.accountNumber.slice(-4)} · Springfield`)).toBeVisible();
  await expect(page.getByText(account.holderName)).toHaveCount(0);
  await expect(page.getByText(account.serviceAddress)).toHaveCount(0);
  await expectNoViolations(page, 'guest phone step');
  await page.getByLabel('Mobile number').fill('12');
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByText('That is not a mobile number we can text.')).toBeVisible();
  const phone = newPhone();
  await page.getByLabel('Mobile number').fill(phone.typed);
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByText(/Code and receipt go to/)).toBeVisible();
  await expect(page.getByLabel(/Save this card/)).toHaveCount(0);
  await expectNoViolations(page, 'guest pay form');
  await snap('guest-pay-form');
  await page.getByLabel('Amount to pay ($)').fill('12.00');
  await fillCard(page);
  await page.getByRole('button', { name: 'Review payment' }).click();
  await expect(page.getByRole('heading', { name: 'Review your payment' })).toBeVisible();
  await sendPaymentCode(page);
  const code = await readCode(page, phone.national, 'payment');
  const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
  await page.getByLabel('6-digit code').fill(wrong);
  await page.getByRole('button', { name: 'Pay now' }).click();
  await expect(page.getByText('That code is not right. You have 2 tries left.')).toBeVisible();
  await page.getByLabel('6-digit code').fill(code);
  await page.getByRole('button', { name: 'Pay now' }).click();
  await expect(page.getByRole('heading', { name: 'Receipt' })).toBeVisible();
  await expect(page.getByText(account.serviceAddress)).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'My bills' })).toHaveCount(0);
  await expect
    .poll(async () => (await textsTo(page, phone.national)).join('\n'))
    .toContain('We received your payment of $12.00');
  await expectNoViolations(page, 'guest receipt');
  await snap('guest-receipt');
  // The pass shows its own payment, nothing else: another payment's page is not this guest's.
  const { id: otherPayment } = await sqlOne<{ id: string }>(
    `SELECT coalesce((SELECT id FROM "Payment" WHERE id <> $1 ORDER BY "createdAt" LIMIT 1), gen_random_uuid()) AS id`,
    [new URL(page.url()).pathname.split('/').at(-1)],
  );
  const receiptUrl = page.url();
  expect((await page.goto(`/payments/${otherPayment}`))?.status()).toBe(404);
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
  await page.goto(receiptUrl);

  // Register with the number the code just proved: no second code.
  await page.getByRole('region', { name: 'Pay faster next time' }).getByLabel('Your name').fill('Gus Guest');
  await page.getByRole('button', { name: 'Create my account' }).click();
  await expect(page.getByRole('heading', { name: 'My bills' })).toBeVisible();
  await expect(page.getByRole('region', { name: `Account •••• ${account.accountNumber.slice(-4)}` })).toBeVisible();
  await page.getByRole('link', { name: 'Payments' }).click();
  await expect(page.getByRole('heading', { name: 'Payment history' })).toBeVisible();
  await expect(page.getByText(`$12.00 · Account •••• ${account.accountNumber.slice(-4)}`)).toBeVisible();
});

test('a one-time payer of an account with a number on file is texted there; an expired code is refused', async ({
  page,
}) => {
  const onFile = national(`+120155501${30}`);
  await startGuestPay(page, 30);
  await expect(page.getByText('This account has a mobile number on file with us')).toBeVisible();
  await expect(page.getByLabel('Mobile number')).toHaveCount(0);
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByText(/Code and receipt go to \+1 ••• ••• 0130/)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Use another number' })).toHaveCount(0);
  await page.getByLabel('Amount to pay ($)').fill('3.00');
  await fillCard(page);
  await page.getByRole('button', { name: 'Review payment' }).click();
  await sendPaymentCode(page);
  const code = await readCode(page, onFile, 'payment');
  await sql(
    `UPDATE "OtpChallenge" SET "expiresAt" = now() - interval '1 second' WHERE "phoneE164" = $1 AND purpose = 'PAYMENT'`,
    ['+12015550130'],
  );
  await page.getByLabel('6-digit code').fill(code);
  await page.getByRole('button', { name: 'Pay now' }).click();
  await expect(page.getByText('That code has expired. Ask for a new code.')).toBeVisible();
  // The pass ends with its 30 minutes: the payment pages send the guest to start again.
  await page.context().clearCookies();
  await page.reload();
  await expect(page).toHaveURL(/\/sign-in|\/pay/);
});

test('linking an account with a number on file needs the code texted there; holders are told; a link can be removed', async ({
  page,
  register,
  snap,
}) => {
  const first = await register('First Holder');
  await linkAccount(page, 33);
  await page.context().clearCookies();
  await register('Second Holder');
  // Account 35 has a number on file (not this customer's).
  const account = accounts[35]!;
  await page.goto('/accounts/link');
  await page.getByLabel('Account number').fill(account.accountNumber);
  await page.getByLabel(/Postal code of the service address/).fill(account.postalCode);
  await page.getByRole('button', { name: 'Link account' }).click();
  await expect(page.getByRole('heading', { name: 'Enter the code for this account' })).toBeVisible();
  await expectNoViolations(page, 'link code page');
  await snap('link-code');
  const code = await readCode(page, national('+12015550135'), 'account');
  await page.getByLabel('6-digit code').fill(code);
  await page.getByRole('button', { name: 'Link account' }).click();
  await expect(page.getByText('Account linked.')).toBeVisible();

  // The number on file heard that the account was added.
  await expect
    .poll(async () => (await textsTo(page, national('+12015550135'))).join('\n'))
    .toContain(`Acct ..${account.accountNumber.slice(-4)} was added to another online bill pay account`);

  // Account 33 (no number on file): the first holder is texted when the second links it.
  await linkAccount(page, 33);
  await expect
    .poll(async () => (await textsTo(page, first.national)).join('\n'))
    .toContain(`Acct ..${accounts[33]!.accountNumber.slice(-4)} was added`);

  const region = page.getByRole('region', { name: `Account •••• ${account.accountNumber.slice(-4)}` });
  await region.getByText('Remove this account').click();
  await region.getByRole('button', { name: /Remove account/ }).click();
  await expect(page.getByText('Account removed from your online account.')).toBeVisible();
  await expect(region).toHaveCount(0);
});

test('staff see, set and clear the number on file, with a reason', async ({ page }) => {
  const account = accounts[39]!;
  await staffSignIn(page, DEMO.staff);
  await page.goto(`/staff/customers?q=${account.accountNumber}`);
  await page.getByRole('link', { name: account.accountNumber }).click();
  await expect(page.getByRole('heading', { name: `Account ${account.accountNumber}` })).toBeVisible();
  await expect(page.getByTestId('phone-on-file')).toContainText('None');
  await expectNoViolations(page, 'staff account page');
  await page.getByRole('textbox', { name: 'Mobile number on file' }).fill('(201) 555-0139');
  await page.getByRole('button', { name: 'Save the number on file' }).click();
  await expect(page.getByText('Say why, for the audit log')).toBeVisible();
  await page.getByLabel('Reason').fill('Holder called from it and proved the bill');
  await page.getByRole('button', { name: 'Save the number on file' }).click();
  await expect(page.getByText('Number on file saved.')).toBeVisible();
  await expect(page.getByTestId('phone-on-file')).toContainText('(201) 555-0139');
  await page.getByRole('textbox', { name: 'Mobile number on file' }).fill('');
  await page.getByLabel('Reason').fill('Holder moved');
  await page.getByRole('button', { name: 'Save the number on file' }).click();
  await expect(page.getByText('Number on file cleared.')).toBeVisible();
});
