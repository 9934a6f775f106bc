import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { makeAccount, makeCustomer, uniquePhone } from '@/test/factories';
import { getDashboard, retryDeadMessage } from './dashboard';

const TZ = 'America/Chicago';

describe('the dashboard', () => {
  it('counts a payment completed today in today, the last 30 days and its day', async () => {
    const now = new Date();
    const before = await getDashboard(TZ, now);
    const { utilityId, account, bill } = await makeAccount();
    const customer = await makeCustomer();
    await db().payment.create({
      data: {
        confirmationNumber: `D${randomUUID().slice(0, 8)}`,
        utilityId,
        accountId: account.id,
        billId: bill.id,
        customerId: customer.id,
        amountCents: 4321,
        currency: 'USD',
        idempotencyKey: randomUUID(),
        status: 'COMPLETED',
        completedAt: now,
      },
    });
    const after = await getDashboard(TZ, now);
    expect(after.today.count - before.today.count).toBe(1);
    expect(after.today.cents - before.today.cents).toBe(4321);
    expect(after.last30Days.cents - before.last30Days.cents).toBe(4321);
    expect(after.days).toHaveLength(30);
    expect(after.days.at(-1)!.cents - before.days.at(-1)!.cents).toBe(4321);
    expect(after.rates.completion).not.toBeNull();
  });

  it('lets an admin retry a dead confirmation text, not a dead code text', async () => {
    const confirmation = await db().smsMessage.create({
      data: { kind: 'PAYMENT_CONFIRMATION', toE164: uniquePhone(), body: 'Thanks', status: 'DEAD', lastError: 'down' },
    });
    const code = await db().smsMessage.create({
      data: { kind: 'OTP_SIGN_IN', toE164: uniquePhone(), body: null, redacted: true, status: 'DEAD' },
    });
    const staff = await db().staffUser.create({
      data: { email: `a-${randomUUID()}@x.example`, name: 'A', role: 'ADMIN', passwordHash: 'x' },
    });
    const dashboard = await getDashboard(TZ, new Date());
    expect(dashboard.deadMessages.find((m) => m.id === confirmation.id)?.retryable).toBe(true);
    expect(dashboard.deadMessages.find((m) => m.id === code.id)?.retryable).toBe(false);

    expect(await retryDeadMessage({ messageId: confirmation.id, staffId: staff.id, clientIp: null })).toBe(true);
    expect(await db().smsMessage.findUniqueOrThrow({ where: { id: confirmation.id } })).toMatchObject({
      status: 'QUEUED',
      lastError: null,
    });
    expect(await retryDeadMessage({ messageId: code.id, staffId: staff.id, clientIp: null })).toBe(false);
    expect(await db().auditLog.count({ where: { action: 'staff.retried_sms', subjectId: confirmation.id } })).toBe(1);
  });
});
