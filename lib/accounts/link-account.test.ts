import { afterEach, describe, expect, it, vi } from 'vitest';
import { db } from '@/lib/db';
import { makeAccount, makeCustomer, uniqueIp, ensureUtility } from '@/test/factories';
import { controlClock } from '@/test/otp-helpers';
import { getUtility } from '@/lib/utility';
import { OtpError } from '@/lib/otp/errors';
import { codeFor, wrong } from '@/test/otp-helpers';
import { uniquePhone } from '@/test/factories';
import {
  linkAccount,
  LinkAccountError,
  MAX_HOLDERS_PER_ACCOUNT,
  resendAccountLink,
  unlinkAccount,
  verifyAccountLink,
} from './link-account';

afterEach(() => vi.restoreAllMocks());

async function setup(phoneOnFileE164?: string) {
  await ensureUtility();
  const utility = (await getUtility())!;
  const { account } = await makeAccount({
    utilityId: utility.id,
    postalCode: '62704',
    holderName: 'María José Núñez',
    phoneOnFileE164,
  });
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

async function textsTo(toE164: string) {
  return db().smsMessage.findMany({ where: { toE164 }, orderBy: { createdAt: 'asc' } });
}

describe('an account with a mobile number on file', () => {
  it('links only with the code texted to that number, for the customer who asked', async () => {
    const onFile = uniquePhone();
    const { account, customer } = await setup(onFile);
    const outcome = await linkAccount({
      customerId: customer.id,
      accountNumber: account.accountNumber,
      secondFact: '62704',
      clientIp: uniqueIp(),
    });
    expect(outcome.linked).toBe(false);
    if (outcome.linked) return;
    expect(await db().customerAccount.count({ where: { accountId: account.id } })).toBe(0);
    const [text] = await textsTo(onFile);
    expect(text?.kind).toBe('OTP_ACCOUNT');
    const code = await codeFor(outcome.challengeId);

    // Another customer cannot finish it, even with the right code.
    const stranger = await makeCustomer();
    await expect(
      verifyAccountLink({ customerId: stranger.id, challengeId: outcome.challengeId, code, clientIp: uniqueIp() }),
    ).rejects.toBeInstanceOf(OtpError);
    await expect(
      verifyAccountLink({
        customerId: customer.id,
        challengeId: outcome.challengeId,
        code: wrong(code),
        clientIp: uniqueIp(),
      }),
    ).rejects.toMatchObject({ code: 'wrong_code' });
    await verifyAccountLink({ customerId: customer.id, challengeId: outcome.challengeId, code, clientIp: uniqueIp() });
    expect(await db().customerAccount.count({ where: { accountId: account.id, customerId: customer.id } })).toBe(1);
    // Replayed: refused, nothing more.
    await expect(
      verifyAccountLink({ customerId: customer.id, challengeId: outcome.challengeId, code, clientIp: uniqueIp() }),
    ).rejects.toMatchObject({ code: 'already_used' });
  });

  it("links at once when the customer's own number is the one on file", async () => {
    const customer = await makeCustomer();
    const { account } = await setup(customer.phoneE164);
    const outcome = await linkAccount({
      customerId: customer.id,
      accountNumber: account.accountNumber,
      secondFact: 'Nunez',
      clientIp: uniqueIp(),
    });
    expect(outcome).toEqual({ linked: true, accountId: account.id });
  });

  it('a resend sends a new code for the same account, and only to the customer who asked', async () => {
    const time = controlClock(new Date());
    const onFile = uniquePhone();
    const { account, customer } = await setup(onFile);
    const first = await linkAccount({
      customerId: customer.id,
      accountNumber: account.accountNumber,
      secondFact: '62704',
      clientIp: uniqueIp(),
    });
    if (first.linked) throw new Error('expected a code');
    const stranger = await makeCustomer();
    await expect(resendAccountLink(stranger.id, first.challengeId, uniqueIp())).rejects.toBeInstanceOf(OtpError);
    time.advance(61_000);
    const second = await resendAccountLink(customer.id, first.challengeId, uniqueIp());
    await verifyAccountLink({
      customerId: customer.id,
      challengeId: second,
      code: await codeFor(second),
      clientIp: uniqueIp(),
    });
    expect(await db().customerAccount.count({ where: { accountId: account.id } })).toBe(1);
  });
});

describe('holders of an account', () => {
  it(`are at most ${MAX_HOLDERS_PER_ACCOUNT}, even when links race; the others and the number on file are texted`, async () => {
    const { account } = await setup();
    const first = await makeCustomer();
    await linkAccount({
      customerId: first.id,
      accountNumber: account.accountNumber,
      secondFact: '62704',
      clientIp: uniqueIp(),
    });
    const others = await Promise.all(Array.from({ length: MAX_HOLDERS_PER_ACCOUNT + 2 }, () => makeCustomer()));
    const results = await Promise.allSettled(
      others.map((c) =>
        linkAccount({
          customerId: c.id,
          accountNumber: account.accountNumber,
          secondFact: '62704',
          clientIp: uniqueIp(),
        }),
      ),
    );
    expect(await db().customerAccount.count({ where: { accountId: account.id } })).toBe(MAX_HOLDERS_PER_ACCOUNT);
    const refused = results.filter((r) => r.status === 'rejected');
    expect(refused).toHaveLength(3);
    for (const r of refused) expect((r as PromiseRejectedResult).reason).toMatchObject({ code: 'account_full' });
    // The first holder heard of each of the three who joined after them.
    const notices = (await textsTo(first.phoneE164)).filter((t) => t.kind === 'ACCOUNT_NOTICE');
    expect(notices).toHaveLength(MAX_HOLDERS_PER_ACCOUNT - 1);
    expect(notices[0]?.body).toContain(`Acct ..${account.accountNumber.slice(-4)} was added to another online`);
  });

  it('can remove a link, theirs only; linking again works', async () => {
    const { account, customer } = await setup();
    await linkAccount({
      customerId: customer.id,
      accountNumber: account.accountNumber,
      secondFact: '62704',
      clientIp: uniqueIp(),
    });
    const stranger = await makeCustomer();
    await expect(
      unlinkAccount({ customerId: stranger.id, accountId: account.id, clientIp: null }),
    ).rejects.toMatchObject({
      code: 'not_found',
    });
    await unlinkAccount({ customerId: customer.id, accountId: account.id, clientIp: null });
    expect(await db().customerAccount.count({ where: { accountId: account.id } })).toBe(0);
    expect(await db().auditLog.count({ where: { action: 'account.unlinked', subjectId: account.id } })).toBe(1);
  });

  it('wrong facts for one account are limited whoever asks (10 an hour across customers and addresses)', async () => {
    controlClock(new Date('2034-01-01T00:00:00Z'));
    const { account } = await setup();
    for (let i = 0; i < 10; i++) {
      const c = await makeCustomer();
      await refusal(
        linkAccount({
          customerId: c.id,
          accountNumber: account.accountNumber,
          secondFact: `9999${i}`,
          clientIp: uniqueIp(),
        }),
      );
    }
    const late = await makeCustomer();
    expect(
      (
        await refusal(
          linkAccount({
            customerId: late.id,
            accountNumber: account.accountNumber,
            secondFact: '62704',
            clientIp: uniqueIp(),
          }),
        )
      ).code,
    ).toBe('rate_limited');
  });
});
