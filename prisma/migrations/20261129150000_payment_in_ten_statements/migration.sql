-- Issue #15: a payment in at most ten statements.

-- A new payment and its audit entry, one statement (lib/payments/start-payment.ts decides what is in
-- it). The form's idempotency key is checked here instead of by a read before: true when the payment
-- was made, false when the form was submitted before (nothing written; the caller takes its
-- resubmission path). A confirmation number drawn twice is still a unique violation.
DROP FUNCTION utilitypay_payment_create(jsonb);
CREATE FUNCTION utilitypay_payment_create(p jsonb) RETURNS boolean
LANGUAGE sql AS $$
  WITH created AS (
    INSERT INTO "Payment" (id, "confirmationNumber", "utilityId", "accountId", "billId", "customerId", "amountCents",
                           "feeCents", currency, "methodId", "idempotencyKey", "createdAt", "updatedAt")
    VALUES ((p->>'id')::uuid, p->>'confirmationNumber', (p->>'utilityId')::uuid, (p->>'accountId')::uuid,
            (p->>'billId')::uuid, (p->>'customerId')::uuid, (p->>'amountCents')::int, (p->>'feeCents')::int,
            p->>'currency', (p->>'methodId')::uuid, p->>'idempotencyKey', (p->>'now')::timestamptz, now())
    ON CONFLICT ("idempotencyKey") DO NOTHING
    RETURNING id),
  audited AS (
    INSERT INTO "AuditLog" ("actorType", "actorId", action, "subjectType", "subjectId", "clientIp", details, "createdAt")
    SELECT 'CUSTOMER', p->>'customerId', 'payment.created', 'payment', created.id::text, p->>'clientIp',
           jsonb_build_object('amount', p->>'amount'), (p->>'now')::timestamptz
      FROM created
    RETURNING 1)
  SELECT EXISTS (SELECT 1 FROM created);
$$;

-- What charging a payment and wording its texts needs (lib/payments/charge-payment.ts ChargeFacts),
-- read with the payment: the confirm step reads it with the payment's code, the processor's answers
-- read it on their own. Null when there is no such payment.
CREATE FUNCTION utilitypay_payment_charge_facts(v_payment uuid) RETURNS jsonb
LANGUAGE sql STABLE AS $$
  SELECT jsonb_build_object(
           'status', pay.status::text,
           'amountCents', pay."amountCents",
           'feeCents', pay."feeCents",
           'currency', pay.currency,
           'confirmationNumber', pay."confirmationNumber",
           'method', CASE WHEN m.id IS NULL THEN NULL
                          ELSE jsonb_build_object('token', m.token, 'type', m.type::text) END,
           'customer', jsonb_build_object('language', c.language, 'processorCustomerId', c."processorCustomerId"),
           'account', jsonb_build_object('accountNumber', a."accountNumber"),
           'utility', jsonb_build_object('shortName', u."shortName", 'currency', u.currency,
                                         'timeZone', u."timeZone", 'supportPhone', u."supportPhone"))
    FROM "Payment" pay
    JOIN "Customer" c ON c.id = pay."customerId"
    JOIN "ServiceAccount" a ON a.id = pay."accountId"
    JOIN "Utility" u ON u.id = pay."utilityId"
    LEFT JOIN "PaymentMethod" m ON m.id = pay."methodId"
   WHERE pay.id = v_payment;
$$;

-- The sandbox processor's charge (lib/processor/sandbox.ts decides its status): one per payment, its
-- id the idempotency key, so a second request answers with the first charge; a bank debit's settle
-- job is queued with it. Returns the charge as it stands.
CREATE FUNCTION utilitypay_sandbox_charge(p jsonb)
RETURNS TABLE (id text, status text, "failureCode" text, returned boolean, "methodToken" text)
LANGUAGE plpgsql AS $$
DECLARE
  v_payment uuid := (p->>'paymentId')::uuid;
BEGIN
  INSERT INTO "SandboxCharge" (id, "paymentId", "amountCents", currency, "methodToken", status, "failureCode", "updatedAt")
  VALUES (p->>'id', v_payment, (p->>'amountCents')::int, p->>'currency', p->>'methodToken', p->>'status',
          p->>'failureCode', now())
  ON CONFLICT ("paymentId") DO NOTHING;
  IF FOUND AND p->'settle' IS NOT NULL AND p->'settle' <> 'null'::jsonb THEN
    PERFORM graphile_worker.add_job(p->'settle'->>'task', json_build_object('reference', p->>'id'),
                                    run_at := now() + make_interval(secs => (p->'settle'->>'afterSeconds')::int),
                                    max_attempts := (p->'settle'->>'maxAttempts')::int);
  END IF;
  RETURN QUERY SELECT s.id, s.status, s."failureCode", s.returned, s."methodToken"
                 FROM "SandboxCharge" s WHERE s."paymentId" = v_payment;
END
$$;

-- A payment's code and its phase 1 in one statement, as before, now answering with what charging it
-- needs once it is reserved (read under the locks just taken, so the charge reads nothing more).
CREATE OR REPLACE FUNCTION utilitypay_otp_verify_and_reserve(p jsonb)
RETURNS TABLE (outcome text, wait_ms double precision, attempts_left int, budget_bucket text, result jsonb)
LANGUAGE plpgsql AS $$
DECLARE
  v record;
BEGIN
  SELECT * INTO v FROM utilitypay_otp_verify(p);
  IF v.outcome = 'verified' THEN
    v.result := utilitypay_payment_reserve(p->'reserve' || jsonb_build_object('clientIp', p->>'clientIp', 'now', p->>'now'));
    IF (v.result->>'reserved')::boolean THEN
      v.result := v.result || jsonb_build_object(
        'facts', utilitypay_payment_charge_facts((p->'reserve'->>'paymentId')::uuid));
    END IF;
  END IF;
  RETURN QUERY SELECT v.outcome, v.wait_ms, v.attempts_left, v.budget_bucket, v.result;
END
$$;
