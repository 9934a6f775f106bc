import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { OtpError } from '@/lib/otp/errors';
import { makeMethod, uniqueIp } from '@/test/factories';
import { customerWithBill, paymentWithCode } from '@/test/payment-helpers';
import { codeFor, wrong } from '@/test/otp-helpers';
import { confirmPayment } from '@/lib/payments/confirm-payment';
import { closeAccount, sendCloseAccountCode } from './close-account';
import { CODE_TEXT_PLACEHOLDER, myData, myDataCsv } from './my-data';

describe('closing an account', () => {
  it('needs a fresh code; clears the person, keeps the payments, frees the number, detaches saved methods', async () => {
    const { customer, bill } = await customerWithBill();
    const paid = await paymentWithCode(customer.id, bill.id, 2_000);
    const paymentId = paid.paymentId;
    await confirmPayment({ customerId: customer.id, paymentId, code: paid.code, clientIp: null });
    const savedId = await makeMethod(customer.id, '5555555555554444', true);

    const challengeId = await sendCloseAccountCode(customer.id, uniqueIp());
    await expect(
      closeAccount({ customerId: customer.id, challengeId, code: wrong(await codeFor(challengeId)), clientIp: null }),
    ).rejects.toMatchObject({ code: 'wrong_code' });
    await closeAccount({ customerId: customer.id, challengeId, code: await codeFor(challengeId), clientIp: null });

    const after = await db().customer.findUniqueOrThrow({ where: { id: customer.id }, include: { accounts: true } });
    expect(after).toMatchObject({
      name: '',
      phoneE164: `closed:${customer.id}`,
      sessionVersion: customer.sessionVersion + 1,
    });
    expect(after.deletedAt).not.toBeNull();
    expect(after.accounts).toEqual([]);
    expect(await db().payment.count({ where: { id: paymentId, customerId: customer.id, status: 'COMPLETED' } })).toBe(
      1,
    );
    expect(await db().paymentMethod.count({ where: { customerId: customer.id, removedAt: null } })).toBe(0);
    // The saved card's token waits for its detachment at the processor: this token, once.
    const saved = await db().paymentMethod.findUniqueOrThrow({ where: { id: savedId }, select: { token: true } });
    const jobs = await db().$queryRaw<Array<{ n: bigint }>>`
      SELECT count(*) AS n FROM graphile_worker._private_jobs j
        JOIN graphile_worker._private_tasks t ON t.id = j.task_id
       WHERE t.identifier = 'detach_method' AND j.payload->>'token' = ${saved.token}`;
    expect(Number(jobs[0]!.n)).toBe(1);
    const texts = await db().smsMessage.findMany({ where: { toE164: customer.phoneE164, kind: 'ACCOUNT_NOTICE' } });
    expect(texts.map((t) => t.body)).toEqual([expect.stringContaining('account is closed')]);
    // The number may register again: it is free.
    expect(await db().customer.count({ where: { phoneE164: customer.phoneE164 } })).toBe(0);
  });

  it('refuses a code sent to another number, and while a payment is still processing', async () => {
    const { customer, bill } = await customerWithBill();
    const other = await customerWithBill();
    const othersCode = await sendCloseAccountCode(other.customer.id, uniqueIp());
    await expect(
      closeAccount({
        customerId: customer.id,
        challengeId: othersCode,
        code: await codeFor(othersCode),
        clientIp: null,
      }),
    ).rejects.toBeInstanceOf(OtpError);
    // A bank debit stays processing for days.
    const debit = await paymentWithCode(customer.id, bill.id, 1_000, '000123456789');
    expect(
      (await confirmPayment({ customerId: customer.id, paymentId: debit.paymentId, code: debit.code, clientIp: null }))
        .outcome,
    ).toBe('processing');
    const code = await sendCloseAccountCode(customer.id, uniqueIp());
    await expect(
      closeAccount({ customerId: customer.id, challengeId: code, code: await codeFor(code), clientIp: null }),
    ).rejects.toMatchObject({ code: 'payment_in_flight' });
    expect((await db().customer.findUniqueOrThrow({ where: { id: customer.id } })).deletedAt).toBeNull();
  });
});

describe('downloading my data', () => {
  it('holds profile, accounts, payments and texts, never a code, as JSON and CSV', async () => {
    const { customer, account, bill } = await customerWithBill();
    const { paymentId, code } = await paymentWithCode(customer.id, bill.id, 2_500);
    await confirmPayment({ customerId: customer.id, paymentId, code, clientIp: null });
    const data = await myData(customer.id, null);
    expect(data.profile).toMatchObject({ name: customer.name, mobileNumber: customer.phoneE164 });
    expect(data.linkedAccounts.map((a) => a.accountNumber)).toEqual([account.accountNumber]);
    expect(data.payments).toEqual([
      expect.objectContaining({ amount: '25.00', status: 'COMPLETED', paidFrom: 'Visa ending 4242' }),
    ]);
    expect(data.texts.map((t) => t.kind)).toEqual(expect.arrayContaining(['OTP_PAYMENT', 'PAYMENT_CONFIRMATION']));
    expect(data.texts.find((t) => t.kind === 'OTP_PAYMENT')?.text).toBe(CODE_TEXT_PLACEHOLDER);
    const csv = myDataCsv(data);
    for (const text of [JSON.stringify(data), csv]) expect(text).not.toContain(code);
    expect(csv.split('\r\n')[0]).toBe('record,when,what,amount,status,reference');
    expect(csv).toContain(`payment,`);
    expect(await db().auditLog.count({ where: { action: 'customer.exported_data', actorId: customer.id } })).toBe(1);
  });
});
