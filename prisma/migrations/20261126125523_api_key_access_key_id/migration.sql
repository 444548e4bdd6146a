-- AlterTable
ALTER TABLE "ApiKey" ADD COLUMN     "accessKeyId" TEXT;

-- Keys made before AWS credentials existed get an access key id like new ones: GHK and 17
-- characters of the base32 alphabet (random hex with 0, 1, 8, 9 mapped to W, X, Y, Z).
UPDATE "ApiKey" SET "accessKeyId" = 'GHK' || translate(upper(substr(md5(gen_random_uuid()::text), 1, 17)), '0189', 'WXYZ');

ALTER TABLE "ApiKey" ALTER COLUMN "accessKeyId" SET NOT NULL;

-- CreateIndex
CREATE UNIQUE INDEX "ApiKey_accessKeyId_key" ON "ApiKey"("accessKeyId");
