-- Issue #15: each OTP step (send a code, check a code) is one PL/pgSQL function called as one
-- statement. Node keeps the secrets: it generates the code, computes the HMAC and seals the text,
-- reads the challenge and decides whether the code matches; the function takes the phone's
-- advisory lock, re-checks under it everything Node read that could have changed, and applies the
-- rules (limits, supersession, wrong-code counting, consumption) in one round trip.
--
-- Under READ COMMITTED every statement of a VOLATILE function takes a fresh snapshot: once the
-- advisory lock is held, each later statement sees what the previous holder committed
-- (lib/otp/steps.test.ts races two sends at the limit to prove it). Written for PostgreSQL 15 and
-- 18 alike: no MERGE ... RETURNING, no SQL/JSON constructors from 16.
--
-- The numbers (limits, windows, buckets) come from lib/otp/policy.ts in every call's `policy`:
-- they live in one place.

-- For each check {bucket, key, windows: [{limit, windowMs}]}, in order: milliseconds until one
-- more hit is allowed under all its windows (0: allowed now). A window is full while its
-- limit-th most recent hit is inside it. The one place this rule is written (lib/limits calls it).
CREATE FUNCTION utilitypay_rate_waits(p_at timestamptz, p_checks jsonb) RETURNS double precision[]
LANGUAGE sql STABLE AS $$
  SELECT coalesce(array_agg(coalesce(w.wait, 0) ORDER BY c.ord), '{}')
    FROM jsonb_array_elements(p_checks) WITH ORDINALITY AS c(chk, ord)
    LEFT JOIN LATERAL (
      SELECT greatest(0, max(round(extract(epoch FROM (h."createdAt" - p_at)) * 1000) + (win->>'windowMs')::float8))::float8 AS wait
        FROM jsonb_array_elements(c.chk->'windows') AS win
        CROSS JOIN LATERAL (
          SELECT r."createdAt" FROM "RateLimitHit" r
           WHERE r.bucket = c.chk->>'bucket' AND r.key = c.chk->>'key'
             AND r."createdAt" > p_at - (win->>'windowMs')::float8 * interval '1 millisecond'
           ORDER BY r."createdAt" DESC OFFSET (win->>'limit')::int - 1 LIMIT 1
        ) h
    ) w ON true
$$;

-- What a payment code is bound to, as it stands: the same expression Node reads before computing
-- the binding and the functions compare under the payment's row lock.
CREATE FUNCTION utilitypay_payment_bound(p_payment uuid) RETURNS jsonb
LANGUAGE sql STABLE AS $$
  SELECT jsonb_build_object(
           'id', p.id::text, 'status', p.status::text, 'amountCents', p."amountCents", 'feeCents', p."feeCents",
           'currency', p.currency::text, 'utilityId', p."utilityId"::text, 'accountId', p."accountId"::text,
           'methodId', p."methodId"::text, 'methodUsable', m.id IS NOT NULL AND m."removedAt" IS NULL)
    FROM "Payment" p LEFT JOIN "PaymentMethod" m ON m.id = p."methodId"
   WHERE p.id = p_payment
$$;

CREATE FUNCTION utilitypay_otp_event(p_type text, p_purpose text, p_masked text, p_ip text, p_challenge uuid, p_at timestamptz)
RETURNS void LANGUAGE sql AS $$
  INSERT INTO "OtpEvent" (type, purpose, "phoneMasked", "clientIp", "challengeId", "createdAt")
  VALUES (p_type::"OtpEventType", p_purpose::"OtpPurpose", p_masked, p_ip, p_challenge, p_at)
$$;

-- The budget a request counts against: its browser's own once that browser proved the phone,
-- else the one the caller chose (strangers', the payer's).
CREATE FUNCTION utilitypay_otp_budget(p jsonb) RETURNS jsonb
LANGUAGE sql STABLE AS $$
  SELECT CASE
           WHEN p->>'deviceHash' IS NOT NULL AND EXISTS (
             SELECT 1 FROM "TrustedDevice" d WHERE d."phoneE164" = p->>'phone' AND d."deviceHash" = p->>'deviceHash')
           THEN jsonb_build_object('bucket', p->'policy'->'buckets'->>'failDevice', 'key', (p->>'phone') || '|' || (p->>'deviceHash'))
           ELSE p->'budget'
         END
$$;

-- Send a code: the sender's failure budget, the client's failures, the send caps (resend cooldown,
-- per phone and sender, per client address) and the text budgets, in that order; then the payment
-- binding (locked, as Node read it), the opt-out; then the old codes are superseded, the challenge,
-- its hits, events, text and delivery job written.
-- With `movePayment` ({by, from}), a payment code also moves its payment to AWAITING_OTP (from one
-- of `from`, else not_payable and nothing written) and audits the send as `by`'s.
-- Outcomes: created | locked | rate_limited | texts_paused (with wait_ms) | unavailable | opted_out
-- | not_payable | stale (the payment changed since Node read it: read again and retry).
CREATE FUNCTION utilitypay_otp_send(p jsonb) RETURNS TABLE (outcome text, wait_ms double precision)
LANGUAGE plpgsql AS $$
DECLARE
  v_now timestamptz := (p->>'now')::timestamptz;
  v_id uuid := (p->>'id')::uuid;
  v_phone text := p->>'phone';
  v_purpose text := p->>'purpose';
  v_ip text := p->>'clientIp';
  v_masked text := p->>'phoneMasked';
  v_payment uuid := (p->>'paymentId')::uuid;
  pol jsonb := p->'policy';
  b jsonb := p->'policy'->'buckets';
  v_ip_key text := CASE WHEN p->>'clientIp' IS NULL THEN NULL ELSE 'ip:' || (p->>'clientIp') END;
  v_budget jsonb;
  v_sender text;
  v_send jsonb;
  v_texts jsonb := coalesce(p->'textBudgets', '[]'::jsonb);
  v_waits double precision[];
  v_n int;
  v_wait double precision;
BEGIN
  -- Sorted byte-wise (as lib/limits sorts), so two lockers of the same keys cannot deadlock.
  PERFORM pg_advisory_xact_lock(hashtextextended(k, 0))
     FROM unnest(ARRAY(SELECT DISTINCT x COLLATE "C" FROM unnest(ARRAY['phone:' || v_phone, v_ip_key]) AS x
                        WHERE x IS NOT NULL ORDER BY 1)) AS k;

  v_budget := utilitypay_otp_budget(p);
  v_sender := CASE WHEN v_budget->>'bucket' = b->>'failPhone' THEN v_phone
                   ELSE (v_budget->>'bucket') || '|' || (v_budget->>'key') END;
  v_send := jsonb_build_array(
              jsonb_build_object('bucket', b->>'resend', 'key', v_sender || '|' || v_purpose,
                                 'windows', jsonb_build_array(pol->'resendCooldown')),
              jsonb_build_object('bucket', b->>'sendPhone', 'key', v_sender, 'windows', pol->'sendsPerPhone'))
            || CASE WHEN v_ip_key IS NULL THEN '[]'::jsonb
                    ELSE jsonb_build_array(jsonb_build_object(
                           'bucket', b->>'sendIp', 'key', v_ip_key,
                           'windows', CASE WHEN v_ip = pol->>'unknownClient' THEN pol->'sendsPerUnknownClient'
                                           ELSE pol->'sendsPerIp' END)) END;
  v_n := jsonb_array_length(v_send);

  v_waits := utilitypay_rate_waits(v_now,
    jsonb_build_array(
      v_budget || jsonb_build_object('windows', jsonb_build_array(pol->'failureBudget')),
      jsonb_build_object('bucket', b->>'failClient', 'key', coalesce(v_ip, ''),
                         'windows', CASE WHEN v_ip IS NULL THEN '[]'::jsonb ELSE jsonb_build_array(pol->'failuresPerClient') END))
    || v_send || v_texts);

  IF v_waits[1] > 0 THEN
    PERFORM utilitypay_otp_event('BUDGET_SPENT', v_purpose, v_masked, v_ip, NULL, v_now);
    RETURN QUERY SELECT 'locked'::text, v_waits[1];
    RETURN;
  END IF;
  IF v_waits[2] > 0 THEN
    PERFORM utilitypay_otp_event('RATE_LIMITED', v_purpose, v_masked, v_ip, NULL, v_now);
    RETURN QUERY SELECT 'rate_limited'::text, v_waits[2];
    RETURN;
  END IF;
  SELECT coalesce(max(w), 0) INTO v_wait FROM unnest(v_waits[3:2 + v_n]) AS w;
  IF v_wait > 0 THEN
    PERFORM utilitypay_otp_event('RATE_LIMITED', v_purpose, v_masked, v_ip, NULL, v_now);
    RETURN QUERY SELECT 'rate_limited'::text, v_wait;
    RETURN;
  END IF;
  SELECT coalesce(max(w), 0) INTO v_wait FROM unnest(v_waits[3 + v_n:]) AS w;
  IF v_wait > 0 THEN
    PERFORM utilitypay_otp_event('TEXT_BUDGET_TRIPPED', v_purpose, v_masked, v_ip, NULL, v_now);
    RETURN QUERY SELECT 'texts_paused'::text, v_wait;
    RETURN;
  END IF;

  -- The binding: a payment's row is locked first (every path that changes a payment and its codes
  -- locks the payment before the codes) and must be as Node read it when it hashed the code.
  IF v_purpose = 'PAYMENT' AND v_payment IS NOT NULL THEN
    PERFORM 1 FROM "Payment" WHERE id = v_payment FOR UPDATE;
    IF utilitypay_payment_bound(v_payment) IS DISTINCT FROM p->'bound' THEN
      RETURN QUERY SELECT 'stale'::text, 0::float8;
      RETURN;
    END IF;
  END IF;
  IF NOT (p->>'bindingOk')::boolean THEN
    RETURN QUERY SELECT 'unavailable'::text, 0::float8;
    RETURN;
  END IF;
  -- Under the payment's row lock its status cannot move before the UPDATE below.
  IF jsonb_typeof(p->'movePayment') = 'object' AND NOT EXISTS (
       SELECT 1 FROM "Payment" WHERE id = v_payment
          AND status::text IN (SELECT jsonb_array_elements_text(p->'movePayment'->'from'))) THEN
    RETURN QUERY SELECT 'not_payable'::text, 0::float8;
    RETURN;
  END IF;

  -- A number that replied STOP gets no code (a share lock: a STOP committing meanwhile is seen or waits).
  IF jsonb_typeof(p->'sms') = 'object' AND EXISTS (
       SELECT 1 FROM "SmsOptOut" WHERE "phoneE164" = v_phone FOR SHARE) THEN
    RETURN QUERY SELECT 'opted_out'::text, 0::float8;
    RETURN;
  END IF;

  -- A new code kills the phone's open ones for the same purpose (and payment).
  WITH superseded AS (
    UPDATE "OtpChallenge" SET status = 'SUPERSEDED'
     WHERE "phoneE164" = v_phone AND purpose = v_purpose::"OtpPurpose" AND status = 'PENDING'
       AND (v_payment IS NULL OR "paymentId" = v_payment)
    RETURNING id)
  INSERT INTO "OtpEvent" (type, purpose, "phoneMasked", "clientIp", "challengeId", "createdAt")
  SELECT 'SUPERSEDED', v_purpose::"OtpPurpose", v_masked, v_ip, s.id, v_now FROM superseded s;

  INSERT INTO "OtpChallenge" (id, purpose, "phoneE164", "paymentId", "codeHash", "bindingDigest", "keyId",
                              "expiresAt", "clientIp", "createdAt")
  VALUES (v_id, v_purpose::"OtpPurpose", v_phone, v_payment, p->>'codeHash', p->>'bindingDigest', p->>'keyId',
          (p->>'expiresAt')::timestamptz, v_ip, v_now);

  INSERT INTO "RateLimitHit" (bucket, key, "createdAt")
  SELECT c->>'bucket', c->>'key', v_now FROM jsonb_array_elements(v_send || v_texts) AS c;
  PERFORM utilitypay_otp_event('CREATED', v_purpose, v_masked, v_ip, v_id, v_now);

  IF jsonb_typeof(p->'sms') = 'object' THEN
    INSERT INTO "SmsMessage" (id, kind, "toE164", "sealedBody", "challengeId", "paymentId", "updatedAt")
    VALUES ((p->'sms'->>'id')::uuid, (p->'sms'->>'kind')::"SmsKind", v_phone, p->'sms'->>'sealedBody', v_id, v_payment, now());
    PERFORM graphile_worker.add_job(p->'sms'->>'task', json_build_object('messageId', p->'sms'->>'id'),
                                    job_key := p->'sms'->>'id', max_attempts := (p->'sms'->>'maxAttempts')::int);
  END IF;

  IF jsonb_typeof(p->'movePayment') = 'object' THEN
    UPDATE "Payment" SET status = 'AWAITING_OTP', "otpSentAt" = v_now, "updatedAt" = now() WHERE id = v_payment;
    INSERT INTO "AuditLog" ("actorType", "actorId", action, "subjectType", "subjectId", "clientIp", details)
    VALUES ('CUSTOMER', p->'movePayment'->>'by', 'payment.code_sent', 'payment', v_payment::text, v_ip,
            jsonb_build_object('challengeId', v_id::text));
  END IF;

  RETURN QUERY SELECT 'created'::text, 0::float8;
END
$$;

-- Once a registration or sign-in code is consumed: the customer it proves (the rules of
-- lib/customers/verify-customer-code.ts). A registered number signs in (keeping its name; a
-- language the browser chose with the switch becomes its own); a new number, or a one-time payer's,
-- registers with the name typed, its consent recorded in the words the page showed. A sign-in code
-- for a number with no account proves nothing to sign in to (null). The browser that entered it
-- is trusted for the phone from now on.
CREATE FUNCTION utilitypay_customer_sign_in(p jsonb) RETURNS jsonb
LANGUAGE plpgsql AS $$
DECLARE
  v_now timestamptz := (p->>'now')::timestamptz;
  v_phone text := p->>'phone';
  v_language text := p->>'language';
  c "Customer"%ROWTYPE;
  v_found boolean;
BEGIN
  SELECT * INTO c FROM "Customer" WHERE "phoneE164" = v_phone;
  v_found := FOUND;
  IF NOT (v_found AND c."registeredAt" IS NOT NULL) AND (p->>'purpose' = 'SIGN_IN' OR p->>'name' IS NULL) THEN
    RETURN NULL;
  END IF;
  IF p->>'deviceHash' IS NOT NULL THEN
    INSERT INTO "TrustedDevice" ("phoneE164", "deviceHash", "createdAt", "lastUsedAt")
    VALUES (v_phone, p->>'deviceHash', v_now, v_now)
    ON CONFLICT ("phoneE164", "deviceHash") DO UPDATE SET "lastUsedAt" = EXCLUDED."lastUsedAt";
  END IF;

  IF v_found AND c."registeredAt" IS NOT NULL THEN
    IF c."phoneVerifiedAt" IS NULL OR (v_language IS NOT NULL AND v_language <> c.language) THEN
      UPDATE "Customer" SET "phoneVerifiedAt" = coalesce("phoneVerifiedAt", v_now), language = coalesce(v_language, language)
       WHERE id = c.id;
    END IF;
    INSERT INTO "AuditLog" ("actorType", "actorId", action, "subjectType", "subjectId", "clientIp", "createdAt")
    VALUES ('CUSTOMER', c.id::text, 'customer.signed_in', 'customer', c.id::text, p->>'clientIp', v_now);
    RETURN jsonb_build_object('customerId', c.id::text, 'name', c.name, 'isNew', false, 'sessionVersion', c."sessionVersion");
  END IF;

  IF v_found THEN
    UPDATE "Customer"
       SET name = p->>'name', "phoneVerifiedAt" = v_now, "registeredAt" = v_now, language = coalesce(v_language, language)
     WHERE id = c.id
    RETURNING * INTO c;
  ELSE
    INSERT INTO "Customer" (id, name, "phoneE164", "phoneVerifiedAt", "registeredAt", language)
    VALUES (gen_random_uuid(), p->>'name', v_phone, v_now, v_now, coalesce(v_language, p->>'defaultLanguage'))
    RETURNING * INTO c;
  END IF;
  INSERT INTO "SmsConsent" ("phoneE164", "consentedAt", source, wording)
  VALUES (v_phone, v_now, 'registration', p->>'consentWording')
  ON CONFLICT ("phoneE164") DO UPDATE
    SET "consentedAt" = EXCLUDED."consentedAt", source = EXCLUDED.source, wording = EXCLUDED.wording;
  INSERT INTO "AuditLog" ("actorType", "actorId", action, "subjectType", "subjectId", "clientIp", "createdAt")
  VALUES ('CUSTOMER', c.id::text, CASE WHEN v_found THEN 'customer.registered_after_guest_pay' ELSE 'customer.registered' END,
          'customer', c.id::text, p->>'clientIp', v_now);
  RETURN jsonb_build_object('customerId', c.id::text, 'name', c.name, 'isNew', true, 'sessionVersion', c."sessionVersion");
END
$$;

-- Check a code Node has compared: `verdict` is match, wrong or invalidated (the binding it read
-- differs from the one the code was sent for). Under the phone's lock the challenge is read again
-- (its status, count and expiry may have moved; its hash, binding and payment never do) and a
-- payment's bound fields must still be as Node read them.
-- With `signIn`, a verified code also registers or signs in its customer (result: the customer).
-- Outcomes: verified | already_used | too_many_wrong | unavailable | locked (wait_ms) |
-- rate_limited (wait_ms) | expired | invalidated | wrong_code (attempts_left) | stale.
-- budget_bucket says whose budget the attempt counted against.
CREATE FUNCTION utilitypay_otp_verify(p jsonb)
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
  RETURN QUERY SELECT 'verified'::text, 0::float8, NULL::int, v_budget->>'bucket', v_result;
END
$$;
