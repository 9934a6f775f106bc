import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { getUtility } from '@/lib/utility';
import { ensureUtility, makeAccount } from '@/test/factories';
import { findAccountByNumber, getAccountForStaff, setPhoneOnFile } from './staff-account';

async function setup() {
  await ensureUtility();
  const { account } = await makeAccount({ utilityId: (await getUtility())!.id });
  const staff = await db().staffUser.create({
    data: { email: `staff-${randomUUID()}@x.example`, name: 'Sam', role: 'STAFF', passwordHash: 'x' },
  });
  return { account, staffId: staff.id };
}

describe('the number on file, for staff', () => {
  it('is set as typed, cleared when blank, audited masked with the reason', async () => {
    const { account, staffId } = await setup();
    const typed = `${account.accountNumber.slice(0, 3)} ${account.accountNumber.slice(3)}`;
    expect((await findAccountByNumber(typed))?.id).toBe(account.id);
    expect(
      await setPhoneOnFile({
        accountId: account.id,
        phone: '(201) 555-0177',
        reason: 'Holder called',
        staffId,
        clientIp: null,
      }),
    ).toBe('+12015550177');
    expect((await getAccountForStaff(account.id))?.phoneOnFileE164).toBe('+12015550177');
    await setPhoneOnFile({ accountId: account.id, phone: '  ', reason: 'Holder moved', staffId, clientIp: null });
    expect((await getAccountForStaff(account.id))?.phoneOnFileE164).toBeNull();
    const entries = await db().auditLog.findMany({
      where: { action: 'staff.set_phone_on_file', subjectId: account.id },
      orderBy: { id: 'asc' },
    });
    expect(entries.map((e) => e.details)).toEqual([
      { reason: 'Holder called', from: null, to: '+1 ••• ••• 0177' },
      { reason: 'Holder moved', from: '+1 ••• ••• 0177', to: null },
    ]);
    expect(JSON.stringify(entries.map((e) => e.details))).not.toContain('5550177');
  });

  it('refuses a number that cannot get texts, and an unknown account', async () => {
    const { account, staffId } = await setup();
    await expect(
      setPhoneOnFile({ accountId: account.id, phone: '12', reason: 'x y z', staffId, clientIp: null }),
    ).rejects.toMatchObject({ code: 'bad_phone', field: 'phone' });
    await expect(
      setPhoneOnFile({ accountId: randomUUID(), phone: '', reason: 'x y z', staffId, clientIp: null }),
    ).rejects.toMatchObject({ code: 'not_found' });
  });
});
