// The app client a public call names (ClientId): its pool, its provider, and the checks Cognito
// makes of it before anything else — the client exists, SECRET_HASH matches when it has a secret,
// and the auth flow is among its ExplicitAuthFlows.
import { createHmac } from "node:crypto";
import { AppError } from "../errors.ts";
import type { PoolClient } from "../oidc/pool-clients.ts";
import type { ProviderEntry } from "../oidc/registry.ts";
import { authFlowAllowed, type AuthFlow } from "../pools/auth-flows.ts";
import type { Runtime } from "../runtime.ts";
import { constantTimeEqual } from "../security/secrets.ts";

export type ApiClient = {
  clientId: string;
  entry: ProviderEntry;
  /** The client as its pool's provider holds it (lib/oidc/pool-clients.ts): its row, permissions. */
  client: PoolClient;
  /** The client's secret, decrypted, when it has one (SECRET_HASH is computed from it). */
  secret: string | null;
  /** The stored SHA-256 of the secret, for operations that send the secret itself. */
  secretSha256: string | null;
  explicitAuthFlows: string[];
  preventUserExistenceErrors: boolean;
};

/** The client from its pool's provider, which holds it in memory: no database read once it has been used. */
export async function loadApiClient(rt: Runtime, clientId: string): Promise<ApiClient> {
  const found = await rt.providers.findClient(clientId);
  if (!found) throw new AppError("ResourceNotFoundException", "User pool client " + clientId + " does not exist.");
  const { entry, client } = found;
  const { row } = client;
  return {
    clientId,
    entry,
    client,
    secret: row.secretEnc ? rt.secrets.decrypt(row.secretEnc) : null,
    secretSha256: row.secretHash,
    explicitAuthFlows: row.explicitAuthFlows,
    preventUserExistenceErrors: row.preventUserExistenceErrors !== "LEGACY",
  };
}

/** Cognito's SECRET_HASH: base64(HMAC-SHA256(client secret, username + client id)). */
export function secretHashOf(secret: string, username: string, clientId: string): string {
  return createHmac("sha256", secret).update(username + clientId).digest("base64");
}

/** Whether `given` is the SECRET_HASH of `username` for this client (false when its secret cannot be read). */
export function secretHashMatches(client: ApiClient, username: string, given: string): boolean {
  return !!client.secret && constantTimeEqual(secretHashOf(client.secret, username, client.clientId), given);
}

/** A client with a secret requires SECRET_HASH for `username`; one without ignores it. */
export function assertSecretHash(client: ApiClient, username: string, given: string | undefined): void {
  if (client.secretSha256 === null) return;
  const message = `Client ${client.clientId} is configured with secret but SECRET_HASH was not received`;
  if (!given) throw new AppError("NotAuthorizedException", message);
  // A secret stored before secrets were kept encrypted cannot be checked: the client's secret must be rotated.
  if (!client.secret) throw new AppError("NotAuthorizedException", `Client ${client.clientId} needs a new secret (rotate it) before it can use this API.`);
  if (!secretHashMatches(client, username, given)) throw new AppError("NotAuthorizedException", `Unable to verify secret hash for client ${client.clientId}`);
}

export function assertFlowAllowed(client: ApiClient, flow: AuthFlow): void {
  if (!authFlowAllowed(client, flow)) throw new AppError("InvalidParameterException", `${flow} flow not enabled for this client`);
}
