-- AlterTable
ALTER TABLE "UserPool" ADD COLUMN     "defaultLanguage" TEXT NOT NULL DEFAULT 'en',
ADD COLUMN     "migrateFrom" JSONB;

-- CreateTable
CREATE TABLE "UserImportJob" (
    "id" TEXT NOT NULL,
    "poolId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'Created',
    "cloudWatchLogsRoleArn" TEXT NOT NULL,
    "csv" TEXT,
    "totalRows" INTEGER NOT NULL DEFAULT 0,
    "processedRows" INTEGER NOT NULL DEFAULT 0,
    "importedUsers" INTEGER NOT NULL DEFAULT 0,
    "skippedUsers" INTEGER NOT NULL DEFAULT 0,
    "failedUsers" INTEGER NOT NULL DEFAULT 0,
    "rowErrors" JSONB NOT NULL DEFAULT '[]',
    "completionMessage" TEXT,
    "createdBy" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "completedAt" TIMESTAMP(3),
    "uploadExpiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "UserImportJob_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CognitoImportRun" (
    "id" TEXT NOT NULL,
    "poolId" TEXT NOT NULL,
    "sourcePoolId" TEXT NOT NULL,
    "phase" TEXT NOT NULL DEFAULT 'groups',
    "paginationToken" TEXT,
    "groupName" TEXT,
    "counts" JSONB NOT NULL DEFAULT '{}',
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "CognitoImportRun_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "UserImportJob_poolId_createdAt_idx" ON "UserImportJob"("poolId", "createdAt");

-- AddForeignKey
ALTER TABLE "UserImportJob" ADD CONSTRAINT "UserImportJob_poolId_fkey" FOREIGN KEY ("poolId") REFERENCES "UserPool"("id") ON DELETE CASCADE ON UPDATE CASCADE;
