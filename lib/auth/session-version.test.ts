import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { makeCustomer } from '@/test/factories';
import { endCustomerSessions, SESSION_MAX_AGE_MS, sessionIsCurrent } from './session-version';

const now = new Date('2030-01-01T12:00:00Z');

describe('a session token', () => {
  it('holds while its version is the current one and it is younger than the absolute limit', () => {
    expect(
      sessionIsCurrent({ sessionVersion: 3, signedInAt: now.getTime() - 1000 }, 3, now, SESSION_MAX_AGE_MS.customer),
    ).toBe(true);
    expect(
      sessionIsCurrent(
        { sessionVersion: 3, signedInAt: now.getTime() - SESSION_MAX_AGE_MS.customer + 1 },
        3,
        now,
        SESSION_MAX_AGE_MS.customer,
      ),
    ).toBe(true);
  });

  it('ends at the absolute limit however active it was, and with any other version', () => {
    expect(
      sessionIsCurrent(
        { sessionVersion: 3, signedInAt: now.getTime() - SESSION_MAX_AGE_MS.customer },
        3,
        now,
        SESSION_MAX_AGE_MS.customer,
      ),
    ).toBe(false);
    expect(
      sessionIsCurrent({ sessionVersion: 2, signedInAt: now.getTime() }, 3, now, SESSION_MAX_AGE_MS.customer),
    ).toBe(false);
    // Tokens issued before versions existed carry neither claim.
    expect(sessionIsCurrent({}, 0, now, SESSION_MAX_AGE_MS.customer)).toBe(false);
  });

  it('of a customer ends for good at sign-out: the version moves on', async () => {
    const customer = await makeCustomer();
    expect(customer.sessionVersion).toBe(0);
    await endCustomerSessions(customer.id);
    const after = await db().customer.findUniqueOrThrow({ where: { id: customer.id } });
    expect(
      sessionIsCurrent(
        { sessionVersion: 0, signedInAt: Date.now() },
        after.sessionVersion,
        new Date(),
        SESSION_MAX_AGE_MS.customer,
      ),
    ).toBe(false);
  });
});
