-- AlterTable
ALTER TABLE "User" ADD COLUMN     "srpVerifierEnc" TEXT;
