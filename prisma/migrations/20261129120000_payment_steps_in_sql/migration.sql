-- Issue #15, second half: a payment's steps after its code, each one statement.

-- A bill's status follows its amounts, here and nowhere else (it was computed in Node by every
-- writer): paid in full, partly, or not at all.
CREATE FUNCTION utilitypay_bill_status() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  NEW.status := CASE WHEN NEW."amountPaidCents" >= NEW."amountDueCents" THEN 'PAID'
                     WHEN NEW."amountPaidCents" > 0 THEN 'PARTIALLY_PAID'
                     ELSE 'UNPAID' END::"BillStatus";
  RETURN NEW;
END
$$;
CREATE TRIGGER "Bill_status_follows_amounts" BEFORE INSERT OR UPDATE ON "Bill"
  FOR EACH ROW EXECUTE FUNCTION utilitypay_bill_status();
UPDATE "Bill" SET "amountPaidCents" = "amountPaidCents";

-- A new payment and its audit entry, one statement (lib/payments/start-payment.ts decides what is in
-- it). A second payment of the same form, or a confirmation number drawn twice, is a unique violation.
CREATE FUNCTION utilitypay_payment_create(p jsonb) RETURNS void
LANGUAGE sql AS $$
  WITH created AS (
    INSERT INTO "Payment" (id, "confirmationNumber", "utilityId", "accountId", "billId", "customerId", "amountCents",
                           "feeCents", currency, "methodId", "idempotencyKey", "createdAt", "updatedAt")
    VALUES ((p->>'id')::uuid, p->>'confirmationNumber', (p->>'utilityId')::uuid, (p->>'accountId')::uuid,
            (p->>'billId')::uuid, (p->>'customerId')::uuid, (p->>'amountCents')::int, (p->>'feeCents')::int,
            p->>'currency', (p->>'methodId')::uuid, p->>'idempotencyKey', (p->>'now')::timestamptz, now())
    RETURNING id)
  INSERT INTO "AuditLog" ("actorType", "actorId", action, "subjectType", "subjectId", "clientIp", details, "createdAt")
  SELECT 'CUSTOMER', p->>'customerId', 'payment.created', 'payment', created.id::text, p->>'clientIp',
         jsonb_build_object('amount', p->>'amount'), (p->>'now')::timestamptz
    FROM created;
$$;

-- A move of a payment's status, only from the states lib/payments/states.ts allows (`from`): true
-- when it moved. The columns the move sets come in `set` (absent keys are left alone).
CREATE FUNCTION utilitypay_payment_move(v_payment uuid, v_to text, v_from jsonb, v_set jsonb) RETURNS boolean
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "Payment"
     SET status = v_to::"PaymentStatus",
         "updatedAt" = now(),
         "processorReference" = CASE WHEN v_set ? 'processorReference' THEN v_set->>'processorReference' ELSE "processorReference" END,
         "nextActionUrl" = CASE WHEN v_set ? 'nextActionUrl' THEN v_set->>'nextActionUrl' ELSE "nextActionUrl" END,
         "failureCode" = CASE WHEN v_set ? 'failureCode' THEN v_set->>'failureCode' ELSE "failureCode" END,
         "failureMessage" = CASE WHEN v_set ? 'failureMessage' THEN v_set->>'failureMessage' ELSE "failureMessage" END,
         "processingAt" = CASE WHEN v_set ? 'processingAt' THEN (v_set->>'processingAt')::timestamptz ELSE "processingAt" END,
         "completedAt" = CASE WHEN v_set ? 'completedAt' THEN (v_set->>'completedAt')::timestamptz ELSE "completedAt" END,
         "failedAt" = CASE WHEN v_set ? 'failedAt' THEN (v_set->>'failedAt')::timestamptz ELSE "failedAt" END,
         "returnedAt" = CASE WHEN v_set ? 'returnedAt' THEN (v_set->>'returnedAt')::timestamptz ELSE "returnedAt" END
   WHERE id = v_payment AND status::text IN (SELECT jsonb_array_elements_text(v_from));
  RETURN FOUND;
END
$$;

-- Phase 1 of a payment, once its code is consumed (the rules lib/payments/charge-payment.ts held as
-- reserveForCharge): under the bill's row lock its balance is checked again; the amount is reserved
-- against it (counted in its paid amount) and the payment moves to PROCESSING, with a reconciliation
-- job in case the processor's answer is never applied. A bill paid meanwhile declines the payment
-- (nothing reserved). Returns {reserved}.
CREATE FUNCTION utilitypay_payment_reserve(p jsonb) RETURNS jsonb
LANGUAGE plpgsql AS $$
DECLARE
  v_now timestamptz := (p->>'now')::timestamptz;
  v_payment uuid := (p->>'paymentId')::uuid;
  r record;
BEGIN
  SELECT pay."customerId", pay."amountCents", pay."billId", b."amountDueCents", b."amountPaidCents"
    INTO r
    FROM "Payment" pay JOIN "Bill" b ON b.id = pay."billId"
   WHERE pay.id = v_payment
     FOR UPDATE OF b;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'Payment % vanished during confirmation', v_payment;
  END IF;
  IF r."amountCents" > r."amountDueCents" - r."amountPaidCents" THEN
    PERFORM utilitypay_payment_move(v_payment, 'FAILED', p->'moves'->'FAILED', jsonb_build_object(
      'failureCode', p->'decline'->>'code', 'failureMessage', p->'decline'->>'message', 'failedAt', p->>'now'));
    INSERT INTO "AuditLog" ("actorType", "actorId", action, "subjectType", "subjectId", "clientIp", details, "createdAt")
    VALUES ('CUSTOMER', r."customerId"::text, 'payment.failed', 'payment', v_payment::text, p->>'clientIp',
            jsonb_build_object('reason', p->'decline'->>'code'), v_now);
    RETURN jsonb_build_object('reserved', false);
  END IF;
  PERFORM utilitypay_payment_move(v_payment, 'PROCESSING', p->'moves'->'PROCESSING',
                                  jsonb_build_object('processingAt', p->>'now'));
  UPDATE "Bill" SET "amountPaidCents" = "amountPaidCents" + r."amountCents", "updatedAt" = now() WHERE id = r."billId";
  PERFORM graphile_worker.add_job(p->'job'->>'task', json_build_object('paymentId', v_payment::text),
                                  job_key := p->'job'->>'key',
                                  run_at := now() + make_interval(secs => (p->'job'->>'afterSeconds')::int),
                                  max_attempts := (p->'job'->>'maxAttempts')::int);
  INSERT INTO "AuditLog" ("actorType", "actorId", action, "subjectType", "subjectId", "clientIp", details, "createdAt")
  VALUES ('CUSTOMER', r."customerId"::text, 'payment.authorized', 'payment', v_payment::text, p->>'clientIp',
          jsonb_build_object('amount', p->>'amount'), v_now);
  RETURN jsonb_build_object('reserved', true);
END
$$;

-- What the processor says about a payment, applied under the payment's and its bill's row locks (the
-- rules lib/payments/charge-payment.ts held as applyChargeState): succeeded -> COMPLETED (confirmation
-- text); requires_action -> REQUIRES_ACTION; failed -> FAILED (the reservation released, a text);
-- returned -> RETURNED (the bill owes it again, a text). Only moves `moves` allows are made, so an
-- answer arriving twice or out of order changes nothing; only a payment the processor has (`reserving`)
-- changes at all. `sms` is the text this answer sends if it moves the payment (rendered in Node, in the
-- customer's language), to the customer's number as it is now unless it replied STOP or was closed.
-- Returns the payment's status and where its bank's extra step is, after.
CREATE FUNCTION utilitypay_payment_apply(p jsonb) RETURNS TABLE (payment_status text, next_action_url text)
LANGUAGE plpgsql AS $$
DECLARE
  v_now timestamptz := (p->>'now')::timestamptz;
  v_payment uuid := (p->>'paymentId')::uuid;
  s jsonb := p->'state';
  r record;
  v_reference text;
  v_moved boolean := false;
  v_system jsonb;
BEGIN
  SELECT pay.status::text AS status, pay."customerId", pay."amountCents", pay."refundedCents", pay."billId",
         pay."processorReference", c."phoneE164"
    INTO r
    FROM "Payment" pay JOIN "Bill" b ON b.id = pay."billId" JOIN "Customer" c ON c.id = pay."customerId"
   WHERE pay.id = v_payment
     FOR UPDATE OF pay, b;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'No payment %', v_payment;
  END IF;
  IF NOT r.status IN (SELECT jsonb_array_elements_text(p->'reserving')) THEN
    RETURN QUERY SELECT pay.status::text, pay."nextActionUrl" FROM "Payment" pay WHERE pay.id = v_payment;
    RETURN;
  END IF;
  v_reference := coalesce(s->>'reference', r."processorReference");

  CASE s->>'status'
    WHEN 'processing' THEN
      IF r.status IN (SELECT jsonb_array_elements_text(p->'inFlight')) THEN
        PERFORM utilitypay_payment_move(v_payment, 'PROCESSING', p->'moves'->'PROCESSING',
          jsonb_build_object('processorReference', v_reference, 'nextActionUrl', NULL));
      END IF;
    WHEN 'requires_action' THEN
      IF utilitypay_payment_move(v_payment, 'REQUIRES_ACTION', p->'moves'->'REQUIRES_ACTION',
           jsonb_build_object('processorReference', v_reference, 'nextActionUrl', s->>'actionUrl')) THEN
        INSERT INTO "AuditLog" ("actorType", action, "subjectType", "subjectId", details, "createdAt")
        VALUES ('SYSTEM', 'payment.action_required', 'payment', v_payment::text,
                jsonb_build_object('reference', v_reference), v_now);
      END IF;
    WHEN 'succeeded' THEN
      v_moved := utilitypay_payment_move(v_payment, 'COMPLETED', p->'moves'->'COMPLETED',
        jsonb_build_object('processorReference', v_reference, 'nextActionUrl', NULL, 'completedAt', p->>'now'));
      IF v_moved THEN
        INSERT INTO "AuditLog" ("actorType", "actorId", action, "subjectType", "subjectId", details, "createdAt")
        VALUES ('SYSTEM', NULL, 'payment.processed', 'payment', v_payment::text,
                jsonb_build_object('reference', v_reference), v_now),
               ('CUSTOMER', r."customerId"::text, 'payment.completed', 'payment', v_payment::text,
                jsonb_build_object('amount', p->>'amount'), v_now);
      END IF;
    WHEN 'failed' THEN
      v_moved := utilitypay_payment_move(v_payment, 'FAILED', p->'moves'->'FAILED', jsonb_build_object(
        'processorReference', v_reference, 'nextActionUrl', NULL, 'failureCode', s->>'code',
        'failureMessage', s->>'message', 'failedAt', p->>'now'));
      IF v_moved THEN
        UPDATE "Bill" SET "amountPaidCents" = "amountPaidCents" - r."amountCents", "updatedAt" = now() WHERE id = r."billId";
        INSERT INTO "AuditLog" ("actorType", action, "subjectType", "subjectId", details, "createdAt")
        VALUES ('SYSTEM', 'payment.declined', 'payment', v_payment::text,
                jsonb_build_object('code', s->>'code', 'reference', v_reference), v_now);
      END IF;
    WHEN 'returned' THEN
      v_moved := utilitypay_payment_move(v_payment, 'RETURNED', p->'moves'->'RETURNED', jsonb_build_object(
        'failureCode', s->>'code', 'failureMessage', s->>'message', 'returnedAt', p->>'now'));
      IF v_moved THEN
        -- What was refunded already left the bill then.
        UPDATE "Bill" SET "amountPaidCents" = "amountPaidCents" - (r."amountCents" - r."refundedCents"), "updatedAt" = now()
         WHERE id = r."billId";
        INSERT INTO "AuditLog" ("actorType", action, "subjectType", "subjectId", details, "createdAt")
        VALUES ('SYSTEM', 'payment.returned', 'payment', v_payment::text,
                jsonb_build_object('code', s->>'code', 'reference', v_reference), v_now);
      END IF;
    ELSE
      RAISE EXCEPTION 'Unknown processor state %', s->>'status';
  END CASE;

  -- The text, if this answer moved the payment, to a number that can get it (a closed account's
  -- number was cleared; a number that replied STOP gets nothing: a share lock sees a STOP committing).
  IF v_moved AND jsonb_typeof(p->'sms') = 'object' AND r."phoneE164" LIKE '+%'
     AND NOT EXISTS (SELECT 1 FROM "SmsOptOut" WHERE "phoneE164" = r."phoneE164" FOR SHARE) THEN
    INSERT INTO "SmsMessage" (id, kind, "toE164", body, "paymentId", "updatedAt")
    VALUES ((p->'sms'->>'id')::uuid, (p->'sms'->>'kind')::"SmsKind", r."phoneE164", p->'sms'->>'body', v_payment, now());
    PERFORM graphile_worker.add_job(p->'sms'->>'task', json_build_object('messageId', p->'sms'->>'id'),
                                    job_key := p->'sms'->>'id', max_attempts := (p->'sms'->>'maxAttempts')::int);
  END IF;

  RETURN QUERY SELECT pay.status::text, pay."nextActionUrl" FROM "Payment" pay WHERE pay.id = v_payment;
END
$$;

-- Check a code (as migration 20261129090000 made it), and with `reserve` a payment code's phase 1 in
-- the same statement.
CREATE OR REPLACE FUNCTION utilitypay_otp_verify(p jsonb)
RETURNS TABLE (outcome text, wait_ms double precision, attempts_left int, budget_bucket text, result jsonb)
LANGUAGE plpgsql AS $$
DECLARE
  v_now timestamptz := (p->>'now')::timestamptz;
  v_id uuid := (p->>'challengeId')::uuid;
  v_phone text := p->>'phone';
  v_purpose text := p->>'purpose';
  v_ip text := p->>'clientIp';
  v_masked text := p->>'phoneMasked';
  pol jsonb := p->'policy';
  v_limit int := (p->'policy'->>'wrongCodesPerChallenge')::int;
  c "OtpChallenge"%ROWTYPE;
  v_budget jsonb;
  v_budget_check jsonb;
  v_waits double precision[];
  v_failed int;
  v_failures int;
  v_result jsonb;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtextextended('phone:' || v_phone, 0));
  SELECT * INTO c FROM "OtpChallenge" WHERE id = v_id;
  IF NOT FOUND OR c.purpose::text <> v_purpose OR c."phoneE164" <> v_phone THEN
    RETURN QUERY SELECT 'unavailable'::text, 0::float8, NULL::int, NULL::text, NULL::jsonb;
    RETURN;
  END IF;
  IF c.status = 'VERIFIED' THEN
    RETURN QUERY SELECT 'already_used'::text, 0::float8, NULL::int, NULL::text, NULL::jsonb;
    RETURN;
  END IF;
  IF c.status = 'LOCKED' THEN
    RETURN QUERY SELECT 'too_many_wrong'::text, 0::float8, 0, NULL::text, NULL::jsonb;
    RETURN;
  END IF;
  IF c.status <> 'PENDING' THEN
    RETURN QUERY SELECT 'unavailable'::text, 0::float8, NULL::int, NULL::text, NULL::jsonb;
    RETURN;
  END IF;

  v_budget := utilitypay_otp_budget(p);
  v_budget_check := v_budget || jsonb_build_object('windows', jsonb_build_array(pol->'failureBudget'));
  v_waits := utilitypay_rate_waits(v_now, jsonb_build_array(
    v_budget_check,
    jsonb_build_object('bucket', pol->'buckets'->>'failClient', 'key', coalesce(v_ip, ''),
                       'windows', CASE WHEN v_ip IS NULL THEN '[]'::jsonb ELSE jsonb_build_array(pol->'failuresPerClient') END)));
  IF v_waits[1] > 0 THEN
    PERFORM utilitypay_otp_event('BUDGET_SPENT', v_purpose, v_masked, v_ip, v_id, v_now);
    RETURN QUERY SELECT 'locked'::text, v_waits[1], NULL::int, v_budget->>'bucket', NULL::jsonb;
    RETURN;
  END IF;
  IF v_waits[2] > 0 THEN
    RETURN QUERY SELECT 'rate_limited'::text, v_waits[2], NULL::int, v_budget->>'bucket', NULL::jsonb;
    RETURN;
  END IF;
  IF c."expiresAt" <= v_now THEN
    PERFORM utilitypay_otp_event('EXPIRED', v_purpose, v_masked, v_ip, v_id, v_now);
    RETURN QUERY SELECT 'expired'::text, 0::float8, NULL::int, v_budget->>'bucket', NULL::jsonb;
    RETURN;
  END IF;

  -- What you see is what you sign: the payment is locked (to the commit, nothing else changes it)
  -- and must be as Node read it when it recomputed the binding.
  IF c.purpose = 'PAYMENT' AND c."paymentId" IS NOT NULL THEN
    PERFORM 1 FROM "Payment" WHERE id = c."paymentId" FOR UPDATE;
    IF utilitypay_payment_bound(c."paymentId") IS DISTINCT FROM p->'bound' THEN
      RETURN QUERY SELECT 'stale'::text, 0::float8, NULL::int, v_budget->>'bucket', NULL::jsonb;
      RETURN;
    END IF;
  END IF;
  IF p->>'verdict' = 'invalidated' THEN
    UPDATE "OtpChallenge" SET status = 'INVALIDATED' WHERE id = v_id;
    PERFORM utilitypay_otp_event('INVALIDATED', v_purpose, v_masked, v_ip, v_id, v_now);
    RETURN QUERY SELECT 'invalidated'::text, 0::float8, NULL::int, v_budget->>'bucket', NULL::jsonb;
    RETURN;
  END IF;

  IF p->>'verdict' = 'wrong' THEN
    v_failed := c."failedCount" + 1;
    UPDATE "OtpChallenge"
       SET "failedCount" = v_failed, status = CASE WHEN v_failed >= v_limit THEN 'LOCKED'::"ChallengeStatus" ELSE status END
     WHERE id = v_id;
    INSERT INTO "RateLimitHit" (bucket, key, "createdAt")
    SELECT h->>'bucket', h->>'key', v_now
      FROM jsonb_array_elements(jsonb_build_array(v_budget)
             || CASE WHEN v_ip IS NULL THEN '[]'::jsonb
                     ELSE jsonb_build_array(jsonb_build_object('bucket', pol->'buckets'->>'failClient', 'key', v_ip)) END) AS h;
    PERFORM utilitypay_otp_event('WRONG_CODE', v_purpose, v_masked, v_ip, v_id, v_now);
    IF v_failed >= v_limit THEN
      PERFORM utilitypay_otp_event('LOCKED', v_purpose, v_masked, v_ip, v_id, v_now);
    END IF;
    SELECT count(*) INTO v_failures FROM "RateLimitHit"
     WHERE bucket = v_budget->>'bucket' AND key = v_budget->>'key'
       AND "createdAt" > v_now - (pol->'failureBudget'->>'windowMs')::float8 * interval '1 millisecond';
    IF v_failures >= (pol->'failureBudget'->>'limit')::int THEN
      PERFORM utilitypay_otp_event('BUDGET_SPENT', v_purpose, v_masked, v_ip, v_id, v_now);
      RETURN QUERY SELECT 'locked'::text, (utilitypay_rate_waits(v_now, jsonb_build_array(v_budget_check)))[1], NULL::int,
                          v_budget->>'bucket', NULL::jsonb;
      RETURN;
    END IF;
    IF v_failed >= v_limit THEN
      RETURN QUERY SELECT 'too_many_wrong'::text, 0::float8, 0, v_budget->>'bucket', NULL::jsonb;
    ELSE
      RETURN QUERY SELECT 'wrong_code'::text, 0::float8, v_limit - v_failed, v_budget->>'bucket', NULL::jsonb;
    END IF;
    RETURN;
  END IF;

  UPDATE "OtpChallenge" SET status = 'VERIFIED', "consumedAt" = v_now
   WHERE id = v_id AND status = 'PENDING' AND "expiresAt" > v_now;
  IF NOT FOUND THEN
    RETURN QUERY SELECT 'already_used'::text, 0::float8, NULL::int, v_budget->>'bucket', NULL::jsonb;
    RETURN;
  END IF;
  PERFORM utilitypay_otp_event('VERIFIED', v_purpose, v_masked, v_ip, v_id, v_now);
  -- A registration or sign-in code: its customer in the same statement (lib/customers/verify-customer-code.ts).
  IF jsonb_typeof(p->'signIn') = 'object' THEN
    v_result := utilitypay_customer_sign_in(p->'signIn' || jsonb_build_object(
      'phone', v_phone, 'purpose', v_purpose, 'clientIp', v_ip, 'now', p->>'now'));
  END IF;
  -- A payment code: the payment's amount reserved against its bill in the same statement.
  IF jsonb_typeof(p->'reserve') = 'object' THEN
    v_result := utilitypay_payment_reserve(p->'reserve' || jsonb_build_object(
      'paymentId', c."paymentId", 'clientIp', v_ip, 'now', p->>'now'));
  END IF;
  RETURN QUERY SELECT 'verified'::text, 0::float8, NULL::int, v_budget->>'bucket', v_result;
END
$$;

