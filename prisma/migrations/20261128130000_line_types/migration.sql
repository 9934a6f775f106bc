-- CreateTable
CREATE TABLE "PhoneLineType" (
    "phoneE164" TEXT NOT NULL,
    "lineType" TEXT NOT NULL,
    "carrier" TEXT,
    "checkedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "PhoneLineType_pkey" PRIMARY KEY ("phoneE164")
);

