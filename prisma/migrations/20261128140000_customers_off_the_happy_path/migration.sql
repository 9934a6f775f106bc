-- CreateEnum
CREATE TYPE "PhoneChangeStatus" AS ENUM ('AWAITING_CODES', 'PENDING_APPROVAL', 'COMPLETED', 'REJECTED', 'ABANDONED');

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "OtpPurpose" ADD VALUE 'ACCOUNT_LINK';
ALTER TYPE "OtpPurpose" ADD VALUE 'PHONE_CHANGE';
ALTER TYPE "OtpPurpose" ADD VALUE 'ACCOUNT_DELETE';

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "SmsKind" ADD VALUE 'OTP_ACCOUNT';
ALTER TYPE "SmsKind" ADD VALUE 'ACCOUNT_NOTICE';

-- AlterTable
ALTER TABLE "Customer" ADD COLUMN     "deletedAt" TIMESTAMPTZ(3),
ADD COLUMN     "registeredAt" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "ServiceAccount" ADD COLUMN     "phoneOnFileE164" TEXT;

-- CreateTable
CREATE TABLE "AccountLinkRequest" (
    "challengeId" UUID NOT NULL,
    "customerId" UUID NOT NULL,
    "accountId" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AccountLinkRequest_pkey" PRIMARY KEY ("challengeId")
);

-- CreateTable
CREATE TABLE "PhoneChange" (
    "id" UUID NOT NULL,
    "customerId" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "oldPhoneE164" TEXT NOT NULL,
    "newPhoneE164" TEXT NOT NULL,
    "accountId" UUID,
    "oldChallengeId" UUID,
    "newChallengeId" UUID,
    "oldProvenAt" TIMESTAMPTZ(3),
    "newProvenAt" TIMESTAMPTZ(3),
    "status" "PhoneChangeStatus" NOT NULL DEFAULT 'AWAITING_CODES',
    "clientIp" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedAt" TIMESTAMPTZ(3),
    "decidedBy" UUID,
    "decisionReason" TEXT,
    "completedAt" TIMESTAMPTZ(3),

    CONSTRAINT "PhoneChange_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GuestPass" (
    "tokenHash" TEXT NOT NULL,
    "accountId" UUID NOT NULL,
    "customerId" UUID,
    "paymentId" UUID,
    "clientIp" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "GuestPass_pkey" PRIMARY KEY ("tokenHash")
);

-- CreateIndex
CREATE INDEX "AccountLinkRequest_customerId_idx" ON "AccountLinkRequest"("customerId");

-- CreateIndex
CREATE INDEX "PhoneChange_customerId_createdAt_idx" ON "PhoneChange"("customerId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "PhoneChange_status_createdAt_idx" ON "PhoneChange"("status", "createdAt");

-- CreateIndex
CREATE INDEX "GuestPass_expiresAt_idx" ON "GuestPass"("expiresAt");

-- AddForeignKey
ALTER TABLE "PhoneChange" ADD CONSTRAINT "PhoneChange_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Everyone who has a customer row today registered.
UPDATE "Customer" SET "registeredAt" = "createdAt";
