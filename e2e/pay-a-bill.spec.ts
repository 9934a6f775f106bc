import {
  clickAndWaitOutLimit,
  expect,
  linkAccount,
  readCode,
  sendPaymentCode,
  test,
  textsTo,
  fillCard,
} from './fixtures';

test('register, link an account, pay part of a bill with a texted code, get a receipt and a text', async ({
  page,
  register,
  snap,
}) => {
  const phone = await register('Robin Park');
  await snap('01-registered-link-account');
  const account = await linkAccount(page, 5); // a current bill
  const section = page.getByRole('region', { name: `Account •••• ${account.accountNumber.slice(-4)}` });
  const before = (await section.getByTestId('balance').textContent())!;
  await snap('02-bills');

  await section.getByRole('link', { name: /Pay the bill/ }).click();
  await expect(page.getByRole('heading', { name: 'Pay your bill' })).toBeVisible();
  await page.getByLabel('Amount to pay ($)').fill('20.00');
  await snap('03-pay');
  await fillCard(page);
  await page.getByRole('button', { name: 'Review payment' }).click();

  await expect(page.getByRole('heading', { name: 'Review your payment' })).toBeVisible();
  await expect(page.getByTestId('payment-amount')).toHaveText('$20.00');
  await expect(page.getByTestId('payment-method')).toHaveText('Visa ••4242');
  await expect(page.getByTestId('payment-sentence')).toHaveText(
    'Pay $20.00 to Riverside Water & Power from Visa ••4242',
  );
  await expect(page.getByText('Riverside Water & Power').first()).toBeVisible();
  await snap('04-review');
  await sendPaymentCode(page);
  await expect(page.getByText(/You have 3 tries left/)).toBeVisible();
  const code = await readCode(page, phone.national, 'payment');
  const [codeText] = await textsTo(page, phone.national);
  expect(codeText).toContain('to pay $20.00 from Visa x4242');
  expect(codeText).toContain('Riverside W&P');
  expect(codeText).toContain(`acct ..${account.accountNumber.slice(-4)}`);
  await page.getByLabel('6-digit code').fill(code);
  await snap('05-code');
  await page.getByRole('button', { name: 'Pay now' }).click();

  await expect(page.getByRole('heading', { name: 'Receipt' })).toBeVisible();
  const confirmation = (await page.getByTestId('confirmation-number').textContent())!.trim();
  expect(confirmation).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}$/);
  await snap('06-receipt');

  await expect.poll(async () => (await textsTo(page, phone.national))[0]).toContain(`Confirmation ${confirmation}`);
  await page.goto('/bills');
  const after = (await page
    .getByRole('region', { name: `Account •••• ${account.accountNumber.slice(-4)}` })
    .getByTestId('balance')
    .textContent())!;
  const cents = (s: string) => Math.round(Number(s.replace(/[$,]/g, '')) * 100);
  expect(cents(before) - cents(after)).toBe(2000);
});

test('pay a bill in full; sign out and sign in again with a code', async ({ page, register }) => {
  const phone = await register('Sam Full');
  const account = await linkAccount(page, 6);
  const section = page.getByRole('region', { name: `Account •••• ${account.accountNumber.slice(-4)}` });
  await section.getByRole('link', { name: /Pay the bill/ }).click();
  // The amount due is filled in.
  const amount = await page.getByLabel('Amount to pay ($)').inputValue();
  expect(Number(amount)).toBeGreaterThan(0);
  await fillCard(page);
  await page.getByRole('button', { name: 'Review payment' }).click();
  await sendPaymentCode(page);
  await page.getByLabel('6-digit code').fill(await readCode(page, phone.national, 'payment'));
  await page.getByRole('button', { name: 'Pay now' }).click();
  await expect(page.getByTestId('remaining-balance')).toHaveText('$0.00');
  await page.goto('/bills');
  await expect(
    page.getByRole('region', { name: `Account •••• ${account.accountNumber.slice(-4)}` }).getByTestId('bill-state'),
  ).toHaveText('Paid');

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { name: /^Pay your .* bill$/ })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Sign out' })).toHaveCount(0);
  await page.goto('/bills');
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await page.getByLabel('Mobile number').fill(phone.typed);
  await clickAndWaitOutLimit(page, 'Text me a code', page.getByRole('heading', { name: 'Enter your code' }));
  await page.getByLabel('6-digit code').fill(await readCode(page, phone.national, 'sign in'));
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'My bills' })).toBeVisible();
});
