import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { BUCKETS, OTP_POLICY } from '@/lib/otp/policy';
import { formatPhone } from '@/lib/phone';
import { ensureUtility, makeAccount, makeCustomer } from '@/test/factories';
import { getCustomerForStaff, searchCustomers, unlockCustomerPhone } from './staff-view';

describe("staff's customer page", () => {
  it('finds a customer by phone as typed, by account number, or by part of the name', async () => {
    await ensureUtility();
    const name = `Quentin Findable ${randomUUID().slice(0, 6)}`;
    const customer = await makeCustomer(undefined, name);
    const { account } = await makeAccount();
    await db().customerAccount.create({ data: { customerId: customer.id, accountId: account.id } });
    for (const query of [
      formatPhone(customer.phoneE164),
      customer.phoneE164,
      account.accountNumber,
      name.slice(-10).toLowerCase(),
    ])
      expect(
        (await searchCustomers(query)).map((r) => r.id),
        query,
      ).toContain(customer.id);
    expect(await searchCustomers('   ')).toEqual([]);
    expect(await searchCustomers('%')).not.toContainEqual(expect.objectContaining({ id: customer.id }));
  });

  it('shows a phone locked by wrong codes; STAFF unlock it with a reason, audited, and the customer is texted', async () => {
    await ensureUtility();
    const customer = await makeCustomer();
    const now = new Date();
    await db().rateLimitHit.createMany({
      data: Array.from({ length: OTP_POLICY.failureBudget.limit }, () => ({
        bucket: BUCKETS.failPhone,
        key: customer.phoneE164,
        createdAt: now,
      })),
    });
    expect((await getCustomerForStaff(customer.id))!.budgets).toMatchObject({
      locked: true,
      strangers: OTP_POLICY.failureBudget.limit,
    });
    const staff = await db().staffUser.create({
      data: { email: `s-${randomUUID()}@x.example`, name: 'S', role: 'STAFF', passwordHash: 'x' },
    });
    await expect(
      unlockCustomerPhone({
        customerId: customer.id,
        staffId: staff.id,
        clientIp: null,
        reason: 'Called in, proved ID',
      }),
    ).resolves.toBe(OTP_POLICY.failureBudget.limit);
    expect((await getCustomerForStaff(customer.id))!.budgets).toMatchObject({ locked: false, strangers: 0 });
    const entry = await db().auditLog.findFirstOrThrow({
      where: { action: 'staff.unlocked_phone', subjectId: customer.phoneE164 },
    });
    expect(entry).toMatchObject({ actorId: staff.id, details: { cleared: 10, reason: 'Called in, proved ID' } });
    const text = await db().smsMessage.findFirstOrThrow({
      where: { toE164: customer.phoneE164, kind: 'SECURITY_ALERT' },
    });
    expect(text.body).toContain('Our staff cleared the wrong-code lock on your number');
    await expect(
      unlockCustomerPhone({ customerId: randomUUID(), staffId: staff.id, clientIp: null, reason: 'x' }),
    ).rejects.toMatchObject({ code: 'not_found' });
    expect(await getCustomerForStaff('not-a-uuid')).toBeNull();
  });
});
