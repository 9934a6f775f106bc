import {
  expect,
  expectNoViolations,
  fillCard,
  linkAccount,
  readCode,
  sendPaymentCode,
  test,
  textsTo,
} from './fixtures';
import type { Page } from '@playwright/test';

// Pays demo account 0 (see e2e/fixtures/index.ts).

/** Replies from the customer's phone, through the development inbox. */
async function replyFromPhone(page: Page, national: string, text: string, answer: RegExp) {
  const inbox = await page.context().newPage();
  try {
    await inbox.goto('/dev/sms');
    const form = inbox.getByRole('form', { name: 'Reply as the customer' });
    await form.getByLabel('From number').fill(national);
    await form.getByLabel('Reply').fill(text);
    await form.getByRole('button', { name: 'Send reply' }).click();
    await expect(form.getByText(answer)).toBeVisible();
    await expectNoViolations(inbox, 'development SMS inbox');
  } finally {
    await inbox.close();
  }
}

test('a customer who replied STOP is told how to get texts again; after START they pay', async ({
  page,
  register,
  snap,
}) => {
  await page.goto('/register');
  await expect(page.getByTestId('sms-consent')).toContainText('Reply HELP for help, STOP to end.');
  const phone = await register('Stella Stop');
  const account = await linkAccount(page, 0);

  await replyFromPhone(page, phone.national, 'stop', /Opted out/);
  await expect.poll(async () => (await textsTo(page, phone.national))[0]).toContain('You are unsubscribed');

  await page
    .getByRole('region', { name: `Account •••• ${account.accountNumber.slice(-4)}` })
    .getByRole('link', { name: /Pay the bill/ })
    .click();
  await page.getByLabel('Amount to pay ($)').fill('3.00');
  await fillCard(page);
  await page.getByRole('button', { name: 'Review payment' }).click();
  await expect(page.getByRole('heading', { name: 'Review your payment' })).toBeVisible();
  await page.getByRole('button', { name: /^Text me the code to pay/ }).click();
  await expect(
    page.getByText(/You replied STOP to our texts, so we cannot text you a code\. To get texts again, reply START/),
  ).toBeVisible();
  await snap('opted-out');
  await expectNoViolations(page, 'review page, opted out');

  await replyFromPhone(page, phone.national, 'START', /Opted in again/);
  await expect.poll(async () => (await textsTo(page, phone.national))[0]).toContain('You will get texts again');
  await sendPaymentCode(page);
  await page.getByLabel('6-digit code').fill(await readCode(page, phone.national, 'payment'));
  await page.getByRole('button', { name: 'Pay now' }).click();
  await expect(page.getByRole('heading', { name: 'Receipt' })).toBeVisible();

  // A Spanish keyword is answered in Spanish (this customer registered in English); HELP in theirs.
  await replyFromPhone(page, phone.national, 'ayuda', /Answered with the help text/);
  await expect.poll(async () => (await textsTo(page, phone.national))[0]).toContain('Responda PARAR para cancelar.');
  await replyFromPhone(page, phone.national, 'HELP', /Answered with the help text/);
  await expect.poll(async () => (await textsTo(page, phone.national))[0]).toContain('Reply STOP to end.');
});
