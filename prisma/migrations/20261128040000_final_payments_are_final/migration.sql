-- A payment in a final state (COMPLETED, FAILED, CANCELLED, EXPIRED) is final in the database
-- itself: no code path, present or future, can reopen it, re-price it or move it to another bill
-- or customer. (An audit found a completed payment reset to CREATED by a concurrent resubmission
-- of its form, then completed a second time.)
CREATE FUNCTION "payment_final_states_are_final"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status IN ('COMPLETED', 'FAILED', 'CANCELLED', 'EXPIRED') AND (
       NEW.status IS DISTINCT FROM OLD.status
    OR NEW."amountCents" IS DISTINCT FROM OLD."amountCents"
    OR NEW.currency IS DISTINCT FROM OLD.currency
    OR NEW."billId" IS DISTINCT FROM OLD."billId"
    OR NEW."accountId" IS DISTINCT FROM OLD."accountId"
    OR NEW."customerId" IS DISTINCT FROM OLD."customerId"
    OR NEW."utilityId" IS DISTINCT FROM OLD."utilityId"
  ) THEN
    RAISE EXCEPTION 'payment % is %, which is final', OLD.id, OLD.status USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER "Payment_final_states_are_final"
  BEFORE UPDATE ON "Payment"
  FOR EACH ROW EXECUTE FUNCTION "payment_final_states_are_final"();
