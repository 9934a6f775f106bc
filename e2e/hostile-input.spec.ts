// Property-based tests (fast-check) of every server action's and route's input, sent over HTTP to
// the running app the way a hand-made request would: wrong types, missing fields, huge strings,
// unicode, negative/zero/overflowing amounts, malformed phones, ids and account numbers. Never a
// 500; form actions answer with an error state (the message the form shows); nothing is written.
import type { APIRequestContext } from '@playwright/test';
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { DEMO } from '../lib/db/demo-data';
import { parseAmountToCents } from '../lib/money';
import { parseMobileNumber } from '../lib/phone';
import { actionId, actionRequest } from '../test/server-actions';
import { sqlOne } from './fixtures/db';
import { expect, linkAccount, sendPaymentCode, staffSignIn, test, fillCard, TEST_CARD_EXPIRY } from './fixtures';

const RUNS = Number(process.env.HOSTILE_RUNS ?? 25);
const IDLE = { status: 'idle' };
/** The pay form's fields for the sandbox's approving test card: only what a property varies is at fault. */
const TEST_CARD = { method: 'card', cardNumber: '4242424242424242', expiry: TEST_CARD_EXPIRY, cvc: '123' };

const hostileText = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    '<script>alert(1)</script>',
    `'; DROP TABLE "Payment"; --`,
    '٣٤٥٦٧٨',
    '１２３４５６',
    '\u202e654321',
    'null',
    '{}',
    '../../etc/passwd',
    '0'.repeat(36),
    '-'.repeat(36),
  ),
  fc.integer({ min: 1000, max: 200_000 }).map((n) => 'x'.repeat(n)),
  fc.double().map(String),
  fc.bigInt().map(String),
);
const hostileAmount = fc.oneof(
  hostileText,
  fc.integer().map(String),
  fc.constantFrom(
    '-1',
    '0',
    '0.00',
    '-0.01',
    '0.99',
    '1e3',
    '1e308',
    'Infinity',
    'NaN',
    '99999999999999999999',
    '1000000.00',
    '0.001',
    '1,00',
    '$-5',
    '.5.5',
    '1.2.3',
  ),
);
/** Anything a request could carry where a string id or a FormData belongs. */
const wrongType = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3, noNullPrototype: true }),
);
/** Form fields, each possibly missing. */
const fields = <K extends string>(keys: Record<K, fc.Arbitrary<string>>): fc.Arbitrary<Partial<Record<K, string>>> =>
  fc.record(keys, { requiredKeys: [] });

function form(values: Partial<Record<string, string>>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(values)) if (value !== undefined) data.set(name, value);
  return data;
}

async function call(request: APIRequestContext, path: string, file: string, name: string, args: unknown[]) {
  const { headers, body } = await actionRequest(actionId(file, name), args);
  const response = await request.post(path, { headers, data: body, maxRedirects: 0 });
  const text = await response.text();
  // Next answers an action that threw with 200 and an error row ("1:E{"digest":"1487922185"}"), not
  // a 500; notFound() and redirect() are rows too, with their own digests ("NEXT_HTTP_ERROR_FALLBACK;404").
  expect(text, `${name} threw on the server`).not.toMatch(/^\d+:E\{"digest":"\d+"/m);
  expect(response.status(), `${name} failed on the server`).toBeLessThan(500);
  return { status: response.status(), text };
}

/** A 404 status, or (for an action posted from another page) the not-found row in the action's answer. */
const isNotFound = (r: { status: number; text: string }) =>
  r.status === 404 || r.text.includes('NEXT_HTTP_ERROR_FALLBACK;404');

/** Text as one path segment; "", "." and ".." would be folded away by URL normalisation (the list page, not an id). */
function pathSegment(text: string): string {
  const encoded = encodeURIComponent(text.slice(0, 2000));
  return encoded === '' || encoded === '.' || encoded === '..' ? `_${encoded}` : encoded;
}

const count = async (table: string, where = 'true', values: unknown[] = []) =>
  (await sqlOne<{ n: number }>(`SELECT count(*)::int AS n FROM "${table}" WHERE ${where}`, values)).n;
const validPhone = (text: string) => parseMobileNumber(text, 'US').ok;
const AUTH = 'app/(auth)/actions.ts';
const PAYMENTS = 'app/(consumer)/payments/actions.ts';

test(
  'sign-up and sign-in actions: hostile phones, codes and ids get an error message and send nothing',
  { tag: '@alone' },
  async ({ request }) => {
    const challenges = await count('OtpChallenge');
    const customers = await count('Customer');
    await fc.assert(
      fc.asyncProperty(fields({ name: hostileText, phone: hostileText }), async (values) => {
        fc.pre(!validPhone(values.phone ?? ''));
        for (const action of ['startRegistrationAction', 'startSignInAction']) {
          const { status, text } = await call(
            request,
            action === 'startSignInAction' ? '/sign-in' : '/register',
            AUTH,
            action,
            [IDLE, form(values)],
          );
          expect(status, action).toBe(200);
          expect(text, action).toContain('"status":"error"');
        }
      }),
      { numRuns: RUNS },
    );
    await fc.assert(
      fc.asyncProperty(fields({ challengeId: hostileText, code: hostileText }), async (values) => {
        for (const action of [
          'verifyRegistrationAction',
          'verifySignInAction',
          'resendRegistrationCodeAction',
          'resendSignInCodeAction',
        ]) {
          const { status, text } = await call(request, '/sign-in/verify', AUTH, action, [IDLE, form(values)]);
          expect(status, action).toBe(200);
          expect(text, action).toContain('"status":"error"');
        }
      }),
      { numRuns: RUNS },
    );
    // Wrong types where the form belongs: a 404, as for any request for nothing.
    await fc.assert(
      fc.asyncProperty(wrongType, wrongType, async (state, notAForm) => {
        expect(isNotFound(await call(request, '/register', AUTH, 'startRegistrationAction', [state, notAForm]))).toBe(
          true,
        );
      }),
      { numRuns: RUNS },
    );
    expect(await count('OtpChallenge')).toBe(challenges);
    expect(await count('Customer')).toBe(customers);
  },
);

test('account and payment actions: hostile account numbers, amounts, codes and ids get an error or a 404; no payment moves', async ({
  page,
  register,
}) => {
  await register('Hostile Input');
  const account = await linkAccount(page, 21);
  const { id: customerId } = await sqlOne<{ id: string }>(
    `SELECT "customerId" AS id FROM "CustomerAccount" ca JOIN "ServiceAccount" a ON a.id = ca."accountId" WHERE a."accountNumber" = $1 ORDER BY "linkedAt" DESC LIMIT 1`,
    [account.accountNumber],
  );
  const { billId, balance } = await sqlOne<{ billId: string; balance: number }>(
    `SELECT b.id AS "billId", b."amountDueCents" - b."amountPaidCents" AS balance FROM "Bill" b JOIN "ServiceAccount" a ON a.id = b."accountId" WHERE a."accountNumber" = $1 ORDER BY b."statementDate" DESC LIMIT 1`,
    [account.accountNumber],
  );
  const links = await count('CustomerAccount', `"customerId" = $1`, [customerId]);
  const payments = await count('Payment', `"customerId" = $1`, [customerId]);
  const request = page.request;

  await fc.assert(
    fc.asyncProperty(fields({ accountNumber: hostileText, secondFact: hostileText }), async (values) => {
      const { status, text } = await call(
        request,
        '/accounts/link',
        'app/(consumer)/accounts/link/actions.ts',
        'linkAccountAction',
        [IDLE, form(values)],
      );
      expect(status).toBe(200);
      expect(text).toContain('"status":"error"');
    }),
    { numRuns: RUNS },
  );
  expect(await count('CustomerAccount', `"customerId" = $1`, [customerId])).toBe(links);

  // Amounts: anything but 1.00 up to the balance is refused with a message.
  await fc.assert(
    fc.asyncProperty(hostileAmount, fc.option(hostileText, { nil: undefined }), async (amount, key) => {
      const cents = parseAmountToCents(amount);
      const idempotencyKey = key ?? randomUUID();
      fc.pre(cents === null || cents < 100 || cents > balance || key !== undefined);
      const { status, text } = await call(request, `/bills/${billId}/pay`, PAYMENTS, 'startPaymentAction', [
        billId,
        IDLE,
        form({ amount, idempotencyKey, ...TEST_CARD }),
      ]);
      expect(status).toBe(200);
      expect(text).toContain('"status":"error"');
    }),
    { numRuns: RUNS * 2 },
  );
  expect(await count('Payment', `"customerId" = $1`, [customerId])).toBe(payments);

  // Ids that are not this customer's bill or payment, of any type: a 404.
  await fc.assert(
    fc.asyncProperty(wrongType, async (id) => {
      const started = await call(request, '/bills', PAYMENTS, 'startPaymentAction', [
        id,
        IDLE,
        form({ amount: '1.00', idempotencyKey: randomUUID(), ...TEST_CARD }),
      ]);
      expect(isNotFound(started)).toBe(true);
      for (const action of ['sendPaymentCodeAction', 'resendPaymentCodeAction', 'cancelPaymentAction']) {
        expect(isNotFound(await call(request, '/payments', PAYMENTS, action, [id, IDLE])), action).toBe(true);
      }
      expect(
        isNotFound(
          await call(request, '/payments', PAYMENTS, 'confirmPaymentAction', [id, IDLE, form({ code: '123456' })]),
        ),
      ).toBe(true);
    }),
    { numRuns: RUNS },
  );
  expect(await count('Payment', `"customerId" = $1`, [customerId])).toBe(payments);

  // A real payment waiting for its code: hostile codes never complete it.
  await page.goto(`/bills/${billId}/pay`);
  await page.getByLabel('Amount to pay ($)').fill('1.00');
  await fillCard(page);
  await page.getByRole('button', { name: 'Review payment' }).click();
  await sendPaymentCode(page);
  const paymentId = /\/payments\/([0-9a-f-]{36})\//.exec(page.url())![1]!;
  await fc.assert(
    fc.asyncProperty(fields({ code: hostileText }), wrongType, async (values, notAForm) => {
      fc.pre(!/^\s*\d{6}\s*$/.test(values.code ?? ''));
      const { status, text } = await call(
        request,
        `/payments/${paymentId}/authorize`,
        PAYMENTS,
        'confirmPaymentAction',
        [paymentId, IDLE, form(values)],
      );
      expect(status).toBe(200);
      expect(text).toContain('"status":"error"');
      expect(
        isNotFound(
          await call(request, `/payments/${paymentId}/authorize`, PAYMENTS, 'confirmPaymentAction', [
            paymentId,
            IDLE,
            notAForm,
          ]),
        ),
      ).toBe(true);
    }),
    { numRuns: RUNS },
  );
  expect(
    (await sqlOne<{ status: string }>(`SELECT status::text FROM "Payment" WHERE id = $1`, [paymentId])).status,
  ).not.toBe('COMPLETED');

  // Pages with hostile ids and query strings: a 404 or the page, never a 500.
  await fc.assert(
    fc.asyncProperty(hostileText, async (text) => {
      const segment = pathSegment(text);
      for (const path of [
        `/payments/${segment}`,
        `/payments/${segment}/review`,
        `/payments/${segment}/authorize`,
        `/bills/${segment}/pay`,
      ]) {
        expect((await request.get(path, { maxRedirects: 0 })).status(), path).toBe(404);
      }
      for (const path of [
        `/register/verify?c=${segment}`,
        `/sign-in/verify?c=${segment}&next=${segment}`,
        `/accounts/link?welcome=${segment}`,
        `/bills?x=${segment}`,
      ]) {
        expect((await request.get(path, { maxRedirects: 0 })).status(), path).toBeLessThan(500);
      }
    }),
    { numRuns: RUNS },
  );
});

test(
  'staff actions and routes: hostile sign-ins, users, files, filters and ids get a message or a 404, never a 500',
  { tag: '@alone' },
  async ({ browser, request }) => {
    const staffAccounts = await count('StaffUser');
    const serviceAccounts = await count('ServiceAccount');
    await fc.assert(
      fc.asyncProperty(fields({ email: hostileText, password: hostileText }), async (values) => {
        const { status, text } = await call(
          request,
          '/staff/sign-in',
          'app/(staff)/staff/actions.ts',
          'staffSignInAction',
          [IDLE, form(values)],
        );
        expect(status).toBe(200);
        expect(text).toContain('"status":"error"');
      }),
      { numRuns: RUNS },
    );

    const admin = await (await browser.newContext()).newPage();
    await staffSignIn(admin, DEMO.admin);
    const staff = admin.request;
    await fc.assert(
      fc.asyncProperty(
        fields({ email: hostileText, name: hostileText, role: hostileText, password: hostileText }),
        async (values) => {
          const { status, text } = await call(
            staff,
            '/staff/users',
            'app/(staff)/staff/users/actions.ts',
            'addStaffUserAction',
            [IDLE, form(values)],
          );
          expect(status).toBe(200);
          expect(text).toContain('"status":"error"');
        },
      ),
      { numRuns: RUNS },
    );
    await fc.assert(
      fc.asyncProperty(hostileText, fc.boolean(), wrongType, async (content, asFile, id) => {
        const file = new FormData();
        if (asFile) file.set('file', new File([content], 'bills.csv', { type: 'text/csv' }));
        else file.set('file', content);
        const { status, text } = await call(
          staff,
          '/staff/import',
          'app/(staff)/staff/import/actions.ts',
          'importBillsAction',
          [IDLE, file],
        );
        expect(status).toBe(200);
        expect(text).toMatch(/"status":"(error|done)"/);
        expect(
          (
            await call(staff, '/staff/users', 'app/(staff)/staff/users/actions.ts', 'setStaffUserDisabledAction', [
              id,
              true,
            ])
          ).status,
        ).toBeLessThan(500);
        expect(
          (
            await call(staff, '/staff/dashboard', 'app/(staff)/staff/dashboard/actions.ts', 'retryDeadMessageAction', [
              id,
            ])
          ).status,
        ).toBeLessThan(500);
      }),
      { numRuns: RUNS },
    );
    expect(await count('StaffUser')).toBe(staffAccounts);
    expect(await count('ServiceAccount')).toBe(serviceAccounts);

    const filter = fc.dictionary(
      fc.constantFrom(
        'status',
        'from',
        'to',
        'min',
        'max',
        'account',
        'phone',
        'confirmation',
        'sort',
        'cursor',
        'other',
      ),
      hostileText.map((t) => t.slice(0, 3000)),
      { maxKeys: 4, noNullPrototype: true },
    );
    await fc.assert(
      fc.asyncProperty(filter, hostileText, async (query, id) => {
        const search = new URLSearchParams(query).toString();
        const page = await staff.get(`/staff/payments?${search}`);
        expect(page.status()).toBe(200);
        const csv = await staff.get(`/api/staff/payments/export?${search}`);
        expect([200, 400]).toContain(csv.status());
        if (csv.status() === 400) expect(await csv.text()).not.toBe('');
        const detail = await staff.get(`/staff/payments/${pathSegment(id)}`);
        expect(detail.status()).toBe(404);
        const audit = await staff.get(`/staff/audit?${search}`);
        expect(audit.status()).toBeLessThan(500);
      }),
      { numRuns: RUNS },
    );

    // next-auth's own credential callbacks, posted directly with a valid CSRF token and anything else.
    for (const [base, provider, names] of [
      ['/api/auth', 'customer-code', ['purpose', 'challengeId', 'code', 'name']],
      ['/api/staff/auth', 'staff-password', ['email', 'password']],
    ] as const) {
      const { csrfToken } = (await (await request.get(`${base}/csrf`)).json()) as { csrfToken: string };
      await fc.assert(
        fc.asyncProperty(
          fc.dictionary(
            fc.constantFrom(...names),
            hostileText.map((t) => t.slice(0, 3000)),
            { maxKeys: names.length, noNullPrototype: true },
          ),
          async (body) => {
            const response = await request.post(`${base}/callback/${provider}`, {
              form: { ...body, csrfToken },
              maxRedirects: 0,
            });
            expect(response.status(), provider).toBeLessThan(500);
            // Refused as a failed sign-in: a server error inside authorize() would say error=Configuration.
            expect(response.headers()['location'] ?? '', provider).toContain('error=CredentialsSignin');
          },
        ),
        { numRuns: RUNS },
      );
    }
    expect(await count('StaffUser')).toBe(staffAccounts);

    // The SMS provider's status callback with anything in it: refused, never a 500.
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(
          fc.constantFrom('MessageSid', 'MessageStatus', 'ErrorCode', 'To', 'other'),
          hostileText.map((t) => t.slice(0, 3000)),
          { maxKeys: 4, noNullPrototype: true },
        ),
        fc.stringMatching(/^[\x20-\x7e]{0,200}$/),
        async (body, signature) => {
          const response = await request.post('/api/sms/twilio/status', {
            form: body,
            headers: { 'x-twilio-signature': signature },
          });
          expect(response.status()).toBeGreaterThanOrEqual(400);
          expect(response.status()).toBeLessThan(500);
        },
      ),
      { numRuns: RUNS },
    );
  },
);

const GUEST = 'app/(guest)/pay/actions.ts';
const LINK = 'app/(consumer)/accounts/link/actions.ts';
const PROFILE = 'app/(consumer)/profile/actions.ts';
const LOST = 'app/(auth)/lost-phone/actions.ts';

test(
  'guest pay and lost-phone actions: hostile bill facts, phones, codes and ids get a message, never a 500; nothing is made',
  { tag: '@alone' },
  async ({ request }) => {
    const passes = await count('GuestPass');
    const changes = await count('PhoneChange');
    await fc.assert(
      fc.asyncProperty(fields({ accountNumber: hostileText, secondFact: hostileText }), async (values) => {
        const { status, text } = await call(request, '/pay', GUEST, 'startGuestPayAction', [IDLE, form(values)]);
        expect(status).toBe(200);
        expect(text).toContain('"status":"error"');
      }),
      { numRuns: RUNS },
    );
    // Without a pass every later step sends the browser to start again (a redirect), whatever it carries.
    await fc.assert(
      fc.asyncProperty(fields({ phone: hostileText, amount: hostileText, method: hostileText }), async (values) => {
        for (const [action, args] of [
          ['chooseGuestPhoneAction', [IDLE, form(values)]],
          ['changeGuestPhoneAction', [IDLE, form(values)]],
          ['registerGuestAction', [IDLE, form({ name: values.phone })]],
        ] as const) {
          const { text } = await call(request, '/pay/bill', GUEST, action, [...args]);
          expect(text, action).not.toContain('"status":"success"');
        }
        const started = await call(request, '/pay/bill', GUEST, 'startGuestPaymentAction', [
          randomUUID(),
          IDLE,
          form({ ...TEST_CARD, ...values, idempotencyKey: randomUUID() }),
        ]);
        expect(started.text).not.toContain('"status":"success"');
      }),
      { numRuns: RUNS },
    );
    await fc.assert(
      fc.asyncProperty(
        fields({ oldPhone: hostileText, accountNumber: hostileText, secondFact: hostileText, newPhone: hostileText }),
        async (values) => {
          const { status, text } = await call(request, '/lost-phone', LOST, 'startLostPhoneAction', [
            IDLE,
            form(values),
          ]);
          expect(status).toBe(200);
          expect(text).toContain('"status":"error"');
        },
      ),
      { numRuns: RUNS },
    );
    await fc.assert(
      fc.asyncProperty(fields({ challengeId: hostileText, code: hostileText }), async (values) => {
        for (const action of ['verifyLostPhoneAction', 'resendLostPhoneAction']) {
          const { status, text } = await call(request, '/lost-phone/verify', LOST, action, [IDLE, form(values)]);
          expect(status, action).toBe(200);
          expect(text, action).toContain('"status":"error"');
        }
      }),
      { numRuns: RUNS },
    );
    expect(await count('GuestPass')).toBe(passes);
    expect(await count('PhoneChange')).toBe(changes);
  },
);

test('linking, number-change and closing actions: hostile codes, phones and ids get a message or a 404; nothing changes', async ({
  page,
  register,
}) => {
  const phone = await register('Hostile Profile');
  const e164 = `+1${phone.national.replace(/\D/g, '')}`;
  const request = page.request;
  await fc.assert(
    fc.asyncProperty(fields({ challengeId: hostileText, code: hostileText }), async (values) => {
      for (const [file, action, path] of [
        [LINK, 'verifyAccountLinkAction', '/accounts/link/verify'],
        [LINK, 'resendAccountLinkAction', '/accounts/link/verify'],
        [PROFILE, 'verifyPhoneChangeAction', '/profile/phone'],
        [PROFILE, 'resendPhoneChangeAction', '/profile/phone'],
        [PROFILE, 'closeAccountAction', '/profile/close'],
      ] as const) {
        const { status, text } = await call(request, path, file, action, [IDLE, form(values)]);
        expect(status, action).toBe(200);
        expect(text, action).toContain('"status":"error"');
      }
    }),
    { numRuns: RUNS },
  );
  await fc.assert(
    fc.asyncProperty(fields({ phone: hostileText }), async (values) => {
      fc.pre(!validPhone(values.phone ?? ''));
      const { status, text } = await call(request, '/profile/phone', PROFILE, 'startPhoneChangeAction', [
        IDLE,
        form(values),
      ]);
      expect(status).toBe(200);
      expect(text).toContain('"status":"error"');
    }),
    { numRuns: RUNS },
  );
  // Another customer's (or a made-up) account: a 404, as for anything that is not theirs.
  await fc.assert(
    fc.asyncProperty(fc.oneof(hostileText, fc.constant(randomUUID())), async (id) => {
      expect(isNotFound(await call(request, '/bills', LINK, 'unlinkAccountAction', [id, IDLE]))).toBe(true);
    }),
    { numRuns: RUNS },
  );
  expect(await count('Customer', `"phoneE164" = $1 AND "deletedAt" IS NULL`, [e164])).toBe(1);
  expect(await count('PhoneChange', `"oldPhoneE164" = $1`, [e164])).toBe(0);
});

test('a STAFF member (not ADMIN) deciding a real lost-phone request gets a 404; the request still waits', async ({
  page,
}) => {
  const { id: customerId, phone } = await sqlOne<{ id: string; phone: string }>(
    `SELECT id, "phoneE164" AS phone FROM "Customer" WHERE "phoneE164" = $1`,
    [DEMO.customer.phoneE164],
  );
  const { id } = await sqlOne<{ id: string }>(
    `INSERT INTO "PhoneChange" (id, "customerId", kind, "oldPhoneE164", "newPhoneE164", status, "newProvenAt")
     VALUES (gen_random_uuid(), $1, 'lost_phone', $2, '+12015550188', 'PENDING_APPROVAL', now()) RETURNING id`,
    [customerId, phone],
  );
  try {
    await staffSignIn(page, DEMO.staff);
    for (const decision of ['approve', 'reject']) {
      const result = await call(
        page.request,
        '/staff/phone-changes',
        'app/(staff)/staff/phone-changes/actions.ts',
        'decidePhoneChangeAction',
        [id, decision, IDLE, form({ reason: 'I am only STAFF' })],
      );
      expect(isNotFound(result), decision).toBe(true);
    }
    expect(
      (await sqlOne<{ status: string }>(`SELECT status::text FROM "PhoneChange" WHERE id = $1`, [id])).status,
    ).toBe('PENDING_APPROVAL');
  } finally {
    await sqlOne(`UPDATE "PhoneChange" SET status = 'ABANDONED' WHERE id = $1 RETURNING id`, [id]);
  }
});

test('staff number-on-file and lost-phone decisions: hostile numbers, reasons and ids get a message or a 404', async ({
  page,
}) => {
  await staffSignIn(page, DEMO.admin);
  const staff = page.request;
  const { id: accountId } = await sqlOne<{ id: string }>(
    `SELECT id FROM "ServiceAccount" ORDER BY "accountNumber" LIMIT 1`,
  );
  const before = await sqlOne<{ phone: string | null }>(
    `SELECT "phoneOnFileE164" AS phone FROM "ServiceAccount" WHERE id = $1`,
    [accountId],
  );
  await fc.assert(
    fc.asyncProperty(fields({ phone: hostileText, reason: hostileText }), async (values) => {
      fc.pre(!validPhone(values.phone ?? '') || (values.reason ?? '').trim().length < 3);
      fc.pre((values.phone ?? '').trim() !== '' || (values.reason ?? '').trim().length < 3);
      const { status, text } = await call(
        staff,
        `/staff/accounts/${accountId}`,
        'app/(staff)/staff/accounts/[accountId]/actions.ts',
        'setPhoneOnFileAction',
        [accountId, IDLE, form(values)],
      );
      expect(status).toBe(200);
      expect(text).toContain('"status":"error"');
    }),
    { numRuns: RUNS },
  );
  await fc.assert(
    fc.asyncProperty(
      fc.oneof(hostileText, fc.constant(randomUUID())),
      fc.constantFrom('approve', 'reject'),
      async (id, decision) => {
        const result = await call(
          staff,
          '/staff/phone-changes',
          'app/(staff)/staff/phone-changes/actions.ts',
          'decidePhoneChangeAction',
          [id, decision, IDLE, form({ reason: 'A good reason' })],
        );
        expect(isNotFound(result) || result.text.includes('"status":"error"')).toBe(true);
      },
    ),
    { numRuns: RUNS },
  );
  expect(
    (
      await sqlOne<{ phone: string | null }>(`SELECT "phoneOnFileE164" AS phone FROM "ServiceAccount" WHERE id = $1`, [
        accountId,
      ])
    ).phone,
  ).toBe(before.phone);
});

test('the language switch: hostile languages change nothing; a hostile Referer never leads off the site', async ({
  request,
}) => {
  const FILE = 'app/language-actions.ts';
  await fc.assert(
    fc.asyncProperty(fields({ locale: hostileText }), async (values) => {
      fc.pre(values.locale !== 'en-US' && values.locale !== 'es-US');
      const { headers, body } = await actionRequest(actionId(FILE, 'setLanguageAction'), [IDLE, form(values)]);
      const response = await request.post('/', { headers, data: body, maxRedirects: 0 });
      expect(response.status()).toBeLessThan(500);
      expect(await response.text()).toContain('"status":"error"');
      expect(response.headers()['set-cookie'] ?? '').not.toContain('utilitypay.locale');
    }),
    { numRuns: RUNS },
  );
  await fc.assert(
    fc.asyncProperty(
      fc.oneof(
        hostileText,
        fc.webUrl(),
        fc.constantFrom('https://evil.example/bills', '//evil.example', '/\\evil.example', 'javascript:alert(1)'),
      ),
      async (referer) => {
        const { headers, body } = await actionRequest(actionId(FILE, 'setLanguageAction'), [
          IDLE,
          form({ locale: 'es-US' }),
        ]);
        const response = await request.post('/', {
          headers: { ...headers, referer: referer.replace(/[^\x20-\x7e]/g, '').slice(0, 2000) },
          data: body,
          maxRedirects: 0,
        });
        expect(response.status()).toBeLessThan(500);
        // Next answers a redirecting action with the target in x-action-redirect ("/path;push").
        const target = response.headers()['x-action-redirect'] ?? response.headers()['location'];
        expect(target, `redirect for Referer ${JSON.stringify(referer)}`).toMatch(/^\/(?![/\\])/);
      },
    ),
    { numRuns: RUNS },
  );
});
