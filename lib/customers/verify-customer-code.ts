import 'server-only';
import type { Locale } from '@/lib/i18n/locales';
import { consentWording, recordConsent } from '@/lib/sms/opt-out';
import { audit } from '@/lib/audit';
import { clock } from '@/lib/clock';
import type { Tx } from '@/lib/db';
import { BUCKETS } from '@/lib/otp/policy';
import { verifyChallenge } from '@/lib/otp/verify-challenge';
import { deviceHash, trustDevice } from './devices';
import { alertOwnerOfGuessing } from './guessing-alert';
import type { CustomerCodePurpose } from './send-customer-code';

export type VerifyCustomerCodeOptions = {
  purpose: CustomerCodePurpose;
  challengeId: string;
  code: string;
  clientIp: string | null;
  /** For registration: the name the person typed. */
  name?: string;
  /** The browser's device id (its cookie): trusted for the phone once a code is right there. */
  deviceId?: string;
  /**
   * Registration: the language of the page they registered on. Sign-in: a language this browser
   * chose with the switch, which becomes the customer's (absent: their saved one stays).
   */
  language?: Locale;
};

export type SignedInCustomer = { customerId: string; name: string; isNew: boolean; sessionVersion: number };

/**
 * Verifies a registration or sign-in code and returns the customer it proves. Registration
 * creates the customer (a number that is already registered just signs in, keeping its name).
 * Throws OtpError when the code is refused.
 */
export async function verifyCustomerCode(options: VerifyCustomerCodeOptions): Promise<SignedInCustomer | null> {
  return verifyChallenge({
    challengeId: options.challengeId,
    purpose: options.purpose,
    code: options.code,
    clientIp: options.clientIp,
    deviceHash: options.deviceId ? deviceHash(options.deviceId) : undefined,
    onVerified: (tx, verified) => signIn(tx, verified.phoneE164, options),
    // A stranger's wrong code: the owner hears about it (once a day, past a few).
    onRefused: async (error, attempt) => {
      if (GUESSING.has(error.code) && attempt.budgetBucket === BUCKETS.failPhone)
        await alertOwnerOfGuessing(attempt.phoneE164);
    },
  });
}

const GUESSING = new Set(['wrong_code', 'too_many_wrong', 'locked']);

async function signIn(tx: Tx, phoneE164: string, options: VerifyCustomerCodeOptions): Promise<SignedInCustomer | null> {
  const now = clock.now();
  // A sign-in code for a number with no account was never sent; nothing to sign in to.
  const found = await tx.customer.findUnique({ where: { phoneE164 } });
  // A guest payer (who proved this number only to pay) becomes a customer by registering, payments and all.
  const existing = found?.registeredAt ? found : null;
  if (!existing && (options.purpose === 'SIGN_IN' || !options.name)) return null;
  if (options.deviceId) await trustDevice(tx, phoneE164, options.deviceId, now);
  if (existing) {
    if (!existing.phoneVerifiedAt || (options.language && options.language !== existing.language))
      await tx.customer.update({
        where: { id: existing.id },
        data: { phoneVerifiedAt: existing.phoneVerifiedAt ?? now, language: options.language ?? existing.language },
      });
    await audit(
      {
        actorType: 'CUSTOMER',
        actorId: existing.id,
        action: 'customer.signed_in',
        subjectType: 'customer',
        subjectId: existing.id,
        clientIp: options.clientIp,
        at: now,
      },
      tx,
    );
    return { customerId: existing.id, name: existing.name, isNew: false, sessionVersion: existing.sessionVersion };
  }
  const customer = found
    ? await tx.customer.update({
        where: { id: found.id },
        data: { name: options.name!, phoneVerifiedAt: now, registeredAt: now, language: options.language },
      })
    : await tx.customer.create({
        data: { name: options.name!, phoneE164, phoneVerifiedAt: now, registeredAt: now, language: options.language },
      });
  // The register page showed these words (in its language) above the code it sent: the moment of consent, kept.
  await recordConsent(tx, phoneE164, 'registration', consentWording(options.language));
  await audit(
    {
      actorType: 'CUSTOMER',
      actorId: customer.id,
      action: found ? 'customer.registered_after_guest_pay' : 'customer.registered',
      subjectType: 'customer',
      subjectId: customer.id,
      clientIp: options.clientIp,
      at: now,
    },
    tx,
  );
  return { customerId: customer.id, name: customer.name, isNew: true, sessionVersion: customer.sessionVersion };
}
