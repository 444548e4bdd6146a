-- AlterTable
ALTER TABLE "OutboxMessage" ADD COLUMN     "expiresAt" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "OutboxMessage_expiresAt_idx" ON "OutboxMessage"("expiresAt");

-- Messages kept before this migration: a code expires 24 hours after it was sent at the latest
-- (sign-up; reset codes after 1 hour), a temporary password after its pool's validity.
UPDATE "OutboxMessage" SET "expiresAt" = "createdAt" + interval '24 hours' WHERE "code" IS NOT NULL;
UPDATE "OutboxMessage" AS m
SET "expiresAt" = m."createdAt" + make_interval(days => COALESCE((p."passwordPolicy"->>'temporaryPasswordValidityDays')::int, 7))
FROM "UserPool" AS p
WHERE m."poolId" = p."id" AND m."code" IS NULL AND m."body" LIKE '%Temporary password:%';
