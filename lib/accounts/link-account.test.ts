import { afterEach, describe, expect, it, vi } from 'vitest';
import { db } from '@/lib/db';
import { makeAccount, makeCustomer, uniqueIp, ensureUtility } from '@/test/factories';
import { controlClock } from '@/test/otp-helpers';
import { getUtility } from '@/lib/utility';
import { linkAccount, LinkAccountError } from './link-account';

afterEach(() => vi.restoreAllMocks());

async function setup() {
  await ensureUtility();
  const utility = (await getUtility())!;
  const { account } = await makeAccount({ utilityId: utility.id, postalCode: '62704', holderName: 'María José Núñez' });
  const customer = await makeCustomer();
  return { account, customer };
}

async function refusal(promise: Promise<unknown>) {
  const error = await promise.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(LinkAccountError);
  return error as LinkAccountError;
}

describe('linking an account', () => {
  it('works with the postal code or the last name, as printed or loosely typed', async () => {
    const { account, customer } = await setup();
    await linkAccount({
      customerId: customer.id,
      accountNumber: account.accountNumber,
      secondFact: '62704',
      clientIp: uniqueIp(),
    });
    const other = await makeCustomer();
    const spaced = `${account.accountNumber.slice(0, 4)} ${account.accountNumber.slice(4)}`;
    await linkAccount({ customerId: other.id, accountNumber: spaced, secondFact: 'nunez', clientIp: uniqueIp() });
    expect(await db().customerAccount.count({ where: { accountId: account.id } })).toBe(2);
  });

  it('answers every kind of mismatch the same way', async () => {
    const { account, customer } = await setup();
    const wrongFact = await refusal(
      linkAccount({
        customerId: customer.id,
        accountNumber: account.accountNumber,
        secondFact: '99999',
        clientIp: uniqueIp(),
      }),
    );
    const noAccount = await refusal(
      linkAccount({ customerId: customer.id, accountNumber: '1', secondFact: '62704', clientIp: uniqueIp() }),
    );
    const firstName = await refusal(
      linkAccount({
        customerId: customer.id,
        accountNumber: account.accountNumber,
        secondFact: 'María',
        clientIp: uniqueIp(),
      }),
    );
    expect(new Set([wrongFact.userMessage, noAccount.userMessage, firstName.userMessage]).size).toBe(1);
    expect(wrongFact.code).toBe('no_match');
    expect(await db().customerAccount.count({ where: { customerId: customer.id } })).toBe(0);
  });

  it('is limited to 10 wrong tries an hour per customer', async () => {
    const time = controlClock(new Date());
    const { account, customer } = await setup();
    for (let i = 0; i < 10; i++)
      await refusal(
        linkAccount({
          customerId: customer.id,
          accountNumber: account.accountNumber,
          secondFact: `0000${i}`,
          clientIp: uniqueIp(),
        }),
      );
    // Even the right details wait now.
    expect(
      (
        await refusal(
          linkAccount({
            customerId: customer.id,
            accountNumber: account.accountNumber,
            secondFact: '62704',
            clientIp: uniqueIp(),
          }),
        )
      ).code,
    ).toBe('rate_limited');
    time.advance(3600_000 + 1);
    await expect(
      linkAccount({
        customerId: customer.id,
        accountNumber: account.accountNumber,
        secondFact: '62704',
        clientIp: uniqueIp(),
      }),
    ).resolves.toHaveProperty('accountId');
  });

  // Issue 13: the wait was written as whole minutes, so half a minute read "Please wait 1 minutes".
  it('says how long to wait as a person would read it', async () => {
    const time = controlClock(new Date('2033-01-01T00:00:00Z'));
    const { account, customer } = await setup();
    for (let i = 0; i < 10; i++)
      await refusal(
        linkAccount({
          customerId: customer.id,
          accountNumber: account.accountNumber,
          secondFact: `0000${i}`,
          clientIp: uniqueIp(),
        }),
      );
    time.advance(3600_000 - 30_000);
    expect(
      (
        await refusal(
          linkAccount({
            customerId: customer.id,
            accountNumber: account.accountNumber,
            secondFact: '62704',
            clientIp: uniqueIp(),
          }),
        )
      ).userMessage,
    ).toBe('Too many tries. Please wait 30 seconds and try again, or call us.');
  });
});
