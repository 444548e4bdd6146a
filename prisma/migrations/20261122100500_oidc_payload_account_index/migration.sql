-- A user's sessions and tokens are found by the account inside oidc-provider's payload (the
-- console's Sessions card, sign out everywhere). Prisma's schema cannot express an index on an
-- expression, so this one is written by hand; queries must use exactly payload->>'accountId'.
CREATE INDEX "OidcPayload_type_accountId_idx" ON "OidcPayload" ("type", ("payload"->>'accountId'));
