-- Per-client attribute permissions (Cognito's ReadAttributes / WriteAttributes).
-- NULL means the default, and every existing client gets it: it reads every attribute, as it did
-- before (its apps see the same tokens and userInfo after the upgrade), and writes only the
-- standard attributes. Self sign-up through an existing client can therefore no longer set
-- custom:* attributes; an operator who relied on that lists them in the client's writeAttributes.

-- AlterTable
ALTER TABLE "AppClient" ADD COLUMN     "readAttributes" JSONB,
ADD COLUMN     "writeAttributes" JSONB;
