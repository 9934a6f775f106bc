import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { getUtility } from '@/lib/utility';
import { OtpError } from '@/lib/otp/errors';
import { ensureUtility, makeAccount, makeCustomer, uniqueIp, uniquePhone } from '@/test/factories';
import { codeFor, controlClock, wrong } from '@/test/otp-helpers';
import {
  decidePhoneChange,
  openPhoneChange,
  pendingPhoneChanges,
  startLostPhone,
  startPhoneChange,
  verifyLostPhoneCode,
  verifyPhoneChangeCode,
} from './phone-change';

const national = (e164: string) => `(${e164.slice(2, 5)}) ${e164.slice(5, 8)}-${e164.slice(8)}`;

async function holder(options: { phoneOnFileE164?: string } = {}) {
  await ensureUtility();
  const { account } = await makeAccount({ utilityId: (await getUtility())!.id, ...options });
  const customer = await makeCustomer();
  await db().customerAccount.create({ data: { customerId: customer.id, accountId: account.id } });
  return { account, customer };
}

async function admin() {
  return (
    await db().staffUser.create({
      data: { email: `admin-${randomUUID()}@x.example`, name: 'Ada', role: 'ADMIN', passwordHash: 'x' },
    })
  ).id;
}

async function textsTo(toE164: string) {
  return (await db().smsMessage.findMany({ where: { toE164 }, orderBy: { createdAt: 'asc' } })).map(
    (m) => m.body ?? `[${m.kind}]`,
  );
}

describe('changing the number, signed in', () => {
  it('needs a code to the old number, then to the new one; the old number is told', async () => {
    controlClock(new Date());
    const { customer } = await holder();
    const newPhone = uniquePhone();
    await startPhoneChange({ customerId: customer.id, phone: national(newPhone), clientIp: uniqueIp() });
    let open = (await openPhoneChange(customer.id))!;
    expect(open.step).toBe('old');
    const oldChallenge = await db().otpChallenge.findUniqueOrThrow({ where: { id: open.challengeId! } });
    expect(oldChallenge.phoneE164).toBe(customer.phoneE164);
    await expect(
      verifyPhoneChangeCode({ customerId: customer.id, code: wrong(await codeFor(open.challengeId!)), clientIp: null }),
    ).rejects.toMatchObject({ code: 'wrong_code' });
    expect(
      await verifyPhoneChangeCode({ customerId: customer.id, code: await codeFor(open.challengeId!), clientIp: null }),
    ).toEqual({
      completed: false,
    });
    open = (await openPhoneChange(customer.id))!;
    expect(open.step).toBe('new');
    expect((await db().otpChallenge.findUniqueOrThrow({ where: { id: open.challengeId! } })).phoneE164).toBe(newPhone);
    // Still the old number until the new one is proven.
    expect((await db().customer.findUniqueOrThrow({ where: { id: customer.id } })).phoneE164).toBe(customer.phoneE164);
    expect(
      await verifyPhoneChangeCode({ customerId: customer.id, code: await codeFor(open.challengeId!), clientIp: null }),
    ).toEqual({
      completed: true,
    });
    const after = await db().customer.findUniqueOrThrow({ where: { id: customer.id } });
    expect(after.phoneE164).toBe(newPhone);
    // A signed-in change keeps the session it was made in.
    expect(after.sessionVersion).toBe(customer.sessionVersion);
    expect((await textsTo(customer.phoneE164)).join('\n')).toContain(
      `now uses the number ending ${newPhone.slice(-4)}`,
    );
    expect(await openPhoneChange(customer.id)).toBeNull();
    expect(await db().auditLog.count({ where: { action: 'customer.phone_changed', subjectId: customer.id } })).toBe(1);
  });

  it("refuses its own number; another customer's number only once its code is entered (no probing)", async () => {
    const { customer } = await holder();
    const other = await makeCustomer();
    await expect(
      startPhoneChange({ customerId: customer.id, phone: customer.phoneE164, clientIp: null }),
    ).rejects.toMatchObject({
      code: 'same_number',
      field: 'phone',
    });
    await startPhoneChange({ customerId: customer.id, phone: other.phoneE164, clientIp: uniqueIp() });
    let open = (await openPhoneChange(customer.id))!;
    await verifyPhoneChangeCode({ customerId: customer.id, code: await codeFor(open.challengeId!), clientIp: null });
    open = (await openPhoneChange(customer.id))!;
    await expect(
      verifyPhoneChangeCode({ customerId: customer.id, code: await codeFor(open.challengeId!), clientIp: null }),
    ).rejects.toMatchObject({ code: 'number_taken' });
    expect((await db().customer.findUniqueOrThrow({ where: { id: customer.id } })).phoneE164).toBe(customer.phoneE164);
    await expect(
      verifyPhoneChangeCode({ customerId: customer.id, code: '123456', clientIp: null }),
    ).rejects.toBeInstanceOf(OtpError);
  });
});

describe('a lost phone', () => {
  it('re-proves the bill facts, proves the new number, then waits for an ADMIN; approval moves the number and ends sessions', async () => {
    const { account, customer } = await holder();
    const newPhone = uniquePhone();
    const challengeId = await startLostPhone({
      oldPhone: customer.phoneE164,
      accountNumber: account.accountNumber,
      secondFact: '62704',
      newPhone: national(newPhone),
      clientIp: uniqueIp(),
    });
    expect(await verifyLostPhoneCode({ challengeId, code: await codeFor(challengeId), clientIp: null })).toBe(
      'pending',
    );
    expect((await textsTo(newPhone)).join('\n')).toContain('Staff review it within 1 business day');
    const [pending] = (await pendingPhoneChanges()).filter((c) => c.customerId === customer.id);
    expect(pending?.status).toBe('PENDING_APPROVAL');
    await decidePhoneChange({
      changeId: pending!.id,
      approve: true,
      reason: 'Called, ID checked',
      staffId: await admin(),
      clientIp: null,
    });
    const after = await db().customer.findUniqueOrThrow({ where: { id: customer.id } });
    expect(after.phoneE164).toBe(newPhone);
    expect(after.sessionVersion).toBe(customer.sessionVersion + 1);
    expect((await textsTo(newPhone)).join('\n')).toContain('now uses this number');
    expect((await textsTo(customer.phoneE164)).join('\n')).toContain(`ending ${newPhone.slice(-4)}`);
    // Decided once.
    await expect(
      decidePhoneChange({
        changeId: pending!.id,
        approve: false,
        reason: 'again',
        staffId: await admin(),
        clientIp: null,
      }),
    ).rejects.toMatchObject({ code: 'not_found' });
  });

  it('is done at once when the new number is the account’s number on file', async () => {
    const onFile = uniquePhone();
    const { account, customer } = await holder({ phoneOnFileE164: onFile });
    const challengeId = await startLostPhone({
      oldPhone: customer.phoneE164,
      accountNumber: account.accountNumber,
      secondFact: 'Okafor',
      newPhone: onFile,
      clientIp: uniqueIp(),
    });
    expect(await verifyLostPhoneCode({ challengeId, code: await codeFor(challengeId), clientIp: null })).toBe(
      'completed',
    );
    expect((await db().customer.findUniqueOrThrow({ where: { id: customer.id } })).phoneE164).toBe(onFile);
  });

  it('answers a number that does not hold the account like wrong bill facts, and counts it', async () => {
    controlClock(new Date('2035-01-01T00:00:00Z'));
    const { account } = await holder();
    const stranger = await makeCustomer();
    const ip = uniqueIp();
    const refusals: Array<string | Error> = [];
    for (const oldPhone of [stranger.phoneE164, uniquePhone()])
      refusals.push(
        await startLostPhone({
          oldPhone,
          accountNumber: account.accountNumber,
          secondFact: '62704',
          newPhone: uniquePhone(),
          clientIp: ip,
        }).catch((e: unknown) => e as Error),
      );
    for (const refusal of refusals) expect(refusal).toMatchObject({ code: 'no_match' });
    expect(new Set(refusals.map((e) => (e as Error).message)).size).toBe(1);
    expect(await db().rateLimitHit.count({ where: { bucket: 'facts:caller', key: `lost:${ip}` } })).toBe(2);
  });

  it('a rejection leaves the number and texts the new one', async () => {
    const { account, customer } = await holder();
    const newPhone = uniquePhone();
    const challengeId = await startLostPhone({
      oldPhone: customer.phoneE164,
      accountNumber: account.accountNumber,
      secondFact: '62704',
      newPhone,
      clientIp: uniqueIp(),
    });
    await verifyLostPhoneCode({ challengeId, code: await codeFor(challengeId), clientIp: null });
    const change = await db().phoneChange.findFirstOrThrow({ where: { customerId: customer.id } });
    await decidePhoneChange({
      changeId: change.id,
      approve: false,
      reason: 'Could not verify',
      staffId: await admin(),
      clientIp: null,
    });
    expect((await db().customer.findUniqueOrThrow({ where: { id: customer.id } })).phoneE164).toBe(customer.phoneE164);
    expect((await textsTo(newPhone)).join('\n')).toContain('could not approve');
  });
});
