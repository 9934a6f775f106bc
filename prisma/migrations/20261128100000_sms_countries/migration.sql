-- AlterTable
ALTER TABLE "Utility" ADD COLUMN     "smsCountries" TEXT[] DEFAULT ARRAY['US']::TEXT[];

