import 'server-only';
import { statement, type Tx } from '@/lib/db';
import type { OtpPurpose, PaymentStatus } from '@/generated/prisma/enums';
import type { RateCheck } from '@/lib/limits';
import { UNKNOWN_CLIENT } from '@/lib/request/client-ip';
import type { BoundPayment } from './binding';
import { BUCKETS, OTP_POLICY, type FailureBudget } from './policy';

/**
 * The OTP steps' one statement each (the functions of migrations 20261129090000_otp_steps_in_sql and
 * 20261129120000_payment_steps_in_sql).
 * Outside a transaction they go through the process's pool as named statements (parsed and
 * planned once per connection); inside one, through the caller's transaction.
 */

/** The rules' numbers, from lib/otp/policy.ts: the functions read every limit from here. */
const POLICY = {
  buckets: BUCKETS,
  failureBudget: OTP_POLICY.failureBudget,
  failuresPerClient: OTP_POLICY.failuresPerClient,
  resendCooldown: OTP_POLICY.resendCooldown,
  sendsPerPhone: OTP_POLICY.sendsPerPhone,
  sendsPerIp: OTP_POLICY.sendsPerIp,
  sendsPerUnknownClient: OTP_POLICY.sendsPerUnknownClient,
  unknownClient: UNKNOWN_CLIENT,
  wrongCodesPerChallenge: OTP_POLICY.wrongCodesPerChallenge,
};

type Who = {
  phone: string;
  phoneMasked: string;
  purpose: OtpPurpose;
  clientIp: string | null;
  /** The budget the caller chose; a browser that proved the phone (deviceHash) has its own instead. */
  budget: FailureBudget;
  deviceHash: string | null;
  now: Date;
};

export type SendStep = Who & {
  id: string;
  paymentId: string | null;
  /** The payment's fields as read when the code was hashed (null for other purposes). */
  bound: BoundPayment | null;
  bindingOk: boolean;
  codeHash: string;
  bindingDigest: string;
  keyId: string;
  expiresAt: Date;
  textBudgets: RateCheck[];
  sms: { id: string; kind: string; sealedBody: string; task: string; maxAttempts: number } | null;
  /** A payment code: its payment moves to AWAITING_OTP from one of `from`, the send audited as `by`'s. */
  movePayment: { by: string; from: readonly string[] } | null;
};

export type SendOutcome = {
  outcome:
    'created' | 'locked' | 'rate_limited' | 'texts_paused' | 'unavailable' | 'opted_out' | 'not_payable' | 'stale';
  wait_ms: number;
};

export type VerifyStep = Who & {
  challengeId: string;
  verdict: 'match' | 'wrong' | 'invalidated';
  bound: BoundPayment | null;
  /** A registration or sign-in code: who to register or sign in once it is consumed (utilitypay_customer_sign_in). */
  signIn?: Record<string, unknown>;
  /**
   * A payment code: its payment's phase 1 once it is consumed, in the same statement
   * (utilitypay_otp_verify_and_reserve, migration 20261129120000).
   */
  reserve?: Record<string, unknown>;
};

export type VerifyOutcome = {
  outcome:
    | 'verified'
    | 'already_used'
    | 'too_many_wrong'
    | 'unavailable'
    | 'locked'
    | 'rate_limited'
    | 'expired'
    | 'invalidated'
    | 'wrong_code'
    | 'stale';
  wait_ms: number;
  attempts_left: number | null;
  budget_bucket: string | null;
  /** What the follow-up (signIn, reserve) returned. */
  result: unknown;
};

export type ChallengeRead = {
  id: string;
  phoneE164: string;
  purpose: OtpPurpose;
  paymentId: string | null;
  codeHash: string;
  bindingDigest: string;
  keyId: string;
  bound: BoundPayment | null;
};

function one<T>(rows: T[]): T {
  const [row] = rows;
  if (!row) throw new Error('An OTP step returned no row');
  return row;
}

export async function sendStep(step: SendStep, tx?: Tx): Promise<SendOutcome> {
  const argument = JSON.stringify({ ...step, policy: POLICY });
  return one(
    await statement<SendOutcome>(tx, 'utilitypay_otp_send', 'SELECT * FROM utilitypay_otp_send($1::jsonb)', argument),
  );
}

export async function verifyStep(step: VerifyStep, tx?: Tx): Promise<VerifyOutcome> {
  const argument = JSON.stringify({ ...step, policy: POLICY });
  return one(
    await (step.reserve
      ? statement<VerifyOutcome>(
          tx,
          'utilitypay_otp_verify_and_reserve',
          'SELECT * FROM utilitypay_otp_verify_and_reserve($1::jsonb)',
          argument,
        )
      : statement<VerifyOutcome>(
          tx,
          'utilitypay_otp_verify',
          'SELECT * FROM utilitypay_otp_verify($1::jsonb)',
          argument,
        )),
  );
}

/** A challenge as the verify step needs it, with the payment it is bound to (one joined read). */
export async function readChallenge(challengeId: string): Promise<ChallengeRead | null> {
  const rows = await statement<ChallengeRead>(
    undefined,
    'utilitypay_otp_read',
    `SELECT c.id::text AS id, c."phoneE164", c.purpose::text AS purpose, c."paymentId"::text AS "paymentId",
            c."codeHash", c."bindingDigest", c."keyId", utilitypay_payment_bound(c."paymentId") AS bound
       FROM "OtpChallenge" c WHERE c.id = $1::uuid`,
    challengeId,
  );
  return rows[0] ?? null;
}

/** A payment as its confirm step needs it, with its latest challenge (null when it has none). */
export type PaymentChallengeRead = {
  status: PaymentStatus;
  amountCents: number;
  nextActionUrl: string | null;
  challenge: ChallengeRead | null;
};

/**
 * The payment, only if it is `customerId`'s, with its latest challenge read as readChallenge reads
 * one (one joined statement): null for another customer's payment or none.
 */
export async function readPaymentChallenge(
  customerId: string,
  paymentId: string,
): Promise<PaymentChallengeRead | null> {
  const rows = await statement<PaymentChallengeRead>(
    undefined,
    'utilitypay_payment_challenge_read',
    `SELECT p.status::text AS status, p."amountCents", p."nextActionUrl",
            CASE WHEN c.id IS NULL THEN NULL ELSE jsonb_build_object(
              'id', c.id::text, 'phoneE164', c."phoneE164", 'purpose', c.purpose::text, 'paymentId', p.id::text,
              'codeHash', c."codeHash", 'bindingDigest', c."bindingDigest", 'keyId', c."keyId",
              'bound', utilitypay_payment_bound(p.id)) END AS challenge
       FROM "Payment" p
       LEFT JOIN LATERAL (SELECT * FROM "OtpChallenge" oc WHERE oc."paymentId" = p.id
                           ORDER BY oc."createdAt" DESC LIMIT 1) c ON true
      WHERE p.id = $1::uuid AND p."customerId" = $2::uuid`,
    paymentId,
    customerId,
  );
  return rows[0] ?? null;
}

/** A payment's bound fields as they stand (see BoundPayment). */
export async function readBoundPayment(paymentId: string): Promise<BoundPayment | null> {
  const rows = await statement<{ bound: BoundPayment | null }>(
    undefined,
    'utilitypay_payment_bound',
    'SELECT utilitypay_payment_bound($1::uuid) AS bound',
    paymentId,
  );
  return rows[0]?.bound ?? null;
}
