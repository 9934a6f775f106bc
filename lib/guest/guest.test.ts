import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { getUtility } from '@/lib/utility';
import { sendCustomerCode } from '@/lib/customers/send-customer-code';
import { verifyCustomerCode } from '@/lib/customers/verify-customer-code';
import { BUCKETS } from '@/lib/otp/policy';
import { confirmPayment } from '@/lib/payments/confirm-payment';
import { sendPaymentCode } from '@/lib/payments/send-payment-code';
import { ensureUtility, makeAccount, makeCustomer, TEST_CARD_EXPIRY, uniqueIp, uniquePhone } from '@/test/factories';
import { codeFor, controlClock, wrong } from '@/test/otp-helpers';
import { GUEST_PASS_TTL_MS, readGuestPass, startGuestPass } from './guest-pass';
import { choosePayerPhone, guestBill, startGuestPayment } from './guest-payer';
import { registerGuest, registrationOffer } from './register-guest';

const card = { kind: 'card' as const, number: '4242424242424242', expiry: TEST_CARD_EXPIRY, cvc: '123', save: true };

async function accountWith(options: { phoneOnFileE164?: string } = {}) {
  await ensureUtility();
  return makeAccount({ utilityId: (await getUtility())!.id, amountDueCents: 8_000, ...options });
}

async function passFor(accountNumber: string, secondFact = '62704') {
  const token = await startGuestPass({ accountNumber, secondFact, clientIp: uniqueIp() });
  return (await readGuestPass(token))!;
}

/** A one-time payer's whole payment, up to the code in hand. */
async function guestPaymentWithCode(phone = uniquePhone(), options: { phoneOnFileE164?: string } = {}) {
  const { account, bill } = await accountWith(options);
  let pass = await passFor(account.accountNumber);
  await choosePayerPhone(pass, phone);
  pass = (await db().guestPass.findUniqueOrThrow({ where: { tokenHash: pass.tokenHash } })) as typeof pass;
  const started = await startGuestPayment({
    pass,
    billId: bill.id,
    amountCents: 5_000,
    choice: card,
    idempotencyKey: randomUUID(),
    clientIp: null,
  });
  pass = (await db().guestPass.findUniqueOrThrow({ where: { tokenHash: pass.tokenHash } })) as typeof pass;
  const { challengeId } = await sendPaymentCode({
    customerId: pass.customerId!,
    paymentId: started.paymentId,
    clientIp: uniqueIp(),
    guest: true,
  });
  return { account, bill, pass, paymentId: started.paymentId, challengeId };
}

describe('pay without registering', () => {
  it('starts with the bill facts (the same answer for every mismatch) and lasts 30 minutes', async () => {
    const time = controlClock(new Date());
    const { account } = await accountWith();
    const wrongFact = await startGuestPass({
      accountNumber: account.accountNumber,
      secondFact: '00000',
      clientIp: uniqueIp(),
    }).catch((e: unknown) => e);
    const noAccount = await startGuestPass({ accountNumber: '12', secondFact: '62704', clientIp: uniqueIp() }).catch(
      (e: unknown) => e,
    );
    expect(wrongFact).toMatchObject({ code: 'no_match' });
    expect((noAccount as Error).message).toBe((wrongFact as Error).message);
    const token = await startGuestPass({
      accountNumber: account.accountNumber,
      secondFact: 'okafor',
      clientIp: uniqueIp(),
    });
    expect(await db().guestPass.count({ where: { tokenHash: token } })).toBe(0); // only its hash is kept
    expect((await readGuestPass(token))?.accountId).toBe(account.id);
    time.advance(GUEST_PASS_TTL_MS + 1);
    expect(await readGuestPass(token)).toBeNull();
    expect(await readGuestPass('not a token')).toBeNull();
  });

  it('shows only what the bill facts prove: amount, due date, masked account, town', async () => {
    const { account } = await accountWith({ phoneOnFileE164: '+12015550155' });
    const view = await guestBill(await passFor(account.accountNumber));
    expect(view).toMatchObject({
      balanceCents: 8_000,
      accountMasked: `•••• ${account.accountNumber.slice(-4)}`,
      town: 'Springfield',
      phoneOnFileMasked: '+1 ••• ••• 0155',
      payerPhoneMasked: null,
    });
    expect(JSON.stringify(view)).not.toMatch(/Okafor|Willow/);
  });

  it('texts the number on file when the account has one, whatever was typed', async () => {
    const onFile = uniquePhone();
    const { pass, challengeId } = await guestPaymentWithCode(uniquePhone(), { phoneOnFileE164: onFile });
    const payer = await db().customer.findUniqueOrThrow({ where: { id: pass.customerId! } });
    expect(payer.phoneE164).toBe(onFile);
    expect(payer.registeredAt).toBeNull();
    expect((await db().otpChallenge.findUniqueOrThrow({ where: { id: challengeId } })).phoneE164).toBe(onFile);
  });

  it('pays with the code, bound exactly as for a customer; wrong codes count against strangers’ budget', async () => {
    const phone = uniquePhone();
    const { pass, paymentId, challengeId, bill } = await guestPaymentWithCode(phone);
    const code = await codeFor(challengeId);
    await expect(
      confirmPayment({ customerId: pass.customerId!, paymentId, code: wrong(code), clientIp: uniqueIp(), guest: true }),
    ).rejects.toMatchObject({ code: 'wrong_code' });
    expect(await db().rateLimitHit.count({ where: { bucket: BUCKETS.failPhone, key: phone } })).toBe(1);
    expect(await db().rateLimitHit.count({ where: { bucket: BUCKETS.failPayment, key: phone } })).toBe(0);
    const result = await confirmPayment({
      customerId: pass.customerId!,
      paymentId,
      code,
      clientIp: uniqueIp(),
      guest: true,
    });
    expect(result.outcome).toBe('completed');
    expect((await db().bill.findUniqueOrThrow({ where: { id: bill.id } })).amountPaidCents).toBe(5_000);
    // Never saved for a one-time payer, even when asked.
    const payment = await db().payment.findUniqueOrThrow({ where: { id: paymentId }, include: { method: true } });
    expect(payment.method?.saved).toBe(false);
    expect(await db().smsMessage.count({ where: { paymentId, kind: 'PAYMENT_CONFIRMATION' } })).toBe(1);
  });

  it('pays only the proven account’s bills, never with a saved method', async () => {
    const { account, bill } = await accountWith();
    const other = await accountWith();
    let pass = await passFor(account.accountNumber);
    await choosePayerPhone(pass, uniquePhone());
    pass = {
      ...pass,
      customerId: (await db().guestPass.findUniqueOrThrow({ where: { tokenHash: pass.tokenHash } })).customerId,
    };
    const base = { pass, amountCents: 1_000, idempotencyKey: randomUUID(), clientIp: null };
    await expect(startGuestPayment({ ...base, billId: other.bill.id, choice: card })).rejects.toMatchObject({
      code: 'not_found',
    });
    await expect(
      startGuestPayment({ ...base, billId: bill.id, choice: { kind: 'saved', methodId: randomUUID() } }),
    ).rejects.toMatchObject({ code: 'method', field: 'method' });
  });

  it('a guest-only number cannot sign in; registering from the receipt keeps its payments', async () => {
    const phone = uniquePhone();
    const { pass, paymentId, challengeId, account } = await guestPaymentWithCode(phone);
    // Before the code: nothing proven, nothing offered.
    expect(await registrationOffer(pass)).toBeNull();
    await expect(registerGuest({ pass, name: 'Pat Guest', clientIp: null })).rejects.toMatchObject({
      code: 'offer_gone',
    });
    await confirmPayment({
      customerId: pass.customerId!,
      paymentId,
      code: await codeFor(challengeId),
      clientIp: null,
      guest: true,
    });
    // A sign-in code for a guest-only number is never texted (the page answers the same as for a stranger).
    const signIn = await sendCustomerCode({ purpose: 'SIGN_IN', phoneE164: phone, clientIp: uniqueIp() });
    expect(await db().smsMessage.count({ where: { challengeId: signIn.challengeId } })).toBe(0);

    expect(await registrationOffer(pass)).toEqual({
      phoneMasked: expect.stringContaining(phone.slice(-4)),
      registered: false,
    });
    const registered = await registerGuest({ pass, name: 'Pat Guest', clientIp: null });
    expect(registered.customerId).toBe(pass.customerId);
    const customer = await db().customer.findUniqueOrThrow({
      where: { id: pass.customerId! },
      include: { accounts: true, payments: true },
    });
    expect(customer).toMatchObject({ name: 'Pat Guest', phoneE164: phone });
    expect(customer.registeredAt).not.toBeNull();
    expect(customer.accounts.map((a) => a.accountId)).toEqual([account.id]);
    expect(customer.payments.map((p) => p.id)).toEqual([paymentId]);
    expect(await db().smsConsent.count({ where: { phoneE164: phone } })).toBe(1);
    await expect(registerGuest({ pass, name: 'Pat Again', clientIp: null })).rejects.toMatchObject({
      code: 'offer_gone',
    });
  });

  it('tries at most 5 numbers a pass', async () => {
    const { account } = await accountWith();
    const pass = await passFor(account.accountNumber);
    for (let i = 0; i < 5; i++) await choosePayerPhone(pass, uniquePhone());
    await expect(choosePayerPhone(pass, uniquePhone())).rejects.toMatchObject({ code: 'rate_limited', field: 'phone' });
  });

  it('registering with a code later keeps the guest payments on the same customer', async () => {
    const phone = uniquePhone();
    const { pass, paymentId, challengeId } = await guestPaymentWithCode(phone);
    await confirmPayment({
      customerId: pass.customerId!,
      paymentId,
      code: await codeFor(challengeId),
      clientIp: null,
      guest: true,
    });
    const { challengeId: registration } = await sendCustomerCode({
      purpose: 'REGISTRATION',
      phoneE164: phone,
      clientIp: uniqueIp(),
    });
    const customer = await verifyCustomerCode({
      purpose: 'REGISTRATION',
      challengeId: registration,
      code: await codeFor(registration),
      clientIp: null,
      name: 'Later Registrant',
    });
    expect(customer).toMatchObject({ customerId: pass.customerId, isNew: true, name: 'Later Registrant' });
    expect(await db().payment.count({ where: { id: paymentId, customerId: pass.customerId! } })).toBe(1);
  });

  it('a registered number paying as a guest is offered sign-in, not registration', async () => {
    const owner = await makeCustomer();
    const { pass, paymentId, challengeId } = await guestPaymentWithCode(owner.phoneE164);
    expect(pass.customerId).toBe(owner.id);
    await confirmPayment({
      customerId: owner.id,
      paymentId,
      code: await codeFor(challengeId),
      clientIp: null,
      guest: true,
    });
    expect(await registrationOffer(pass)).toMatchObject({ registered: true });
    await expect(registerGuest({ pass, name: 'Intruder', clientIp: null })).rejects.toMatchObject({
      code: 'offer_gone',
    });
    expect((await db().customer.findUniqueOrThrow({ where: { id: owner.id } })).name).toBe(owner.name);
  });
});
