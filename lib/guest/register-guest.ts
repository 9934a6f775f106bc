import 'server-only';
import { linkProvenAccount } from '@/lib/accounts/link-account';
import { audit } from '@/lib/audit';
import { clock } from '@/lib/clock';
import { db } from '@/lib/db';
import { transaction } from '@/lib/db/transaction';
import { AppError } from '@/lib/errors';
import { maskPhone } from '@/lib/phone';
import type { Locale } from '@/lib/i18n/locales';
import { consentWording, recordConsent } from '@/lib/sms/opt-out';
import type { GuestPass } from './guest-pass';

/**
 * What the receipt offers a one-time payer: to register with the number their payment code went
 * to, once that code was entered right (the number is proven). Null when there is nothing to offer.
 */
export async function registrationOffer(
  pass: GuestPass | null,
): Promise<{ phoneMasked: string; registered: boolean } | null> {
  const proven = await provenNumber(pass);
  return proven ? { phoneMasked: maskPhone(proven.phoneE164), registered: proven.registered } : null;
}

async function provenNumber(pass: GuestPass | null) {
  if (!pass?.paymentId || !pass.customerId) return null;
  const customer = await db().customer.findUnique({
    where: { id: pass.customerId },
    select: { id: true, phoneE164: true, registeredAt: true, sessionVersion: true },
  });
  if (!customer) return null;
  const verified = await db().otpChallenge.count({
    where: { paymentId: pass.paymentId, phoneE164: customer.phoneE164, status: 'VERIFIED' },
  });
  return verified > 0 ? { ...customer, registered: customer.registeredAt !== null } : null;
}

/**
 * Registers a one-time payer with the number they proved by paying (no second code): their name,
 * consent to texts as the offer worded it, and the account they paid linked. Returns who to sign in.
 */
export async function registerGuest(options: {
  pass: GuestPass | null;
  name: string;
  clientIp: string | null;
  /** The language of the receipt page that offered it: the consent shown, and the customer's from now on. */
  language?: Locale;
}) {
  const proven = await provenNumber(options.pass);
  if (!proven || proven.registered) throw new AppError('offer_gone', { key: 'guestPay.offerEnded' });
  const pass = options.pass!;
  return transaction(async (tx) => {
    const now = clock.now();
    const updated = await tx.customer.updateMany({
      where: { id: proven.id, registeredAt: null },
      data: { name: options.name, registeredAt: now, phoneVerifiedAt: now, language: options.language },
    });
    if (updated.count !== 1) throw new AppError('offer_gone', { key: 'guestPay.registeredMeanwhile' });
    await recordConsent(tx, proven.phoneE164, 'registration', consentWording(options.language));
    await audit(
      {
        actorType: 'CUSTOMER',
        actorId: proven.id,
        action: 'customer.registered_after_guest_pay',
        subjectType: 'customer',
        subjectId: proven.id,
        clientIp: options.clientIp,
        at: now,
      },
      tx,
    );
    // A full account (4 online holders) is not linked; they can link another way or call.
    await linkProvenAccount(tx, { accountId: pass.accountId, customerId: proven.id, clientIp: options.clientIp, now });
    return { customerId: proven.id, name: options.name, sessionVersion: proven.sessionVersion };
  });
}
