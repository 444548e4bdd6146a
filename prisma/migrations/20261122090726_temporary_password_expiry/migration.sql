-- AlterTable
ALTER TABLE "User" ADD COLUMN     "passwordSetAt" TIMESTAMP(3);

-- Existing passwords count from the row's last change: the latest the password can have been set,
-- so no temporary password already handed out expires earlier than it would have.
UPDATE "User" SET "passwordSetAt" = "updatedAt" WHERE "passwordHash" IS NOT NULL;
