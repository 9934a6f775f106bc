-- AlterTable
ALTER TABLE "Payment" ADD COLUMN     "feeCents" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "Utility" ADD COLUMN     "bankFeeBps" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "bankFeeFlatCents" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "cardFeeBps" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "cardFeeFlatCents" INTEGER NOT NULL DEFAULT 0;


ALTER TABLE "Utility" ADD CONSTRAINT "Utility_fees_are_sane" CHECK (
  "cardFeeFlatCents" BETWEEN 0 AND 10000 AND "bankFeeFlatCents" BETWEEN 0 AND 10000
  AND "cardFeeBps" BETWEEN 0 AND 1000 AND "bankFeeBps" BETWEEN 0 AND 1000);
ALTER TABLE "Payment" ADD CONSTRAINT "Payment_fee_not_negative" CHECK ("feeCents" >= 0);

-- The fee is part of what a final payment took: frozen with the amount.
CREATE OR REPLACE FUNCTION "payment_final_states_are_final"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status::text IN ('COMPLETED', 'FAILED', 'CANCELLED', 'EXPIRED', 'RETURNED') AND (
       (NEW.status IS DISTINCT FROM OLD.status
        AND NOT (OLD.status::text = 'COMPLETED' AND NEW.status::text = 'RETURNED'))
    OR NEW."amountCents" IS DISTINCT FROM OLD."amountCents"
    OR NEW."feeCents" IS DISTINCT FROM OLD."feeCents"
    OR NEW.currency IS DISTINCT FROM OLD.currency
    OR NEW."billId" IS DISTINCT FROM OLD."billId"
    OR NEW."accountId" IS DISTINCT FROM OLD."accountId"
    OR NEW."customerId" IS DISTINCT FROM OLD."customerId"
    OR NEW."utilityId" IS DISTINCT FROM OLD."utilityId"
    OR NEW."methodId" IS DISTINCT FROM OLD."methodId"
  ) THEN
    RAISE EXCEPTION 'payment % is %, which is final', OLD.id, OLD.status USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$;
