import 'server-only';
import { translate } from '@/lib/i18n/translate';
import { proveBillFacts, BILL_FACTS_MISMATCH, BillFactsError } from '@/lib/accounts/bill-facts';
import { audit } from '@/lib/audit';
import { clock } from '@/lib/clock';
import { db, type Tx } from '@/lib/db';
import { transaction } from '@/lib/db/transaction';
import { AppError, NotFoundError } from '@/lib/errors';
import { OtpError } from '@/lib/otp/errors';
import { payerBudget, strangersBudget } from '@/lib/otp/policy';
import { verifyChallenge } from '@/lib/otp/verify-challenge';
import { formatPhone, maskPhone } from '@/lib/phone';
import { queueSms } from '@/lib/sms/queue';
import { smsTemplatesFor } from '@/lib/sms/templates';
import { languageOfCustomer } from './language';
import { requireUtility } from '@/lib/utility';
import { isUuid } from '@/lib/validation/ids';
import { sendAccountCode, smsHost, textableNumber } from './account-codes';

/** How long staff take to decide on a lost phone's change, as the customer is told. */
/** What a lost-phone customer is promised (in English, for staff; pages say it in their language). */
export const APPROVAL_PROMISE = translate({ key: 'lostPhone.promise' });

const OPEN = ['AWAITING_CODES', 'PENDING_APPROVAL'] as const;

export class PhoneChangeError extends AppError {}

const taken = () => new PhoneChangeError('number_taken', { key: 'phoneChange.taken' }, 'phone');

/** Whether another customer row (registered or a one-time payer's) has the number. */
async function numberTaken(tx: Tx | ReturnType<typeof db>, phoneE164: string, customerId: string) {
  const other = await tx.customer.findUnique({ where: { phoneE164 }, select: { id: true } });
  return other !== null && other.id !== customerId;
}

/**
 * Signed in: change the number. A code goes to the current number first (they still have it), then
 * one to the new number; only then does the number change and the old one get a text saying so.
 * Starting again abandons an unfinished change. Lost the old phone? That is startLostPhone.
 */
export async function startPhoneChange(options: { customerId: string; phone: string; clientIp: string | null }) {
  const newPhoneE164 = await textableNumber(options.phone);
  const customer = await db().customer.findUniqueOrThrow({
    where: { id: options.customerId },
    select: { phoneE164: true },
  });
  if (newPhoneE164 === customer.phoneE164)
    throw new PhoneChangeError('same_number', { key: 'phoneChange.sameNumber' }, 'phone');
  // Whether another customer has the number is said only once its code is entered
  // (completePhoneChange): asking first would let a signed-in customer probe who is registered.
  const change = await transaction(async (tx) => {
    await tx.phoneChange.updateMany({
      where: { customerId: options.customerId, status: { in: [...OPEN] } },
      data: { status: 'ABANDONED' },
    });
    const created = await tx.phoneChange.create({
      data: {
        customerId: options.customerId,
        kind: 'signed_in',
        oldPhoneE164: customer.phoneE164,
        newPhoneE164,
        clientIp: options.clientIp,
      },
    });
    await audit(
      {
        actorType: 'CUSTOMER',
        actorId: options.customerId,
        action: 'customer.phone_change_started',
        subjectType: 'customer',
        subjectId: options.customerId,
        clientIp: options.clientIp,
        details: { to: maskPhone(newPhoneE164) },
      },
      tx,
    );
    return created;
  });
  await sendChangeCode(change.id, 'old', options.clientIp);
  return change.id;
}

/** The customer's unfinished change, as their page shows it (null when none). */
export async function openPhoneChange(customerId: string) {
  const change = await db().phoneChange.findFirst({
    where: { customerId, kind: 'signed_in', status: 'AWAITING_CODES' },
    orderBy: { createdAt: 'desc' },
  });
  if (!change) return null;
  const step = change.oldProvenAt ? ('new' as const) : ('old' as const);
  return {
    id: change.id,
    step,
    challengeId: step === 'old' ? change.oldChallengeId : change.newChallengeId,
    oldMasked: maskPhone(change.oldPhoneE164),
    newMasked: maskPhone(change.newPhoneE164),
  };
}

/** (Re)sends the code a change waits for: to the old number first, then to the new one. */
export async function sendChangeCode(changeId: string, to: 'old' | 'new', clientIp: string | null) {
  const change = await db().phoneChange.findUniqueOrThrow({ where: { id: changeId } });
  const phoneE164 = to === 'old' ? change.oldPhoneE164 : change.newPhoneE164;
  const sent = await sendAccountCode({
    purpose: 'PHONE_CHANGE',
    phoneE164,
    clientIp,
    // The new number may have no customer yet: the changing customer's language.
    language: await languageOfCustomer(db(), change.customerId),
    // The old number is the signed-in customer's (only they can submit its codes); the new one is not proven yet.
    failureBudget: (phone) =>
      to === 'old' && change.kind === 'signed_in' ? payerBudget(phone) : strangersBudget(phone),
    text: (code, utility, host, sms) => sms.phoneChangeCode({ utility, code, host }),
    onCreated: async (tx, challenge) => {
      const moved = await tx.phoneChange.updateMany({
        where: { id: changeId, status: 'AWAITING_CODES' },
        data: to === 'old' ? { oldChallengeId: challenge.id } : { newChallengeId: challenge.id },
      });
      if (moved.count !== 1) throw OtpError.unavailable();
    },
  });
  return sent.challengeId;
}

/** A new code for the step the customer's change is at. */
export async function resendPhoneChangeCode(customerId: string, clientIp: string | null) {
  const open = await openPhoneChange(customerId);
  if (!open) throw OtpError.unavailable();
  return sendChangeCode(open.id, open.step, clientIp);
}

/**
 * The code of the step the signed-in customer's change is at. The old number's code sends the new
 * number's; the new number's completes the change. Throws OtpError when refused.
 */
export async function verifyPhoneChangeCode(options: { customerId: string; code: string; clientIp: string | null }) {
  const open = await openPhoneChange(options.customerId);
  if (!open?.challengeId) throw OtpError.unavailable();
  const done = await verifyChallenge({
    challengeId: open.challengeId,
    purpose: 'PHONE_CHANGE',
    code: options.code,
    clientIp: options.clientIp,
    failureBudget: (phone) => (open.step === 'old' ? payerBudget(phone) : strangersBudget(phone)),
    onVerified: async (tx) => {
      const now = clock.now();
      if (open.step === 'old') {
        await tx.phoneChange.update({ where: { id: open.id }, data: { oldProvenAt: now } });
        return false;
      }
      await tx.phoneChange.update({ where: { id: open.id }, data: { newProvenAt: now } });
      await completePhoneChange(tx, open.id, {
        actor: { type: 'CUSTOMER', id: options.customerId },
        clientIp: options.clientIp,
      });
      return true;
    },
  });
  if (!done) await sendChangeCode(open.id, 'new', options.clientIp);
  return { completed: done };
}

/**
 * Lost phone, step one (not signed in): the old number, the bill facts of an account it holds
 * online, and the new number. Every mismatch gets the bill-facts answer (nothing says whether the
 * number is registered). A code goes to the new number; its challenge id names the request.
 */
export async function startLostPhone(options: {
  oldPhone: string;
  accountNumber: string;
  secondFact: string;
  newPhone: string;
  clientIp: string | null;
}): Promise<string> {
  const utility = await requireUtility();
  const oldPhoneE164 = await textableNumber(options.oldPhone, 'oldPhone').catch(() => null);
  const newPhoneE164 = await textableNumber(options.newPhone, 'newPhone');
  const outcome = await transaction(async (tx) => {
    const now = clock.now();
    const proven = await proveBillFacts(tx, {
      utilityId: utility.id,
      accountNumber: options.accountNumber,
      secondFact: options.secondFact,
      caller: `lost:${options.clientIp ?? 'unknown'}`,
      clientIp: options.clientIp,
      actor: { type: 'ANONYMOUS', id: null },
      refusedAction: 'customer.lost_phone_refused',
      now,
    });
    if ('error' in proven) return proven;
    const holder = oldPhoneE164
      ? await tx.customer.findFirst({
          where: {
            phoneE164: oldPhoneE164,
            registeredAt: { not: null },
            accounts: { some: { accountId: proven.account.id } },
          },
          select: { id: true },
        })
      : null;
    if (!holder) {
      await proven.countMiss();
      await audit(
        { actorType: 'ANONYMOUS', action: 'customer.lost_phone_refused', clientIp: options.clientIp, at: now },
        tx,
      );
      return { error: new BillFactsError('no_match', BILL_FACTS_MISMATCH) };
    }
    if (newPhoneE164 === oldPhoneE164)
      return {
        error: new PhoneChangeError('same_number', { key: 'phoneChange.lostSame' }, 'newPhone'),
      };
    if (await numberTaken(tx, newPhoneE164, holder.id)) return { error: taken() };
    await tx.phoneChange.updateMany({
      where: { customerId: holder.id, status: { in: [...OPEN] } },
      data: { status: 'ABANDONED' },
    });
    await audit(
      {
        actorType: 'ANONYMOUS',
        action: 'customer.phone_change_started',
        subjectType: 'customer',
        subjectId: holder.id,
        clientIp: options.clientIp,
        details: { kind: 'lost_phone', to: maskPhone(newPhoneE164) },
        at: now,
      },
      tx,
    );
    const change = await tx.phoneChange.create({
      data: {
        customerId: holder.id,
        kind: 'lost_phone',
        oldPhoneE164: oldPhoneE164!,
        newPhoneE164,
        accountId: proven.account.id,
        clientIp: options.clientIp,
        createdAt: now,
      },
    });
    return { changeId: change.id };
  });
  if ('error' in outcome) throw outcome.error;
  return sendChangeCode(outcome.changeId, 'new', options.clientIp);
}

/** The lost-phone request a code page (its challenge id) is about, as that page shows it. */
export async function lostPhoneRequest(challengeId: string) {
  if (!isUuid(challengeId)) return null;
  const change = await db().phoneChange.findFirst({
    where: { newChallengeId: challengeId, kind: 'lost_phone' },
    select: { id: true, status: true, newPhoneE164: true },
  });
  return change ? { ...change, newMasked: maskPhone(change.newPhoneE164) } : null;
}

export async function resendLostPhoneCode(challengeId: string, clientIp: string | null) {
  const change = await lostPhoneRequest(challengeId);
  if (!change || change.status !== 'AWAITING_CODES') throw OtpError.unavailable();
  return sendChangeCode(change.id, 'new', clientIp);
}

/**
 * Lost phone, step two: the new number's code. The change then waits for staff, unless the new
 * number is the one on file for the account whose bill facts were proven (then it is done now).
 */
export async function verifyLostPhoneCode(options: { challengeId: string; code: string; clientIp: string | null }) {
  const request = await lostPhoneRequest(options.challengeId);
  if (!request) throw OtpError.unavailable();
  const utility = await requireUtility();
  return verifyChallenge({
    challengeId: options.challengeId,
    purpose: 'PHONE_CHANGE',
    code: options.code,
    clientIp: options.clientIp,
    onVerified: async (tx) => {
      const now = clock.now();
      const change = await tx.phoneChange.findUniqueOrThrow({ where: { id: request.id } });
      const account = await tx.serviceAccount.findUniqueOrThrow({
        where: { id: change.accountId! },
        select: { phoneOnFileE164: true },
      });
      await tx.phoneChange.update({ where: { id: change.id }, data: { newProvenAt: now } });
      if (account.phoneOnFileE164 === change.newPhoneE164) {
        await completePhoneChange(tx, change.id, { actor: { type: 'SYSTEM', id: null }, clientIp: options.clientIp });
        return 'completed' as const;
      }
      await tx.phoneChange.update({ where: { id: change.id }, data: { status: 'PENDING_APPROVAL' } });
      await audit(
        {
          actorType: 'CUSTOMER',
          actorId: change.customerId,
          action: 'customer.lost_phone_requested',
          subjectType: 'customer',
          subjectId: change.customerId,
          clientIp: options.clientIp,
          details: { to: maskPhone(change.newPhoneE164), changeId: change.id },
          at: now,
        },
        tx,
      );
      await queueSms(tx, {
        kind: 'ACCOUNT_NOTICE',
        toE164: change.newPhoneE164,
        carriesCode: false,
        text: smsTemplatesFor(await languageOfCustomer(tx, change.customerId)).phoneChangePending({
          utility,
          supportPhone: formatPhone(utility.supportPhone),
        }),
      });
      return 'pending' as const;
    },
  });
}

/** Staff: lost-phone changes waiting for a decision, oldest first. */
export async function pendingPhoneChanges() {
  const changes = await db().phoneChange.findMany({
    where: { status: 'PENDING_APPROVAL' },
    orderBy: { createdAt: 'asc' },
    take: 100,
    include: { customer: { select: { id: true, name: true } } },
  });
  const accounts = await db().serviceAccount.findMany({
    where: { id: { in: changes.map((c) => c.accountId!).filter(Boolean) } },
    select: { id: true, accountNumber: true, phoneOnFileE164: true },
  });
  return changes.map((c) => ({ ...c, account: accounts.find((a) => a.id === c.accountId) ?? null }));
}

/** Staff: lost-phone changes decided in the last 7 days, newest first, with who decided. */
export async function recentPhoneDecisions() {
  const changes = await db().phoneChange.findMany({
    where: { decidedAt: { gte: new Date(clock.now().getTime() - 7 * 24 * 3600_000) } },
    orderBy: { decidedAt: 'desc' },
    take: 100,
  });
  const staff = await db().staffUser.findMany({
    where: { id: { in: changes.map((c) => c.decidedBy!).filter(Boolean) } },
    select: { id: true, name: true },
  });
  return changes.map((c) => ({
    ...c,
    approved: c.status !== 'REJECTED',
    decidedByName: staff.find((s) => s.id === c.decidedBy)?.name ?? 'staff',
  }));
}

/** ADMIN: approve (the number changes now) or reject a lost phone's change, with a reason. Texts the new number. */
export async function decidePhoneChange(options: {
  changeId: string;
  approve: boolean;
  reason: string;
  staffId: string;
  clientIp: string | null;
}) {
  if (!isUuid(options.changeId)) throw new NotFoundError('That request');
  const utility = await requireUtility();
  await transaction(async (tx) => {
    const now = clock.now();
    const decided = await tx.phoneChange.updateMany({
      where: { id: options.changeId, status: 'PENDING_APPROVAL' },
      data: { decidedAt: now, decidedBy: options.staffId, decisionReason: options.reason },
    });
    if (decided.count !== 1) throw new NotFoundError('That request');
    const change = await tx.phoneChange.findUniqueOrThrow({ where: { id: options.changeId } });
    await audit(
      {
        actorType: 'STAFF',
        actorId: options.staffId,
        action: options.approve ? 'staff.approved_phone_change' : 'staff.rejected_phone_change',
        subjectType: 'customer',
        subjectId: change.customerId,
        clientIp: options.clientIp,
        details: { changeId: change.id, reason: options.reason, to: maskPhone(change.newPhoneE164) },
        at: now,
      },
      tx,
    );
    if (options.approve) {
      await completePhoneChange(tx, change.id, {
        actor: { type: 'STAFF', id: options.staffId },
        clientIp: options.clientIp,
      });
      return;
    }
    await tx.phoneChange.update({ where: { id: change.id }, data: { status: 'REJECTED' } });
    await queueSms(tx, {
      kind: 'ACCOUNT_NOTICE',
      toE164: change.newPhoneE164,
      carriesCode: false,
      text: smsTemplatesFor(await languageOfCustomer(tx, change.customerId)).phoneChangeRejected({
        utility,
        supportPhone: formatPhone(utility.supportPhone),
      }),
    });
  });
}

/**
 * The one place a customer's number changes (in the caller's transaction, exactly once): the new
 * number must still be free; the browsers trusted for the old number are forgotten; a lost phone's
 * change ends every session (whoever has the old phone is signed out). The old number is told, and
 * a lost phone's new number hears it is done.
 */
async function completePhoneChange(
  tx: Tx,
  changeId: string,
  by: { actor: { type: 'CUSTOMER' | 'STAFF' | 'SYSTEM'; id: string | null }; clientIp: string | null },
) {
  const now = clock.now();
  const moved = await tx.phoneChange.updateMany({
    where: { id: changeId, status: { in: [...OPEN] } },
    data: { status: 'COMPLETED', completedAt: now },
  });
  if (moved.count !== 1) throw OtpError.unavailable();
  const change = await tx.phoneChange.findUniqueOrThrow({ where: { id: changeId } });
  await tx.$queryRaw`SELECT id FROM "Customer" WHERE id = ${change.customerId}::uuid FOR UPDATE`;
  if (await numberTaken(tx, change.newPhoneE164, change.customerId)) throw taken();
  await tx.customer.update({
    where: { id: change.customerId },
    data: {
      phoneE164: change.newPhoneE164,
      phoneVerifiedAt: now,
      ...(change.kind === 'lost_phone' ? { sessionVersion: { increment: 1 } } : {}),
    },
  });
  await tx.trustedDevice.deleteMany({ where: { phoneE164: change.oldPhoneE164 } });
  await audit(
    {
      actorType: by.actor.type,
      actorId: by.actor.id,
      action: 'customer.phone_changed',
      subjectType: 'customer',
      subjectId: change.customerId,
      clientIp: by.clientIp,
      details: { kind: change.kind, from: maskPhone(change.oldPhoneE164), to: maskPhone(change.newPhoneE164) },
      at: now,
    },
    tx,
  );
  const utility = await requireUtility();
  const sms = smsTemplatesFor(await languageOfCustomer(tx, change.customerId));
  await queueSms(tx, {
    kind: 'ACCOUNT_NOTICE',
    toE164: change.oldPhoneE164,
    carriesCode: false,
    text: sms.phoneReplaced({
      utility,
      newNumberLastFour: change.newPhoneE164.slice(-4),
      supportPhone: formatPhone(utility.supportPhone),
    }),
  });
  if (change.kind === 'lost_phone')
    await queueSms(tx, {
      kind: 'ACCOUNT_NOTICE',
      toE164: change.newPhoneE164,
      carriesCode: false,
      text: sms.phoneChangeApproved({ utility, host: smsHost() }),
    });
}
