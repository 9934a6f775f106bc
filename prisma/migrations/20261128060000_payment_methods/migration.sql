-- CreateEnum
CREATE TYPE "PaymentMethodType" AS ENUM ('CARD', 'US_BANK_ACCOUNT');

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "PaymentStatus" ADD VALUE 'PROCESSING';
ALTER TYPE "PaymentStatus" ADD VALUE 'REQUIRES_ACTION';
ALTER TYPE "PaymentStatus" ADD VALUE 'RETURNED';

-- AlterEnum
ALTER TYPE "SmsKind" ADD VALUE 'PAYMENT_RETURNED';

-- AlterTable
ALTER TABLE "Customer" ADD COLUMN     "processorCustomerId" TEXT;

-- AlterTable
ALTER TABLE "Payment" ADD COLUMN     "methodId" UUID,
ADD COLUMN     "nextActionUrl" TEXT,
ADD COLUMN     "processingAt" TIMESTAMPTZ(3),
ADD COLUMN     "returnedAt" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "PaymentMethod" (
    "id" UUID NOT NULL,
    "customerId" UUID NOT NULL,
    "type" "PaymentMethodType" NOT NULL,
    "processor" TEXT NOT NULL,
    "token" TEXT NOT NULL,
    "brand" TEXT NOT NULL,
    "last4" CHAR(4) NOT NULL,
    "expMonth" INTEGER,
    "expYear" INTEGER,
    "saved" BOOLEAN NOT NULL DEFAULT false,
    "isDefault" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "removedAt" TIMESTAMPTZ(3),

    CONSTRAINT "PaymentMethod_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProcessorEvent" (
    "id" TEXT NOT NULL,
    "processor" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "paymentId" UUID,
    "reference" TEXT,
    "occurredAt" TIMESTAMPTZ(3) NOT NULL,
    "receivedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProcessorEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "PaymentMethod_customerId_createdAt_idx" ON "PaymentMethod"("customerId", "createdAt" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "PaymentMethod_processor_token_key" ON "PaymentMethod"("processor", "token");

-- CreateIndex
CREATE INDEX "ProcessorEvent_paymentId_occurredAt_idx" ON "ProcessorEvent"("paymentId", "occurredAt");

-- AddForeignKey
ALTER TABLE "PaymentMethod" ADD CONSTRAINT "PaymentMethod_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProcessorEvent" ADD CONSTRAINT "ProcessorEvent_paymentId_fkey" FOREIGN KEY ("paymentId") REFERENCES "Payment"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Payment" ADD CONSTRAINT "Payment_methodId_fkey" FOREIGN KEY ("methodId") REFERENCES "PaymentMethod"("id") ON DELETE SET NULL ON UPDATE CASCADE;


-- CreateTable
CREATE TABLE "SandboxCharge" (
    "id" TEXT NOT NULL,
    "paymentId" UUID NOT NULL,
    "amountCents" INTEGER NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "methodToken" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "failureCode" TEXT,
    "returned" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "SandboxCharge_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "SandboxCharge_paymentId_key" ON "SandboxCharge"("paymentId");


-- CreateIndex
CREATE INDEX "Payment_processorReference_idx" ON "Payment"("processorReference");


-- Money in flight: a COMPLETED payment may still be returned by the bank (an ACH debit that
-- settled and then failed); every other final state stays final, and nothing about a final
-- payment's amount, bill, customer or method changes.
CREATE OR REPLACE FUNCTION "payment_final_states_are_final"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status::text IN ('COMPLETED', 'FAILED', 'CANCELLED', 'EXPIRED', 'RETURNED') AND (
       (NEW.status IS DISTINCT FROM OLD.status
        AND NOT (OLD.status::text = 'COMPLETED' AND NEW.status::text = 'RETURNED'))
    OR NEW."amountCents" IS DISTINCT FROM OLD."amountCents"
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
