-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "SmsKind" ADD VALUE 'OPT_OUT_CONFIRMATION';
ALTER TYPE "SmsKind" ADD VALUE 'OPT_IN_CONFIRMATION';
ALTER TYPE "SmsKind" ADD VALUE 'HELP_REPLY';

-- AlterEnum
ALTER TYPE "SmsStatus" ADD VALUE 'SUPPRESSED';

-- CreateTable
CREATE TABLE "SmsOptOut" (
    "phoneE164" TEXT NOT NULL,
    "keyword" TEXT NOT NULL,
    "optedOutAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "SmsOptOut_pkey" PRIMARY KEY ("phoneE164")
);

-- CreateTable
CREATE TABLE "SmsConsent" (
    "phoneE164" TEXT NOT NULL,
    "consentedAt" TIMESTAMPTZ(3) NOT NULL,
    "source" TEXT NOT NULL,
    "wording" TEXT NOT NULL,

    CONSTRAINT "SmsConsent_pkey" PRIMARY KEY ("phoneE164")
);

-- CreateTable
CREATE TABLE "SmsInbound" (
    "id" BIGSERIAL NOT NULL,
    "fromE164" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "transport" TEXT NOT NULL,
    "providerMessageId" TEXT,
    "action" TEXT NOT NULL,
    "receivedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SmsInbound_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "SmsInbound_providerMessageId_key" ON "SmsInbound"("providerMessageId");

-- CreateIndex
CREATE INDEX "SmsInbound_fromE164_receivedAt_idx" ON "SmsInbound"("fromE164", "receivedAt");

