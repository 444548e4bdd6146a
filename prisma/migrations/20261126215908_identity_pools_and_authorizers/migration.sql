-- DropForeignKey
ALTER TABLE "SigningKey" DROP CONSTRAINT "SigningKey_poolId_fkey";

-- CreateTable
CREATE TABLE "IdentityPool" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "settings" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "IdentityPool_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Identity" (
    "id" TEXT NOT NULL,
    "identityPoolId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Identity_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IdentityLogin" (
    "identityPoolId" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "identityId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "IdentityLogin_pkey" PRIMARY KEY ("identityPoolId","provider","subject")
);

-- CreateTable
CREATE TABLE "Authorizer" (
    "name" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "settings" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Authorizer_pkey" PRIMARY KEY ("name")
);

-- CreateIndex
CREATE INDEX "Identity_identityPoolId_createdAt_idx" ON "Identity"("identityPoolId", "createdAt");

-- CreateIndex
CREATE INDEX "IdentityLogin_identityId_idx" ON "IdentityLogin"("identityId");

-- AddForeignKey
ALTER TABLE "Identity" ADD CONSTRAINT "Identity_identityPoolId_fkey" FOREIGN KEY ("identityPoolId") REFERENCES "IdentityPool"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IdentityLogin" ADD CONSTRAINT "IdentityLogin_identityId_fkey" FOREIGN KEY ("identityId") REFERENCES "Identity"("id") ON DELETE CASCADE ON UPDATE CASCADE;
