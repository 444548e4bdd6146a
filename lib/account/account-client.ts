// The account page's app client. Every pool has it, and no admin creates it: the pool's provider
// resolves it from code (lib/oidc/provider.ts looks here before the AppClient table), so it never
// shows in client lists, the admin API or the Cognito API (which read the table). Its secret is
// derived from GATEHOUSE_SECRET per pool, so every instance knows it without storing it, and its
// only redirect URI is the pool's own account page.
import type { AdapterPayload } from "oidc-provider";
import { sha256, type Secrets } from "../security/secrets.ts";

export const ACCOUNT_CLIENT_ID = "gatehouse-account";
export const ACCOUNT_CLIENT_NAME = "Your account";
/** How long an account page sign-in lasts: its grant's lifetime, and the cookie's. */
export const ACCOUNT_SESSION_SECONDS = 8 * 60 * 60;

export function isBuiltInClientId(clientId: string): boolean {
  return clientId === ACCOUNT_CLIENT_ID;
}

export function accountPath(poolId: string): string {
  return `/${poolId}/account`;
}

export function accountUrls(publicUrl: string, poolId: string) {
  const page = `${publicUrl}${accountPath(poolId)}`;
  return { page, callback: `${page}/callback`, signedOut: `${page}/signed-out`, signIn: `${page}/sign-in` };
}

export function accountClientSecret(secrets: Secrets, poolId: string): string {
  return secrets.derive(`account-client-secret/v1/${poolId}`);
}

/** oidc-provider's metadata for the pool's account client (what clientMetadata makes of a table row). */
export function accountClientMetadata(options: { publicUrl: string; poolId: string; secrets: Secrets }): AdapterPayload {
  const urls = accountUrls(options.publicUrl, options.poolId);
  return {
    client_id: ACCOUNT_CLIENT_ID,
    application_type: "web",
    client_name: ACCOUNT_CLIENT_NAME,
    // Stored as the provider compares secrets here: a SHA-256 of the secret (lib/oidc/provider.ts).
    client_secret: sha256(accountClientSecret(options.secrets, options.poolId)),
    client_secret_expires_at: 0,
    token_endpoint_auth_method: "client_secret_basic",
    redirect_uris: [urls.callback],
    post_logout_redirect_uris: [urls.signedOut],
    // No refresh token: the page's cookie is the session, bound to this sign-in's grant.
    grant_types: ["authorization_code"],
    response_types: ["code"],
    scope: "openid",
    require_auth_time: true,
    id_token_signed_response_alg: "RS256",
    "urn:gatehouse:access_ttl": 300,
    "urn:gatehouse:id_ttl": 300,
    // The grant lives as long as the account page's session (ttl.Grant reads it).
    "urn:gatehouse:refresh_ttl": ACCOUNT_SESSION_SECONDS,
    "urn:gatehouse:refresh_rotation": false,
    // The ID token carries sub and nothing else the page needs: it reads the user from the database.
    "urn:gatehouse:read_attributes": [],
  };
}

/** What the hosted sign-in page reads of a client row, for the built-in client (no row). */
export function builtInClientRow(clientId: string, providerNames: string[]) {
  if (!isBuiltInClientId(clientId)) return null;
  return {
    // Reads and writes every attribute (null: all), as the account page offers them; hides existing accounts.
    name: ACCOUNT_CLIENT_NAME, branding: null, readAttributes: null, writeAttributes: null, preventUserExistenceErrors: "ENABLED" as const,
    // Every way into the pool: the pool's own users and each of its identity providers.
    supportedIdentityProviders: ["COGNITO", ...providerNames],
  };
}
