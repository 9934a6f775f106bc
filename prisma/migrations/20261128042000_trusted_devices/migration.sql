-- Browsers that proved a phone number: their wrong codes have a budget of their own (audit finding 4).
-- CreateTable
CREATE TABLE "TrustedDevice" (
    "phoneE164" TEXT NOT NULL,
    "deviceHash" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TrustedDevice_pkey" PRIMARY KEY ("phoneE164","deviceHash")
);


-- A text telling the owner that someone is entering wrong codes for their number.
ALTER TYPE "SmsKind" ADD VALUE 'SECURITY_ALERT';
