import { sqlOne } from './fixtures/db';
import { expect, linkAccount, readCode, sendPaymentCode, test, fillCard } from './fixtures';

test('an anonymous visitor is sent to sign in, and comes back after', async ({ page }) => {
  await page.goto('/bills');
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  expect(new URL(page.url()).searchParams.get('next')).toBe('/bills');
  await page.goto('/payments');
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fpayments/);
});

test("customer B gets a 404 for customer A's bill, payment and receipt, and the attempts are audited", async ({
  page,
  browser,
  register,
}) => {
  // Customer A pays.
  const phoneA = await register('Alice A');
  const account = await linkAccount(page, 16);
  await page
    .getByRole('region', { name: `Account •••• ${account.accountNumber.slice(-4)}` })
    .getByRole('link', { name: /Pay the bill/ })
    .click();
  await expect(page).toHaveURL(/\/bills\/.+\/pay$/);
  const billPath = new URL(page.url()).pathname;
  await page.getByLabel('Amount to pay ($)').fill('2.00');
  await fillCard(page);
  await page.getByRole('button', { name: 'Review payment' }).click();
  await sendPaymentCode(page);
  await page.getByLabel('6-digit code').fill(await readCode(page, phoneA.national, 'payment'));
  await page.getByRole('button', { name: 'Pay now' }).click();
  await expect(page.getByRole('heading', { name: 'Receipt' })).toBeVisible();
  await expect(page).toHaveURL(/\/payments\/[0-9a-f-]{36}$/);
  const paymentPath = new URL(page.url()).pathname;

  // Customer B, in another browser, signed in with their own phone.
  const contextB = await browser.newContext();
  const pageB = await contextB.newPage();
  await pageB.goto('/register');
  const phoneB = `(201) 555-${String(Math.floor(Math.random() * 9000) + 1000)}`;
  await pageB.getByLabel('Your name').fill('Bob B');
  await pageB.getByLabel('Mobile number').fill(phoneB);
  await pageB.getByRole('button', { name: 'Text me a code' }).click();
  await pageB.getByLabel('6-digit code').fill(await readCode(pageB, phoneB, 'registration'));
  await pageB.getByRole('button', { name: 'Verify and continue' }).click();
  await expect(pageB.getByRole('heading', { name: 'Link an account' })).toBeVisible();

  for (const path of [billPath, paymentPath, `${paymentPath}/review`, `${paymentPath}/authorize`]) {
    const response = await pageB.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(pageB.getByRole('heading', { name: 'Page not found' })).toBeVisible();
  }
  const { n } = await sqlOne<{ n: number }>(
    `SELECT count(*)::int AS n FROM "AuditLog" l JOIN "Customer" c ON c.id::text = l."actorId" WHERE c.name = 'Bob B' AND l.action IN ('bill.access_refused', 'payment.access_refused')`,
  );
  expect(n).toBeGreaterThanOrEqual(4);
  await contextB.close();
});
