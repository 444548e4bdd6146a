-- AlterTable
ALTER TABLE "AppClient" ADD COLUMN     "preventUserExistenceErrors" TEXT NOT NULL DEFAULT 'ENABLED';
