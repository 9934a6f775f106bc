-- The customer's language (issue #18): pages and texts in English or Spanish.
ALTER TABLE "Customer" ADD COLUMN     "language" VARCHAR(5) NOT NULL DEFAULT 'en-US';
ALTER TABLE "Customer" ADD CONSTRAINT "Customer_language_check" CHECK ("language" IN ('en-US', 'es-US'));
