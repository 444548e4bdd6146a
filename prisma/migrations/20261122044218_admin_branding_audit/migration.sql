-- AlterTable
ALTER TABLE "UserPool" ADD COLUMN     "branding" JSONB,
ADD COLUMN     "brandingDraft" JSONB;

-- AlterTable
ALTER TABLE "AppClient" ADD COLUMN     "branding" JSONB,
ADD COLUMN     "brandingDraft" JSONB;

-- CreateTable
CREATE TABLE "BrandingAsset" (
    "id" TEXT NOT NULL,
    "poolId" TEXT NOT NULL,
    "contentType" TEXT NOT NULL,
    "bytes" BYTEA NOT NULL,
    "size" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BrandingAsset_pkey" PRIMARY KEY ("poolId","id")
);

-- CreateTable
CREATE TABLE "ApiKey" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "keyHash" TEXT NOT NULL,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "ApiKey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "poolId" TEXT,
    "type" TEXT NOT NULL,
    "actorType" TEXT NOT NULL,
    "actor" TEXT,
    "target" TEXT,
    "ip" TEXT,
    "userAgent" TEXT,
    "details" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ApiKey_keyHash_key" ON "ApiKey"("keyHash");

-- CreateIndex
CREATE INDEX "AuditEvent_createdAt_idx" ON "AuditEvent"("createdAt");

-- CreateIndex
CREATE INDEX "AuditEvent_poolId_createdAt_idx" ON "AuditEvent"("poolId", "createdAt");

-- CreateIndex
CREATE INDEX "AuditEvent_type_createdAt_idx" ON "AuditEvent"("type", "createdAt");

-- CreateIndex
CREATE INDEX "User_poolId_createdAt_idx" ON "User"("poolId", "createdAt");

-- CreateIndex
CREATE INDEX "User_poolId_status_usernameKey_idx" ON "User"("poolId", "status", "usernameKey");

-- CreateIndex
CREATE INDEX "OutboxMessage_poolId_createdAt_idx" ON "OutboxMessage"("poolId", "createdAt");

-- AddForeignKey
ALTER TABLE "BrandingAsset" ADD CONSTRAINT "BrandingAsset_poolId_fkey" FOREIGN KEY ("poolId") REFERENCES "UserPool"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Prefix search in the admin users table (LIKE 'abc%') can use these under any collation;
-- Prisma's schema cannot express operator classes on B-tree indexes, so they are written here.
CREATE INDEX "User_poolId_usernameKey_prefix_idx" ON "User"("poolId", "usernameKey" text_pattern_ops);
CREATE INDEX "User_poolId_emailKey_prefix_idx" ON "User"("poolId", "emailKey" text_pattern_ops);
CREATE INDEX "User_poolId_phoneNumber_prefix_idx" ON "User"("poolId", "phoneNumber" text_pattern_ops);
