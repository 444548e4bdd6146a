// What an app client's secret leaves in the database: its SHA-256 (checked by the token endpoint,
// lib/oidc/provider.ts) and the secret itself encrypted with GATEHOUSE_SECRET (the Cognito API's
// SECRET_HASH is an HMAC keyed with the secret, so it must be recoverable).
import { sha256, type Secrets } from "../security/secrets.ts";

export function storedSecret(secrets: Pick<Secrets, "encrypt">, clientSecret: string | null): { secretHash: string | null; secretEnc: string | null } {
  return clientSecret ? { secretHash: sha256(clientSecret), secretEnc: secrets.encrypt(clientSecret) } : { secretHash: null, secretEnc: null };
}
