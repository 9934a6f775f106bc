import 'server-only';
import type { Locale } from '@/lib/i18n/locales';
import { serviceTown } from '@/lib/accounts/bill-facts';
import { latestBillOf, type PayableBill } from '@/lib/bills/list-customer-accounts';
import { checkTextable, textableNumber } from '@/lib/customers/account-codes';
import { db } from '@/lib/db';
import { transaction } from '@/lib/db/transaction';
import { clock } from '@/lib/clock';
import { checkLimits, recordLimits } from '@/lib/limits';
import { AppError } from '@/lib/errors';
import { chooseMethod, type MethodChoice } from '@/lib/payments/methods';
import { startPayment, type StartedPayment } from '@/lib/payments/start-payment';
import { maskPhone } from '@/lib/phone';
import type { GuestPass } from './guest-pass';

/**
 * What a one-time payer is shown of the account: no more than the bill facts they typed already
 * prove (amount due, due date, the masked account number and the service town; never the holder's
 * name or street), and the number on file masked, when there is one.
 */
export type GuestBillView = Pick<
  PayableBill,
  'id' | 'accountMasked' | 'amountDueCents' | 'amountPaidCents' | 'balanceCents' | 'dueDate' | 'state'
> & {
  town: string;
  phoneOnFileMasked: string | null;
  /** The number the code and receipt go to, once chosen. */
  payerPhoneMasked: string | null;
};

export async function guestBill(pass: GuestPass): Promise<GuestBillView | null> {
  const [bill, account, payer] = await Promise.all([
    latestBillOf(pass.accountId),
    db().serviceAccount.findUniqueOrThrow({ where: { id: pass.accountId }, select: { phoneOnFileE164: true } }),
    pass.customerId ? db().customer.findUnique({ where: { id: pass.customerId }, select: { phoneE164: true } }) : null,
  ]);
  if (!bill) return null;
  return {
    id: bill.id,
    accountMasked: bill.accountMasked,
    amountDueCents: bill.amountDueCents,
    amountPaidCents: bill.amountPaidCents,
    balanceCents: bill.balanceCents,
    dueDate: bill.dueDate,
    state: bill.state,
    town: serviceTown(bill.serviceAddress),
    phoneOnFileMasked: account.phoneOnFileE164 ? maskPhone(account.phoneOnFileE164) : null,
    payerPhoneMasked: payer ? maskPhone(payer.phoneE164) : null,
  };
}

/** Numbers a guest pass may try (typos happen; a loop of numbers does not). */
export const GUEST_NUMBERS_PER_PASS = { limit: 5, windowMs: 3600_000 } as const;

/**
 * The number a one-time payer's code goes to: the account's number on file when it has one (what
 * they typed is ignored: there is no way to choose another), else the one they typed, if we can
 * text it. The payer is the customer row of that number: a guest row made now, or the registered
 * customer's (their saved methods are never offered: the number is not proven yet). Kept on the pass.
 */
/** `language`: the page's, which a one-time payer's texts (codes, the receipt) are in. */
export async function choosePayerPhone(pass: GuestPass, phoneText: string, language?: Locale): Promise<string> {
  // Each number tried may cost a line-type lookup: a few per pass, not a loop of them.
  const wait = await transaction(async (tx) => {
    const now = clock.now();
    const limits = [{ bucket: 'guest:phone', key: pass.tokenHash, windows: [GUEST_NUMBERS_PER_PASS] }];
    const ms = await checkLimits(tx, limits, now);
    if (ms === 0) await recordLimits(tx, limits, now);
    return ms;
  });
  if (wait > 0) throw new AppError('rate_limited', { key: 'guestPay.tooManyNumbers' }, 'phone');
  const account = await db().serviceAccount.findUniqueOrThrow({
    where: { id: pass.accountId },
    select: { phoneOnFileE164: true },
  });
  const phoneE164 = account.phoneOnFileE164 ?? (await textableNumber(phoneText));
  await checkTextable(phoneE164);
  // ON CONFLICT DO NOTHING: the number's row, whoever made it first.
  await db().customer.createMany({ data: [{ name: '', phoneE164, language }], skipDuplicates: true });
  // A one-time payer's texts follow the page they pay on now; a registered customer keeps their own.
  if (language) await db().customer.updateMany({ where: { phoneE164, registeredAt: null }, data: { language } });
  const customer = await db().customer.findUniqueOrThrow({ where: { phoneE164 }, select: { id: true } });
  await db().guestPass.update({ where: { tokenHash: pass.tokenHash }, data: { customerId: customer.id } });
  return customer.id;
}

/** The payment a pass started (the only one it may see). */
export async function rememberGuestPayment(pass: GuestPass, paymentId: string): Promise<void> {
  await db().guestPass.update({ where: { tokenHash: pass.tokenHash }, data: { paymentId } });
}

/**
 * A one-time payer starts a payment of the bill they proved: a new card or bank account only (never
 * saved, and never a saved method of whoever registered the number), the same rules as any payment.
 */
export async function startGuestPayment(options: {
  pass: GuestPass;
  billId: string;
  amountCents: number;
  choice: MethodChoice;
  idempotencyKey: string;
  clientIp: string | null;
}): Promise<StartedPayment> {
  const { pass } = options;
  if (!pass.customerId) throw new AppError('no_phone', { key: 'guestPay.noPhone' });
  if (options.choice.kind === 'saved') throw new AppError('method', { key: 'guestPay.chooseMethod' }, 'method');
  const methodId = await chooseMethod(pass.customerId, { ...options.choice, save: false });
  const started = await startPayment({
    customerId: pass.customerId,
    billId: options.billId,
    amountCents: options.amountCents,
    methodId,
    idempotencyKey: options.idempotencyKey,
    clientIp: options.clientIp,
    guestAccountId: pass.accountId,
  });
  await rememberGuestPayment(pass, started.paymentId);
  return started;
}

/** A one-time payer without a number on file changes the number they typed (before a payment starts). */
export async function forgetPayerPhone(pass: GuestPass): Promise<void> {
  await db().guestPass.update({ where: { tokenHash: pass.tokenHash }, data: { customerId: null, paymentId: null } });
}
