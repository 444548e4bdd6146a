// App clients: every setting the config file has, a generated id, and a secret that is shown
// once at creation (or rotation) and stored only as its hash.
import { isBuiltInClientId } from "../account/account-client.ts";
import { randomInt } from "node:crypto";
import { z } from "zod";
import type { Db } from "../db/client.ts";
import type { AuditOption } from "./pools.ts";
import { CLIENT_SELECT, clientIdTaken, deleteClientRow, findPoolClient, findPoolClients, insertClient, updateClientRow } from "./clients.queries.ts";
import { findResourceServerScopes } from "./resource-servers.queries.ts";
import { noteRevocation } from "../tokens/revocations.ts";
import type { Secrets } from "../security/secrets.ts";
import { AppError } from "../errors.ts";
import type { ProviderRegistry } from "../oidc/registry.ts";
import { deleteClientArtifacts } from "../oidc/artifacts.ts";
import { attributePermissionIssues } from "../pools/client-attributes.ts";
import { storedPermissions, toPermissions } from "../pools/client-attributes.queries.ts";
import { ClientSchema, clientIssues, poolScopes } from "../pools/config-schema.ts";
import { getPool } from "../pools/pool.ts";
import { storedSecret } from "../pools/client-secret.ts";
import { patchSchema } from "../pools/patch-schema.ts";
import { randomToken } from "../security/secrets.ts";
import { supportedProviderIssues } from "./identity-providers.ts";
import { CONSOLE_CLIENT_ID } from "./system-pool.ts";

// Branding has its own endpoints (lib/branding), so it is not a client setting here.
const ClientSettingsSchema = ClientSchema.omit({ clientId: true, clientSecret: true, generateSecret: true, branding: true });
export const CreateClientSchema = ClientSettingsSchema.extend({
  clientId: ClientSchema.shape.clientId.optional(),
  generateSecret: z.boolean().default(false),
});
export const UpdateClientSchema = patchSchema(ClientSettingsSchema.shape);

export type ClientView = Omit<z.infer<typeof ClientSettingsSchema>, never> & {
  clientId: string; poolId: string; hasSecret: boolean; createdAt: string; updatedAt: string;
};

type Row = { [K in keyof typeof CLIENT_SELECT]: K extends "createdAt" | "updatedAt" ? Date : K extends "secretHash" ? string | null : unknown };

function toView(row: Row): ClientView {
  const { secretHash, createdAt, updatedAt, ...rest } = row;
  return {
    ...(rest as Omit<ClientView, "hasSecret" | "createdAt" | "updatedAt">), ...toPermissions(row),
    hasSecret: !!secretHash, createdAt: createdAt.toISOString(), updatedAt: updatedAt.toISOString(),
  };
}

export async function listClients(db: Db, poolId: string): Promise<ClientView[]> {
  const rows = await findPoolClients(db, poolId);
  return rows.map(toView);
}

export async function getClient(db: Db, poolId: string, clientId: string): Promise<ClientView> {
  const row = await findPoolClient(db, { poolId, clientId });
  if (!row) throw new AppError("ResourceNotFoundException", `App client ${clientId} does not exist in this pool.`);
  return toView(row);
}

/** Like Cognito's: 26 lower-case letters and digits. */
export function generateClientId(): string {
  const chars = "abcdefghijklmnopqrstuvwxyz0123456789";
  let id = "";
  for (let i = 0; i < 26; i++) id += chars[randomInt(chars.length)];
  return id;
}

async function assertConsistent(db: Db, poolId: string, client: z.infer<typeof ClientSettingsSchema>, hasSecret: boolean) {
  const servers = await findResourceServerScopes(db, poolId);
  const issues = clientIssues(client, poolScopes(servers.map((s) => ({ identifier: s.identifier, scopes: s.scopes as { name: string }[] }))), hasSecret);
  const pool = await getPool(db, poolId);
  issues.push(...attributePermissionIssues(client, pool));
  issues.push(...supportedProviderIssues(client.supportedIdentityProviders, pool.identityProviders));
  const first = issues[0];
  if (first) throw new AppError("InvalidParameterException", `${first.path.join(".")}: ${first.message}`, { field: String(first.path[0]) });
}

export async function createClient(deps: { db: Db; providers: ProviderRegistry; secrets: Secrets }, poolId: string, input: z.infer<typeof CreateClientSchema>, options: AuditOption = {}): Promise<{ client: ClientView; clientSecret: string | null }> {
  const { clientId: wanted, generateSecret, ...settings } = input;
  const clientId = wanted ?? generateClientId();
  await assertConsistent(deps.db, poolId, settings, generateSecret);
  // The account page's client id is every pool's (lib/account/account-client.ts).
  if (isBuiltInClientId(clientId) || await clientIdTaken(deps.db, clientId)) throw new AppError("InvalidParameterException", `Client id ${clientId} is taken.`, { field: "clientId" });
  const clientSecret = generateSecret ? randomToken(36) : null;
  const row = await deps.db.$transaction(async (tx) => {
    const created = await insertClient(tx, { clientId, poolId, ...settings, ...storedPermissions(settings), ...storedSecret(deps.secrets, clientSecret) });
    await options.audit?.(tx);
    return created;
  });
  await deps.providers.invalidate(poolId);
  return { client: toView(row), clientSecret };
}

/** The console's own client is managed by Gatehouse (its secret comes from GATEHOUSE_SECRET and
 * its settings are reset at every start): changing it here would only lock admins out. */
function assertNotConsoleClient(clientId: string) {
  if (clientId === CONSOLE_CLIENT_ID) throw new AppError("ForbiddenException", "The console's own app client is managed by Gatehouse and cannot be changed.");
}

export async function updateClient(deps: { db: Db; providers: ProviderRegistry }, poolId: string, clientId: string, input: z.infer<typeof UpdateClientSchema>, options: AuditOption = {}): Promise<ClientView> {
  assertNotConsoleClient(clientId);
  const current = await getClient(deps.db, poolId, clientId);
  const { clientId: _id, poolId: _pool, hasSecret, createdAt: _c, updatedAt: _u, ...settings } = current;
  const next: z.infer<typeof ClientSettingsSchema> = { ...settings, ...Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) };
  await assertConsistent(deps.db, poolId, next, hasSecret);
  const row = await deps.db.$transaction(async (tx) => {
    const updated = await updateClientRow(tx, clientId, { ...next, ...storedPermissions(next) });
    await options.audit?.(tx);
    return updated;
  });
  await deps.providers.invalidate(poolId);
  return toView(row);
}

/** A new secret replaces the old one at once; the old one stops working. */
export async function rotateClientSecret(deps: { db: Db; providers: ProviderRegistry; secrets: Secrets }, poolId: string, clientId: string, options: AuditOption = {}): Promise<{ client: ClientView; clientSecret: string }> {
  assertNotConsoleClient(clientId);
  await getClient(deps.db, poolId, clientId);
  const clientSecret = randomToken(36);
  const row = await deps.db.$transaction(async (tx) => {
    const updated = await updateClientRow(tx, clientId, storedSecret(deps.secrets, clientSecret));
    await options.audit?.(tx);
    return updated;
  });
  await deps.providers.invalidate(poolId);
  return { client: toView(row), clientSecret };
}

export async function deleteClient(deps: { db: Db; providers: ProviderRegistry }, poolId: string, clientId: string, options: AuditOption = {}): Promise<void> {
  assertNotConsoleClient(clientId);
  await getClient(deps.db, poolId, clientId);
  // A much-used client has many artifacts: more than an interactive transaction's default 5 seconds' work.
  await deps.db.$transaction(async (tx) => {
    await deleteClientArtifacts(tx, { poolId, clientId });
    await deleteClientRow(tx, clientId);
    await options.audit?.(tx);
  }, { timeout: 120_000 });
  await noteRevocation(poolId);
  await deps.providers.invalidate(poolId);
}
