-- AlterTable
ALTER TABLE "UserPool" ADD COLUMN     "triggers" JSONB NOT NULL DEFAULT '{}';

-- CreateTable
CREATE TABLE "TriggerDelivery" (
    "id" TEXT NOT NULL,
    "poolId" TEXT NOT NULL,
    "trigger" TEXT NOT NULL,
    "triggerSource" TEXT NOT NULL,
    "ok" BOOLEAN NOT NULL,
    "status" INTEGER,
    "durationMs" INTEGER NOT NULL,
    "tries" INTEGER NOT NULL,
    "error" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TriggerDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "TriggerDelivery_poolId_trigger_createdAt_idx" ON "TriggerDelivery"("poolId", "trigger", "createdAt");
