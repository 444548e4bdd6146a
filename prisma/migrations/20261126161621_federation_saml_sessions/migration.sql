-- AlterTable
ALTER TABLE "FederatedIdentity" ADD COLUMN     "samlNameIdFormat" TEXT,
ADD COLUMN     "samlSessionIndex" TEXT;
