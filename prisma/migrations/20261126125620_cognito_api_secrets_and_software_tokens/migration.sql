-- AlterTable
ALTER TABLE "AppClient" ADD COLUMN     "secretEnc" TEXT;

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "totpEnabled" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "totpPendingEnc" TEXT;
