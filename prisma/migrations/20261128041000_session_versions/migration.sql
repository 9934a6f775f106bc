-- Sessions can be ended: each token carries the version it was issued with, and sign-out or
-- disabling a staff user bumps it, so an old token (replayed after sign-out) no longer works.
ALTER TABLE "Customer" ADD COLUMN "sessionVersion" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "StaffUser" ADD COLUMN "sessionVersion" INTEGER NOT NULL DEFAULT 0;
