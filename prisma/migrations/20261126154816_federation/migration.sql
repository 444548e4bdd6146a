-- AlterTable
ALTER TABLE "UserPool" ADD COLUMN     "identityProviders" JSONB NOT NULL DEFAULT '[]';

-- AlterTable
ALTER TABLE "AppClient" ADD COLUMN     "supportedIdentityProviders" TEXT[] DEFAULT ARRAY['COGNITO']::TEXT[];

-- CreateTable
CREATE TABLE "FederatedIdentity" (
    "poolId" TEXT NOT NULL,
    "providerName" TEXT NOT NULL,
    "providerUserId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "primary" BOOLEAN NOT NULL DEFAULT false,
    "issuer" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FederatedIdentity_pkey" PRIMARY KEY ("poolId","providerName","providerUserId")
);

-- CreateTable
CREATE TABLE "SamlAssertionSeen" (
    "poolId" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SamlAssertionSeen_pkey" PRIMARY KEY ("poolId","id")
);

-- CreateTable
CREATE TABLE "SamlServiceProviderKey" (
    "poolId" TEXT NOT NULL,
    "certificate" TEXT NOT NULL,
    "privateKeyEnc" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SamlServiceProviderKey_pkey" PRIMARY KEY ("poolId")
);

-- CreateIndex
CREATE INDEX "FederatedIdentity_userId_idx" ON "FederatedIdentity"("userId");

-- CreateIndex
CREATE INDEX "SamlAssertionSeen_expiresAt_idx" ON "SamlAssertionSeen"("expiresAt");

-- AddForeignKey
ALTER TABLE "FederatedIdentity" ADD CONSTRAINT "FederatedIdentity_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
