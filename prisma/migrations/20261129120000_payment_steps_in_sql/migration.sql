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

-- A payment code checked (utilitypay_otp_verify) and, once consumed, its payment reserved
-- (utilitypay_payment_reserve with `reserve`), in one statement: both commit or neither.
CREATE FUNCTION utilitypay_otp_verify_and_reserve(p jsonb)
RETURNS TABLE (outcome text, wait_ms double precision, attempts_left int, budget_bucket text, result jsonb)
LANGUAGE plpgsql AS $$
DECLARE
  v record;
BEGIN
  SELECT * INTO v FROM utilitypay_otp_verify(p);
  IF v.outcome = 'verified' THEN
    v.result := utilitypay_payment_reserve(p->'reserve' || jsonb_build_object('clientIp', p->>'clientIp', 'now', p->>'now'));
  END IF;
  RETURN QUERY SELECT v.outcome, v.wait_ms, v.attempts_left, v.budget_bucket, v.result;
END
$$;
