import 'server-only';
import { audit } from '@/lib/audit';
import { clock } from '@/lib/clock';
import { verifyChallenge } from '@/lib/otp/verify-challenge';
import type { CustomerCodePurpose } from './send-customer-code';

export type VerifyCustomerCodeOptions = {
  purpose: CustomerCodePurpose;
  challengeId: string;
  code: string;
  clientIp: string | null;
  /** For registration: the name the person typed. */
  name?: string;
};

export type SignedInCustomer = { customerId: string; name: string; isNew: boolean };

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
    onVerified: async (tx, challenge) => {
      const now = clock.now();
      const existing = await tx.customer.findUnique({ where: { phoneE164: challenge.phoneE164 } });
      if (existing) {
        if (!existing.phoneVerifiedAt) await tx.customer.update({ where: { id: existing.id }, data: { phoneVerifiedAt: now } });
        await audit({ actorType: 'CUSTOMER', actorId: existing.id, action: 'customer.signed_in', subjectType: 'customer', subjectId: existing.id, clientIp: options.clientIp, at: now }, tx);
        return { customerId: existing.id, name: existing.name, isNew: false };
      }
      // A sign-in code for a number with no account was never sent; nothing to sign in to.
      if (options.purpose === 'SIGN_IN' || !options.name) return null;
      const customer = await tx.customer.create({ data: { name: options.name, phoneE164: challenge.phoneE164, phoneVerifiedAt: now } });
      await audit({ actorType: 'CUSTOMER', actorId: customer.id, action: 'customer.registered', subjectType: 'customer', subjectId: customer.id, clientIp: options.clientIp, at: now }, tx);
      return { customerId: customer.id, name: customer.name, isNew: true };
    },
  });
}
