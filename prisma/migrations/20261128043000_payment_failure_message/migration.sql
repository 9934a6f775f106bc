-- The receipt shows what the processor said, stored with the failure (not rebuilt from the sandbox's table).
-- AlterTable
ALTER TABLE "Payment" ADD COLUMN     "failureMessage" TEXT;

