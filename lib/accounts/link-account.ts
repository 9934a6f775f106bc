import 'server-only';
import { audit } from '@/lib/audit';
import { clock } from '@/lib/clock';
import { db, type Tx } from '@/lib/db';
import { transaction } from '@/lib/db/transaction';
import { AppError, NotFoundError } from '@/lib/errors';
import { OtpError } from '@/lib/otp/errors';
import { verifyChallenge } from '@/lib/otp/verify-challenge';
import { formatPhone } from '@/lib/phone';
import { queueSms } from '@/lib/sms/queue';
import { languageOfNumber } from '@/lib/customers/language';
import { isLocale } from '@/lib/i18n/locales';
import { smsTemplatesFor } from '@/lib/sms/templates';
import { requireUtility, type UtilityProfile } from '@/lib/utility';
import { isUuid } from '@/lib/validation/ids';
import { sendAccountCode } from '@/lib/customers/account-codes';
import { proveBillFacts, type ProvenAccount } from './bill-facts';

export { BillFactsError as LinkAccountError, normalizeAccountNumber } from './bill-facts';

/** Customers one service account may have online: a household, not a crowd. */
export const MAX_HOLDERS_PER_ACCOUNT = 4;

export type LinkOutcome = { linked: true; accountId: string } | { linked: false; challengeId: string };

/**
 * Links a service account to a customer who proves its bill facts (lib/accounts/bill-facts.ts). An
 * account whose bill carries a mobile number (the utility's number on file) other than the
 * customer's own is linked only once a code texted to that number is entered (verifyAccountLink).
 * At most MAX_HOLDERS_PER_ACCOUNT customers hold an account; when another links it, the others and
 * the number on file are texted, and any holder can remove a link (unlinkAccount).
 */
export async function linkAccount(options: {
  customerId: string;
  accountNumber: string;
  secondFact: string;
  clientIp: string | null;
}): Promise<LinkOutcome> {
  const utility = await requireUtility();
  const outcome = await transaction(
    async (tx): Promise<{ error: AppError } | { linked: string } | { onFile: ProvenAccount }> => {
      const now = clock.now();
      const proven = await proveBillFacts(tx, {
        utilityId: utility.id,
        accountNumber: options.accountNumber,
        secondFact: options.secondFact,
        caller: `customer:${options.customerId}`,
        clientIp: options.clientIp,
        actor: { type: 'CUSTOMER', id: options.customerId },
        refusedAction: 'account.link_refused',
        now,
      });
      if ('error' in proven) return proven;
      const { account } = proven;
      const customer = await tx.customer.findUniqueOrThrow({
        where: { id: options.customerId },
        select: { phoneE164: true },
      });
      if (!account.phoneOnFileE164 || account.phoneOnFileE164 === customer.phoneE164) {
        const error = await addHolder(tx, utility, account, options.customerId, options.clientIp, now);
        return error ? { error } : { linked: account.id };
      }
      const full = await holdersFull(tx, account.id, options.customerId);
      return full ? { error: full } : { onFile: account };
    },
  );
  if ('error' in outcome) throw outcome.error;
  if ('linked' in outcome) return { linked: true, accountId: outcome.linked };
  return { linked: false, challengeId: await sendLinkCode(options.customerId, outcome.onFile, options.clientIp) };
}

/** A new code for a link that waits for one (the account as first proven; nothing from the client). */
export async function resendAccountLink(customerId: string, challengeId: string, clientIp: string | null) {
  const request = await getLinkRequest(customerId, challengeId);
  if (!request) throw OtpError.unavailable();
  const account = await db().serviceAccount.findUniqueOrThrow({
    where: { id: request.accountId },
    select: { id: true, accountNumber: true, holderName: true, serviceAddress: true, phoneOnFileE164: true },
  });
  // Staff cleared the number on file meanwhile: there is nothing left to prove by code.
  if (!account.phoneOnFileE164) throw OtpError.unavailable();
  return sendLinkCode(customerId, account, clientIp);
}

async function sendLinkCode(customerId: string, account: ProvenAccount, clientIp: string | null): Promise<string> {
  // Texted in the language of the number's own customer, else the asking customer's.
  const asking = await db().customer.findUniqueOrThrow({ where: { id: customerId }, select: { language: true } });
  const sent = await sendAccountCode({
    language: isLocale(asking.language) ? asking.language : undefined,
    purpose: 'ACCOUNT_LINK',
    phoneE164: account.phoneOnFileE164!,
    clientIp,
    text: (code, u, host, sms) => sms.linkAccountCode({ utility: u, code, accountNumber: account.accountNumber, host }),
    onCreated: async (tx, challenge) => {
      await tx.accountLinkRequest.create({ data: { challengeId: challenge.id, customerId, accountId: account.id } });
      await audit(
        {
          actorType: 'CUSTOMER',
          actorId: customerId,
          action: 'account.link_code_sent',
          subjectType: 'account',
          subjectId: account.id,
          clientIp,
          at: challenge.createdAt,
        },
        tx,
      );
    },
  });
  return sent.challengeId;
}

/** The link a code to the number on file is waiting for: only the customer who asked may see or finish it. */
export async function getLinkRequest(customerId: string, challengeId: string) {
  if (!isUuid(challengeId)) return null;
  const request = await db().accountLinkRequest.findUnique({ where: { challengeId } });
  if (!request || request.customerId !== customerId) return null;
  const account = await db().serviceAccount.findUniqueOrThrow({
    where: { id: request.accountId },
    select: { accountNumber: true },
  });
  return { ...request, accountNumber: account.accountNumber };
}

/** Finishes a link with the code texted to the account's number on file. Throws OtpError when refused. */
export async function verifyAccountLink(options: {
  customerId: string;
  challengeId: string;
  code: string;
  clientIp: string | null;
}): Promise<{ accountId: string }> {
  const request = await getLinkRequest(options.customerId, options.challengeId);
  if (!request) throw OtpError.unavailable();
  const utility = await requireUtility();
  const outcome = await verifyChallenge({
    challengeId: options.challengeId,
    purpose: 'ACCOUNT_LINK',
    code: options.code,
    clientIp: options.clientIp,
    onVerified: async (tx) => {
      const account = await tx.serviceAccount.findUniqueOrThrow({
        where: { id: request.accountId },
        select: { id: true, accountNumber: true, holderName: true, serviceAddress: true, phoneOnFileE164: true },
      });
      // Full by now (others linked while the code was on its way): thrown, so the code is not used up.
      const error = await addHolder(tx, utility, account, options.customerId, options.clientIp, clock.now());
      if (error) throw error;
      return { accountId: account.id };
    },
  });
  return outcome;
}

/**
 * Links an account whose facts the customer proved another way (a one-time payer who paid it with
 * a code to its number on file, or to the number they register with), within the same cap and
 * with the same texts to the other holders. Returns the refusal (a full account) instead of throwing.
 */
export async function linkProvenAccount(
  tx: Tx,
  options: { accountId: string; customerId: string; clientIp: string | null; now: Date },
): Promise<AppError | null> {
  const utility = await requireUtility();
  const account = await tx.serviceAccount.findUniqueOrThrow({
    where: { id: options.accountId },
    select: { id: true, accountNumber: true, holderName: true, serviceAddress: true, phoneOnFileE164: true },
  });
  return addHolder(tx, utility, account, options.customerId, options.clientIp, options.now);
}

async function holdersFull(tx: Tx, accountId: string, customerId: string): Promise<AppError | null> {
  const holders = await tx.customerAccount.findMany({ where: { accountId }, select: { customerId: true } });
  if (holders.some((h) => h.customerId === customerId)) return null;
  if (holders.length < MAX_HOLDERS_PER_ACCOUNT) return null;
  return new AppError('account_full', { key: 'billFacts.accountFull', values: { max: MAX_HOLDERS_PER_ACCOUNT } });
}

/**
 * Adds the customer as a holder (under the account's row lock, so racing links cannot pass the cap)
 * and texts the other holders and the number on file. Linking an account twice changes nothing.
 */
async function addHolder(
  tx: Tx,
  utility: UtilityProfile,
  account: ProvenAccount,
  customerId: string,
  clientIp: string | null,
  now: Date,
): Promise<AppError | null> {
  await tx.$queryRaw`SELECT id FROM "ServiceAccount" WHERE id = ${account.id}::uuid FOR UPDATE`;
  const holders = await tx.customerAccount.findMany({
    where: { accountId: account.id },
    select: { customerId: true, customer: { select: { phoneE164: true } } },
  });
  if (holders.some((h) => h.customerId === customerId)) return null;
  if (holders.length >= MAX_HOLDERS_PER_ACCOUNT) {
    await audit(
      {
        actorType: 'CUSTOMER',
        actorId: customerId,
        action: 'account.link_full',
        subjectType: 'account',
        subjectId: account.id,
        clientIp,
        at: now,
      },
      tx,
    );
    return holdersFull(tx, account.id, customerId);
  }
  await tx.customerAccount.create({ data: { customerId, accountId: account.id, linkedAt: now } });
  await audit(
    {
      actorType: 'CUSTOMER',
      actorId: customerId,
      action: 'account.linked',
      subjectType: 'account',
      subjectId: account.id,
      clientIp,
      at: now,
    },
    tx,
  );
  const me = await tx.customer.findUniqueOrThrow({ where: { id: customerId }, select: { phoneE164: true } });
  const told = new Set([me.phoneE164]);
  for (const phone of [...holders.map((h) => h.customer.phoneE164), account.phoneOnFileE164]) {
    if (!phone || told.has(phone)) continue;
    told.add(phone);
    await queueSms(tx, {
      kind: 'ACCOUNT_NOTICE',
      toE164: phone,
      carriesCode: false,
      text: smsTemplatesFor(await languageOfNumber(tx, phone)).accountLinked({
        utility,
        accountNumber: account.accountNumber,
        supportPhone: formatPhone(utility.supportPhone),
      }),
    });
  }
  return null;
}

/** A holder removes an account from their online account (theirs, or one they do not know was linked). */
export async function unlinkAccount(options: { customerId: string; accountId: string; clientIp: string | null }) {
  if (!isUuid(options.accountId)) throw new NotFoundError('That account');
  await transaction(async (tx) => {
    const { count } = await tx.customerAccount.deleteMany({
      where: { customerId: options.customerId, accountId: options.accountId },
    });
    if (count === 0) throw new NotFoundError('That account');
    await audit(
      {
        actorType: 'CUSTOMER',
        actorId: options.customerId,
        action: 'account.unlinked',
        subjectType: 'account',
        subjectId: options.accountId,
        clientIp: options.clientIp,
      },
      tx,
    );
  });
}
