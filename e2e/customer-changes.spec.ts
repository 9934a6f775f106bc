import {
  accounts,
  expect,
  expectNoViolations,
  linkAccount,
  newPhone,
  readCode,
  staffSignIn,
  test,
  textsTo,
} from './fixtures';
import { sql } from './fixtures/db';
import { DEMO } from '../lib/db/demo-data';

const national = (e164: string) => `(${e164.slice(2, 5)}) ${e164.slice(5, 8)}-${e164.slice(8)}`;

async function signIn(page: import('@playwright/test').Page, phone: { typed: string; national: string }) {
  await page.goto('/sign-in');
  await page.getByLabel('Mobile number').fill(phone.typed);
  await page.getByRole('button', { name: 'Text me a code' }).click();
  await expect(page.getByRole('heading', { name: 'Enter your code' })).toBeVisible();
  await page.getByLabel('6-digit code').fill(await readCode(page, phone.national, 'sign in'));
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'My bills' })).toBeVisible();
}

async function signOut(page: import('@playwright/test').Page) {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('link', { name: 'Sign in' })).toBeVisible();
}

test('a signed-in customer changes their number with a code to each; the old number is told', async ({
  page,
  register,
  snap,
}) => {
  const old = await register('Chang Number');
  await page.getByRole('link', { name: 'Profile' }).click();
  await expect(page.getByRole('heading', { name: 'My profile' })).toBeVisible();
  await expectNoViolations(page, 'profile');
  await page.getByRole('link', { name: 'Change my number' }).click();
  await expectNoViolations(page, 'change number');
  const fresh = newPhone();
  await page.getByLabel('New mobile number').fill(fresh.typed);
  await page.getByRole('button', { name: 'Text me the codes' }).click();
  await expect(page.getByTestId('change-step')).toContainText('Step 1 of 2');
  await page.getByLabel('6-digit code').fill(await readCode(page, old.national, 'account'));
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByTestId('change-step')).toContainText('Step 2 of 2');
  await expectNoViolations(page, 'change number, step 2');
  await snap('change-number-step-2');
  await page.getByLabel('6-digit code').fill(await readCode(page, fresh.national, 'account'));
  await page.getByRole('button', { name: 'Change my number' }).click();
  await expect(page.getByText('Your mobile number is changed.')).toBeVisible();
  await expect(page.getByText(fresh.national)).toBeVisible();
  await expect
    .poll(async () => (await textsTo(page, old.national)).join('\n'))
    .toContain(`now uses the number ending ${fresh.national.slice(-4)}`);
  await signOut(page);
  await signIn(page, fresh);
});

test('a lost phone: bill facts and the new number, then an ADMIN approves (a STAFF member cannot)', async ({
  page,
  register,
  snap,
}) => {
  const old = await register('Lost Phone');
  const account = await linkAccount(page, 38);
  await signOut(page);
  await page.goto('/sign-in');
  await page.getByRole('link', { name: 'Move your account to a new number' }).click();
  await expect(page.getByRole('heading', { name: 'Lost your phone?' })).toBeVisible();
  await expectNoViolations(page, 'lost phone');
  const fresh = newPhone();
  await page.getByLabel('The number you lost').fill(old.typed);
  await page.getByLabel('Account number').fill(account.accountNumber);
  await page.getByLabel(/Postal code of the service address/).fill(account.postalCode);
  await page.getByLabel('Your new mobile number').fill(fresh.typed);
  await page.getByRole('button', { name: 'Text my new number a code' }).click();
  await expect(page.getByRole('heading', { name: 'Enter the code sent to your new number' })).toBeVisible();
  await expectNoViolations(page, 'lost phone code');
  await page.getByLabel('6-digit code').fill(await readCode(page, fresh.national, 'account'));
  await page.getByRole('button', { name: 'Confirm my new number' }).click();
  await expect(page.getByRole('heading', { name: 'We are checking your request' })).toBeVisible();
  await expect(page.getByText('within 1 business day')).toBeVisible();
  await expectNoViolations(page, 'lost phone pending');
  await snap('lost-phone-pending');

  // STAFF see it, cannot decide.
  await staffSignIn(page, DEMO.staff);
  await page.goto('/staff/phone-changes');
  const request = page.getByTestId('phone-change').filter({ hasText: fresh.national });
  await expect(request).toBeVisible();
  await expect(request.getByRole('button', { name: 'Approve the new number' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Sign out' }).click();

  await staffSignIn(page, DEMO.admin);
  await page.goto('/staff/phone-changes');
  await expectNoViolations(page, 'staff lost phones');
  await request.getByLabel('Reason').fill('Called the holder on the old number, confirmed');
  await request.getByRole('button', { name: 'Approve the new number' }).click();
  await expect(
    page
      .getByTestId('phone-decision')
      .filter({ hasText: `Approved: ${old.national} to ${fresh.national} by Alex Admin` }),
  ).toBeVisible();
  await expect.poll(async () => (await textsTo(page, fresh.national)).join('\n')).toContain('now uses this number');
  await page.getByRole('button', { name: 'Sign out' }).click();
  await signIn(page, fresh);
  await expect(page.getByRole('region', { name: `Account •••• ${account.accountNumber.slice(-4)}` })).toBeVisible();
});

test('a lost phone moved to the account’s number on file changes at once', async ({ page, register }) => {
  const old = await register('On File');
  // Account 36's number on file is (201) 555-0136: linking it takes the code texted there.
  const account = accounts[36]!;
  await page.goto('/accounts/link');
  await page.getByLabel('Account number').fill(account.accountNumber);
  await page.getByLabel(/Postal code of the service address/).fill(account.postalCode);
  await page.getByRole('button', { name: 'Link account' }).click();
  await page.getByLabel('6-digit code').fill(await readCode(page, national('+12015550136'), 'account'));
  await page.getByRole('button', { name: 'Link account' }).click();
  await expect(page.getByText('Account linked.')).toBeVisible();
  await signOut(page);
  await page.goto('/lost-phone');
  await page.getByLabel('The number you lost').fill(old.typed);
  await page.getByLabel('Account number').fill(account.accountNumber);
  await page.getByLabel(/Postal code of the service address/).fill(account.holderName.split(' ').at(-1)!);
  await page.getByLabel('Your new mobile number').fill('(201) 555-0136');
  await page.getByRole('button', { name: 'Text my new number a code' }).click();
  // A link code went to that number moments ago: a code for another purpose is not held back by it.
  await expect(page.getByRole('heading', { name: 'Enter the code sent to your new number' })).toBeVisible();
  const before = (await textsTo(page, national('+12015550136'))).length;
  await page.getByLabel('6-digit code').fill(await readCode(page, national('+12015550136'), 'account'));
  await page.getByRole('button', { name: 'Confirm my new number' }).click();
  await expect(page.getByRole('heading', { name: 'Your number is changed' })).toBeVisible();
  await expect.poll(async () => (await textsTo(page, national('+12015550136'))).length).toBeGreaterThan(before);
});

test('a customer downloads their data, then closes the account with a code; the number can register again', async ({
  page,
  register,
  snap,
}) => {
  const phone = await register('Leaving Soon');
  const account = await linkAccount(page, 34);
  const json = await page.request.get('/api/me/export?format=json');
  expect(json.headers()['content-disposition']).toContain('attachment');
  const data = await json.json();
  expect(data.profile.name).toBe('Leaving Soon');
  expect(data.linkedAccounts.map((a: { accountNumber: string }) => a.accountNumber)).toEqual([account.accountNumber]);
  expect(data.texts.some((t: { text: string }) => t.text === '[a one-time code; codes are not kept]')).toBe(true);
  expect(JSON.stringify(data)).not.toMatch(/\b\d{6}\b is your code/);
  const csv = await (await page.request.get('/api/me/export?format=csv')).text();
  expect(csv.split('\r\n')[0]).toBe('record,when,what,amount,status,reference');

  await page.goto('/profile/close');
  await expectNoViolations(page, 'close account');
  await page.getByRole('button', { name: 'Text me a code to close my account' }).click();
  await expect(page.getByLabel('6-digit code')).toBeVisible();
  await page.getByLabel('6-digit code').fill(await readCode(page, phone.national, 'account'));
  await page.getByRole('button', { name: 'Close my account' }).click();
  await expect(page.getByText('Your online account is closed and you are signed out.')).toBeVisible();
  await snap('closed');
  // Signed out everywhere; the export is nobody's now.
  expect((await page.request.get('/api/me/export?format=json')).status()).toBe(404);
  await page.goto('/bills');
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await expect
    .poll(async () => (await textsTo(page, phone.national)).join('\n'))
    .toContain('Your online bill pay account is closed');

  // The number is free: registering again starts a new, empty account. (A minute passes, so the
  // one-code-a-minute limit of its first registration is over.)
  const e164 = `+1${phone.national.replace(/\D/g, '')}`;
  await sql(`UPDATE "RateLimitHit" SET "createdAt" = "createdAt" - interval '61 seconds' WHERE key LIKE $1`, [
    `%${e164}%`,
  ]);
  const first = await readCode(page, phone.national, 'registration');
  await page.goto('/register');
  await page.getByLabel('Your name').fill('Back Again');
  await page.getByLabel('Mobile number').fill(phone.typed);
  await page.getByRole('button', { name: 'Text me a code' }).click();
  await expect(page.getByRole('heading', { name: 'Enter the code we texted you' })).toBeVisible();
  await page.getByLabel('6-digit code').fill(await readCode(page, phone.national, 'registration', first));
  await page.getByRole('button', { name: 'Verify and continue' }).click();
  await expect(page.getByRole('heading', { name: 'Link an account' })).toBeVisible();
  await page.goto('/bills');
  await expect(page.getByText('You have no accounts linked yet.')).toBeVisible();
});
