import fs from 'node:fs';
import { DEMO } from '../lib/db/demo-data';
import { sqlOne } from './fixtures/db';
import {
  captureAction,
  type CapturedAction,
  expect,
  expectNoViolations,
  linkAccount,
  readCode,
  sendPaymentCode,
  staffSignIn,
  test,
  fillCard,
  textsTo,
} from './fixtures';

test('a customer pays; staff find the payment, read its timeline and export it as CSV', async ({
  page,
  browser,
  register,
}) => {
  // A customer pays $6.00 on account 20.
  const phone = await register('Casey Timeline');
  const account = await linkAccount(page, 20);
  await page
    .getByRole('region', { name: `Account •••• ${account.accountNumber.slice(-4)}` })
    .getByRole('link', { name: /Pay the bill/ })
    .click();
  await page.getByLabel('Amount to pay ($)').fill('6.00');
  await fillCard(page);
  await page.getByRole('button', { name: 'Review payment' }).click();
  await sendPaymentCode(page);
  await page.getByLabel('6-digit code').fill(await readCode(page, phone.national, 'payment'));
  await page.getByRole('button', { name: 'Pay now' }).click();
  const confirmation = (await page.getByTestId('confirmation-number').textContent())!.trim();

  // Staff, in their own browser.
  const staff = await (await browser.newContext()).newPage();
  await staffSignIn(staff, DEMO.staff);
  await staff.getByLabel('Account number').fill(account.accountNumber);
  await staff.getByLabel('Status').selectOption('COMPLETED');
  await staff.getByRole('button', { name: 'Apply filters' }).click();
  await expect(staff).toHaveURL(new RegExp(`account=${account.accountNumber}`));
  await expect(staff.getByTestId('payment-row')).toHaveCount(1);
  await expect(staff.getByTestId('payment-row')).toContainText('$6.00');
  await expectNoViolations(staff, 'staff payments');
  await staff.screenshot({ path: test.info().outputPath('staff-payments.png'), fullPage: true });

  const download = staff.waitForEvent('download');
  await staff.getByRole('link', { name: 'Export CSV' }).click();
  const csv = fs
    .readFileSync(await (await download).path(), 'utf8')
    .trimEnd()
    .split('\r\n');
  expect(csv[0]).toBe(
    'confirmation_number,created_at,status,amount,currency,account_number,customer_name,customer_phone',
  );
  expect(csv).toHaveLength(2);
  expect(csv[1]).toContain(`${confirmation},`);
  expect(csv[1]).toContain(`,COMPLETED,6.00,USD,${account.accountNumber},Casey Timeline,`);

  await staff.getByRole('link', { name: confirmation }).click();
  await expect(staff.getByTestId('payment-status')).toHaveText('Paid');
  await expect(staff.getByTestId('texting')).toContainText(/^Allowed · consent .* \(registration\)$/);
  const timeline = staff.getByTestId('timeline');
  for (const step of [
    'Payment started by the customer',
    'Payment code requested',
    'Code text queued',
    'Right code entered',
    'Processor approved the charge',
    'Payment completed; bill updated',
    'Confirmation text queued',
  ]) {
    await expect(timeline).toContainText(step);
  }
  await expect(timeline).toContainText('Code text handed to outbox');
  await expectNoViolations(staff, 'staff payment timeline');
  await staff.screenshot({ path: test.info().outputPath('staff-timeline.png'), fullPage: true });
  await staff.reload();
  await expect(timeline).toContainText('Viewed by staff');
  // From the payment to the customer's and the account's other payments.
  await staff.getByRole('link', { name: 'this account’s payments' }).click();
  await expect(staff.getByTestId('payment-row')).toHaveCount(1);
  await expect(staff.getByLabel('Account number')).toHaveValue(account.accountNumber);

  // STAFF cannot refund; an ADMIN refunds part of it, with a reason; the customer sees it and is texted.
  const paymentUrl = new URL(page.url()).pathname;
  await staff.getByRole('link', { name: confirmation }).click();
  await expect(staff.getByRole('heading', { name: 'Refund this payment' })).toHaveCount(0);
  const admin = await (await browser.newContext()).newPage();
  await staffSignIn(admin, DEMO.admin);
  await admin.goto(`/staff/payments?account=${account.accountNumber}`);
  await admin.getByRole('link', { name: confirmation }).click();
  await expect(admin.getByLabel('Amount to refund ($)')).toHaveValue('6.00');
  await admin.getByLabel('Amount to refund ($)').fill('2.00');
  await admin.getByRole('button', { name: 'Refund' }).click();
  await expect(admin.getByText('Say why, for the audit log')).toBeVisible();
  await admin.getByLabel('Reason').fill('Charged a late fee in error');
  await admin.getByRole('button', { name: 'Refund' }).click();
  await expect(admin.getByText('Refunded $2.00. The customer was texted.')).toBeVisible();
  await admin.reload();
  await expect(admin.getByTestId('refunded')).toHaveText('$2.00');
  await expect(admin.getByTestId('timeline')).toContainText('Refund issued by the processor; customer texted');
  await expect(admin.getByLabel('Amount to refund ($)')).toHaveValue('4.00');
  await expectNoViolations(admin, 'staff payment with a refund');
  // The day's settlement shows the payment and the refund.
  await admin.getByRole('link', { name: 'Settlement' }).click();
  await expect(admin.getByRole('heading', { name: 'Settlement' })).toBeVisible();
  await expect(admin.getByTestId('settlement').getByRole('row').last()).toContainText('Total');
  await expectNoViolations(admin, 'staff settlement');
  const settlementCsv = admin.waitForEvent('download');
  await admin.getByRole('link', { name: 'Export CSV' }).click();
  const lines = fs
    .readFileSync(await (await settlementCsv).path(), 'utf8')
    .trimEnd()
    .split('\r\n');
  expect(lines[0]).toBe(
    'day,payments,payments_amount,fees,refunds,refunds_amount,returned_debits,returned_amount,failed_debits,net',
  );
  expect(lines.at(-1)).toMatch(/^total,[1-9]\d*,/);

  await page.goto(paymentUrl);
  await expect(page.getByTestId('refund')).toContainText('Refunded$2.00');
  await expect
    .poll(async () => (await textsTo(page, phone.national))[0])
    .toContain('We refunded $2.00 of your payment');
});

test('staff pages and the export are a 404 for anonymous visitors and customers; a wrong password is refused', async ({
  page,
  browser,
  register,
}) => {
  const paths = [
    '/staff',
    '/staff/payments',
    '/staff/payments/00000000-0000-4000-8000-000000000000',
    '/api/staff/payments/export',
    '/staff/customers',
    '/staff/customers/00000000-0000-4000-8000-000000000000',
    '/staff/settlement',
    '/staff/settings',
    '/api/staff/settlement/export?from=2026-11-01&to=2026-11-02',
  ];
  const anonymous = await (await browser.newContext()).newPage();
  for (const path of paths) expect((await anonymous.goto(path))?.status(), `anonymous ${path}`).toBe(404);

  await register('Curious Customer');
  for (const path of paths) expect((await page.goto(path))?.status(), `customer ${path}`).toBe(404);

  await anonymous.goto('/staff/sign-in');
  await anonymous.getByLabel('Work email').fill(DEMO.staff.email);
  await anonymous.getByLabel('Password').fill('not the password');
  await anonymous.getByRole('button', { name: 'Sign in' }).click();
  await expect(anonymous.getByRole('alert').filter({ hasText: 'do not match an active staff account' })).toBeVisible();
  await expect(anonymous.getByLabel('Work email')).toHaveValue(DEMO.staff.email);

  // Who may open what: STAFF reads and exports; ADMIN also imports and reads the audit log.
  const adminOnly = ['/staff/import', '/staff/audit', '/staff/users'];
  for (const path of adminOnly) {
    expect((await anonymous.goto(path))?.status(), `anonymous ${path}`).toBe(404);
    expect((await page.goto(path))?.status(), `customer ${path}`).toBe(404);
  }
  for (const [who, adminPages] of [
    [DEMO.staff, 404],
    [DEMO.admin, 200],
  ] as const) {
    const staff = await (await browser.newContext()).newPage();
    await staffSignIn(staff, who);
    for (const path of ['/staff/payments', '/staff/dashboard'])
      expect((await staff.goto(path))?.status(), `${who.email} ${path}`).toBe(200);
    expect((await staff.request.get('/api/staff/payments/export')).status()).toBe(200);
    for (const path of adminOnly) expect((await staff.goto(path))?.status(), `${who.email} ${path}`).toBe(adminPages);
  }
});

test('an admin imports a billing file with one bad row and sees it reported; the audit log shows it', async ({
  browser,
}) => {
  const admin = await (await browser.newContext()).newPage();
  await staffSignIn(admin, DEMO.admin);
  await admin.goto('/staff/import');
  const account = String(Math.floor(Math.random() * 9e9) + 1e9);
  const csv = [
    'account_number,holder_name,service_address,postal_code,statement_date,period_start,period_end,due_date,amount_due',
    `${account},Imported Person,5 New St,62709,2026-11-01,2026-10-01,2026-10-31,2026-11-25,61.20`,
    `${account},Imported Person,5 New St,62709,2026-12-01,2026-11-01,2026-11-30,2026-12-25,not money`,
  ].join('\n');
  await admin
    .getByLabel('Billing export (CSV)')
    .setInputFiles({ name: 'bills.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await admin.getByRole('button', { name: 'Import bills' }).click();
  const report = admin.getByTestId('import-report');
  await expect(report).toContainText('2 rows: 1 bills created, 0 updated, 0 unchanged, 1 rejected.');
  await expect(report.getByRole('row').filter({ hasText: 'amount_due must be an amount like 123.45' })).toContainText(
    '3',
  );
  await admin.screenshot({ path: test.info().outputPath('staff-import.png'), fullPage: true });
  await expectNoViolations(admin, 'import report');

  await admin.goto('/staff/audit?action=staff.');
  await expect(admin.getByTestId('audit-row').filter({ hasText: 'staff.imported_bills' }).first()).toContainText(
    '"created":1',
  );
  await expect(admin.getByTestId('audit-row').filter({ hasText: 'staff.signed_in' }).first()).toBeVisible();
  await expectNoViolations(admin, 'audit log');
  await admin.goto('/staff/dashboard');
  await expect(admin.getByRole('heading', { name: 'Completed payments per day (America/Chicago)' })).toBeVisible();
  await expectNoViolations(admin, 'dashboard');
  await admin.screenshot({ path: test.info().outputPath('staff-dashboard.png'), fullPage: true });
});

test('an admin adds a staff user, who signs in; once disabled, they are out', async ({ browser }) => {
  const admin = await (await browser.newContext()).newPage();
  await staffSignIn(admin, DEMO.admin);
  await admin.goto('/staff/users');
  const email = `new-${Date.now()}@riverside.example`;
  await admin.getByLabel('Email').fill(email);
  await admin.getByLabel('Name').fill('Nia New');
  await admin.getByLabel('First password').fill('short');
  await admin.getByRole('button', { name: 'Add staff user' }).click();
  await expect(admin.getByText('Use at least 12 characters.')).toBeVisible();
  await expect(admin.getByLabel('Email')).toHaveValue(email);
  await admin.getByLabel('First password').fill('a long first password');
  await admin.getByRole('button', { name: 'Add staff user' }).click();
  await expect(admin.getByText(`${email} can now sign in.`)).toBeVisible();
  await expectNoViolations(admin, 'staff users');

  const newcomer = await (await browser.newContext()).newPage();
  await staffSignIn(newcomer, { email, password: 'a long first password' });
  expect((await newcomer.goto('/staff/import'))?.status()).toBe(404);

  await admin.getByRole('button', { name: `Disable ${email}` }).click();
  await expect(admin.getByTestId('staff-user').filter({ hasText: email })).toContainText('disabled');
  expect((await newcomer.goto('/staff/payments'))?.status()).toBe(404);

  // Audit finding 6: enabling them again used to revive the session they had before.
  await admin.getByRole('button', { name: `Enable ${email}` }).click();
  await expect(admin.getByTestId('staff-user').filter({ hasText: email })).not.toContainText('disabled');
  expect((await newcomer.goto('/staff/payments'))?.status()).toBe(404);
  await staffSignIn(newcomer, { email, password: 'a long first password' });
  expect((await newcomer.goto('/staff/payments'))?.status()).toBe(200);
});

// Audit finding 6: a session token copied before sign-out kept working after it.
test('a staff session copied before sign-out does not work after it', async ({ page, context }) => {
  await staffSignIn(page, DEMO.staff);
  const copied = await context.cookies();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/staff\/sign-in/);
  await context.addCookies(copied);
  expect((await page.goto('/staff/payments'))?.status()).toBe(404);
});

test('every ADMIN action, sent again by anonymous visitors, customers and STAFF, is a 404 and changes nothing', async ({
  page,
  browser,
  register,
}) => {
  await register('Replaying Customer');
  const anonymous = await browser.newContext();
  const staff = await browser.newContext();
  await staffSignIn(await staff.newPage(), DEMO.staff);
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await staffSignIn(admin, DEMO.admin);

  const tag = `${Date.now()}${Math.floor(Math.random() * 1000)}`;
  const newEmail = `replay-${tag}@riverside.example`;
  const target = await sqlOne<{ id: string; email: string }>(
    `INSERT INTO "StaffUser" (id, email, name, "passwordHash", role) VALUES (gen_random_uuid(), $1, 'Target Person', 'not-a-hash', 'STAFF') RETURNING id, email`,
    [`target-${tag}@riverside.example`],
  );
  const dead = await sqlOne<{ id: string }>(
    `INSERT INTO "SmsMessage" (id, kind, "toE164", body, status, attempts, "lastError", "updatedAt") VALUES (gen_random_uuid(), 'PAYMENT_CONFIRMATION', '+12015550199', 'Riverside: payment received', 'DEAD', 5, $1, now()) RETURNING id`,
    [`gateway down ${tag}`],
  );
  const importAccount = String(1e9 + Math.floor(Math.random() * 9e9));

  const actions: { name: string; capture: () => Promise<CapturedAction>; done: () => Promise<boolean> }[] = [
    {
      name: 'import bills',
      capture: async () => {
        await admin.goto('/staff/import');
        const csv = `account_number,holder_name,service_address,postal_code,statement_date,period_start,period_end,due_date,amount_due\n${importAccount},Replay Person,1 Main St,62701,2026-11-01,2026-10-01,2026-10-31,2026-11-25,10.00\n`;
        await admin
          .getByLabel('Billing export (CSV)')
          .setInputFiles({ name: 'bills.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
        return captureAction(admin, () => admin.getByRole('button', { name: 'Import bills' }).click());
      },
      done: async () =>
        (
          await sqlOne<{ n: number }>(`SELECT count(*)::int AS n FROM "ServiceAccount" WHERE "accountNumber" = $1`, [
            importAccount,
          ])
        ).n === 1,
    },
    {
      name: 'add a staff user',
      capture: async () => {
        await admin.goto('/staff/users');
        await admin.getByLabel('Email').fill(newEmail);
        await admin.getByLabel('Name').fill('Replay Person');
        await admin.getByLabel('First password').fill('a long first password');
        return captureAction(admin, () => admin.getByRole('button', { name: 'Add staff user' }).click());
      },
      done: async () =>
        (await sqlOne<{ n: number }>(`SELECT count(*)::int AS n FROM "StaffUser" WHERE email = $1`, [newEmail])).n ===
        1,
    },
    {
      name: 'disable a staff user',
      capture: async () => {
        await admin.goto('/staff/users');
        return captureAction(admin, () => admin.getByRole('button', { name: `Disable ${target.email}` }).click());
      },
      done: async () =>
        (
          await sqlOne<{ disabled: boolean }>(
            `SELECT "disabledAt" IS NOT NULL AS disabled FROM "StaffUser" WHERE id = $1`,
            [target.id],
          )
        ).disabled,
    },
    {
      name: 'retry a dead text',
      capture: async () => {
        await admin.goto('/staff/dashboard');
        const row = admin.getByRole('listitem').filter({ hasText: `gateway down ${tag}` });
        return captureAction(admin, () => row.getByRole('button', { name: 'Retry' }).click());
      },
      done: async () =>
        (await sqlOne<{ status: string }>(`SELECT status::text FROM "SmsMessage" WHERE id = $1`, [dead.id])).status !==
        'DEAD',
    },
  ];

  for (const action of actions) {
    const request = await action.capture();
    expect(await action.done(), `${action.name}: the captured request did not run`).toBe(false);
    for (const [who, context] of [
      ['anonymous', anonymous],
      ['customer', page.context()],
      ['STAFF', staff],
    ] as const) {
      const response = await context.request.post(request.url, {
        headers: request.headers,
        data: request.body,
        maxRedirects: 0,
      });
      expect(response.status(), `${who}: ${action.name}`).toBe(404);
      expect(await action.done(), `${who}: ${action.name} changed something`).toBe(false);
    }
    // The same request from the ADMIN's session does the work: the replay above was a fair one.
    const response = await adminContext.request.post(request.url, {
      headers: request.headers,
      data: request.body,
      maxRedirects: 0,
    });
    expect(response.status(), `ADMIN: ${action.name}`).toBeLessThan(400);
    await expect.poll(action.done, { message: `ADMIN: ${action.name}` }).toBe(true);
  }
});

test(
  'an ADMIN sets a card fee; the customer sees it before the code, approves the total, and gets it itemised',
  // The fees are the utility's: every card payment made meanwhile would carry this one.
  { tag: '@alone' },
  async ({ page, browser, register }) => {
    const admin = await (await browser.newContext()).newPage();
    await staffSignIn(admin, DEMO.admin);
    const setCardFee = async (flat: string, percent: string) => {
      await admin.goto('/staff/settings');
      await admin.getByRole('group', { name: 'Card payments' }).getByLabel('Flat fee ($)').fill(flat);
      await admin.getByRole('group', { name: 'Card payments' }).getByLabel('Percentage fee (%)').fill(percent);
      await admin.getByRole('button', { name: 'Save fees' }).click();
      await expect(admin.getByText('Fees saved.')).toBeVisible();
    };
    await setCardFee('1.50', '2.5');
    try {
      await expectNoViolations(admin, 'staff fees');
      const phone = await register('Fee Payer');
      const account = await linkAccount(page, 1);
      await page
        .getByRole('region', { name: `Account •••• ${account.accountNumber.slice(-4)}` })
        .getByRole('link', { name: /Pay the bill/ })
        .click();
      await expect(page.getByRole('radio', { name: /A new card/ })).toHaveAccessibleName(
        /A \$1\.50 \+ 2\.5% convenience fee applies/,
      );
      await page.getByLabel('Amount to pay ($)').fill('40.00');
      await fillCard(page);
      await page.getByRole('button', { name: 'Review payment' }).click();
      await expect(page.getByTestId('payment-fee')).toHaveText('$2.50');
      await expect(page.getByTestId('payment-total')).toHaveText('$42.50');
      await sendPaymentCode(page);
      const [codeText] = await textsTo(page, phone.national);
      expect(codeText).toContain('to pay $42.50 from Visa x4242');
      await page.getByLabel('6-digit code').fill(await readCode(page, phone.national, 'payment'));
      await page.getByRole('button', { name: 'Pay now' }).click();
      await expect(page.getByRole('heading', { name: 'Receipt' })).toBeVisible();
      await expect(page.getByTestId('payment-fee')).toHaveText('$2.50');
    } finally {
      await setCardFee('0', '0');
    }
  },
);

test('staff find a customer by phone, read their page, and unlock their phone with a reason', async ({
  page,
  browser,
  register,
}) => {
  const phone = await register('Ursula Unlock');
  const staff = await (await browser.newContext()).newPage();
  await staffSignIn(staff, DEMO.staff);
  await staff.getByRole('link', { name: 'Customers' }).click();
  await staff.getByLabel('Phone, name or account number').fill(phone.typed);
  await staff.getByRole('button', { name: 'Search' }).click();
  await expect(staff.getByTestId('customer-row')).toHaveCount(1);
  await expectNoViolations(staff, 'staff customer search');
  await staff.getByRole('link', { name: 'Ursula Unlock' }).click();
  await expect(staff.getByRole('heading', { name: 'Ursula Unlock' })).toBeVisible();
  await expect(staff.getByTestId('lock-state')).toContainText('Not locked: 0 of 10 wrong sign-in codes');
  await expect(staff.getByTestId('texting')).toContainText('consent');
  await expect(staff.getByTestId('customer-language')).toHaveText('Pages and texts in English');
  await expect(staff.getByTestId('customer-texts')).toContainText('otp registration');
  await expect(staff.getByTestId('customer-texts')).not.toContainText(/\d{6}/);
  await expectNoViolations(staff, 'staff customer page');
  await staff.getByRole('button', { name: 'Unlock the phone' }).click();
  await expect(staff.getByText('Say why, for the audit log')).toBeVisible();
  await staff.getByLabel('Reason').fill('Called in and proved who they are');
  await staff.getByRole('button', { name: 'Unlock the phone' }).click();
  await expect(staff.getByText(/Unlocked: 0 wrong codes cleared\. The customer was texted\./)).toBeVisible();
  await expect
    .poll(async () => (await textsTo(page, phone.national))[0])
    .toContain('Our staff cleared the wrong-code lock');
});
