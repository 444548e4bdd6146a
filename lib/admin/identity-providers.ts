// A pool's identity providers in the admin API, the console and the Cognito API: read them (never
// their secrets, only which are set), replace the whole list, create or replace one (given without
// its secret, a provider keeps the stored secret of the same name and type) and delete one. As in
// Cognito, a deleted provider leaves the app clients that offered it; its users and links stay
// (they sign in again if a provider of that name comes back).
import type { AuditIn } from "../audit/audit.ts";
import type { Db } from "../db/client.ts";
import { AppError } from "../errors.ts";
import {
  COGNITO_PROVIDER, IdentityProvidersUpdateSchema, mergeIdentityProviders, viewIdentityProvider,
  type IdentityProviderInput, type IdentityProviderView, type StoredIdentityProvider,
} from "../federation/config.ts";
import type { ProviderRegistry } from "../oidc/registry.ts";
import { getPool } from "../pools/pool.ts";
import type { Secrets } from "../security/secrets.ts";
import { findClientsOfferingProviders, setClientProviders } from "./clients.queries.ts";
import { findPoolDates, updatePoolRow } from "./pools.queries.ts";

/** A provider as the admin API shows it, with the pool's dates (providers are stored on the pool). */
export type IdentityProviderDated = IdentityProviderView & { createdAt: string; updatedAt: string };

type ReadDeps = { db: Db; secrets: Pick<Secrets, "decrypt"> };
type WriteDeps = { db: Db; secrets: Pick<Secrets, "encrypt" | "decrypt">; providers: ProviderRegistry };

async function poolProviders(db: Db, poolId: string) {
  const pool = await getPool(db, poolId);
  const row = await findPoolDates(db, pool.id);
  return { pool, dates: { createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString() } };
}

function dated(secrets: Pick<Secrets, "decrypt">, idp: StoredIdentityProvider, dates: { createdAt: string; updatedAt: string }): IdentityProviderDated {
  return { ...viewIdentityProvider(idp, secrets), ...dates };
}

export async function listIdentityProviders(deps: ReadDeps, poolId: string): Promise<{ identityProviders: IdentityProviderDated[] }> {
  const { pool, dates } = await poolProviders(deps.db, poolId);
  return { identityProviders: pool.identityProviders.map((idp) => dated(deps.secrets, idp, dates)) };
}

export async function getIdentityProvider(deps: ReadDeps, poolId: string, name: string): Promise<IdentityProviderDated> {
  const { pool, dates } = await poolProviders(deps.db, poolId);
  const idp = pool.identityProviders.find((p) => p.name === name);
  if (!idp) throw new AppError("ResourceNotFoundException", `Identity provider ${name} does not exist in this pool.`);
  return dated(deps.secrets, idp, dates);
}

/** Replaces the pool's providers; the app clients lose the ones that are gone. */
export async function saveIdentityProviders(deps: WriteDeps, poolId: string, input: IdentityProviderInput[], options: { audit?: AuditIn } = {}): Promise<{ identityProviders: IdentityProviderDated[] }> {
  const pool = await getPool(deps.db, poolId);
  const merged = mergeIdentityProviders(deps.secrets, pool.identityProviders, input);
  if ("missingSecret" in merged) {
    const { name, key } = merged.missingSecret;
    const index = input.findIndex((p) => p.name === name);
    throw new AppError("InvalidParameterException", `${name}: details.${key} is required (none is stored for this provider).`, { field: `${index}.details.${key}` });
  }
  await writeProviders(deps, pool.id, pool.identityProviders, merged, options.audit);
  return listIdentityProviders(deps, pool.id);
}

/** Creates the provider `name`, or replaces the one of that name (keeping its secret when none is given). */
export async function putIdentityProvider(deps: WriteDeps, poolId: string, input: IdentityProviderInput, options: { mustExist?: boolean; mustBeNew?: boolean; audit?: AuditIn } = {}): Promise<IdentityProviderDated> {
  const pool = await getPool(deps.db, poolId);
  const index = pool.identityProviders.findIndex((p) => p.name === input.name);
  if (options.mustBeNew && index >= 0) throw new AppError("DuplicateProviderException", `A provider with the name ${input.name} already exists in this user pool.`, { field: "name" });
  if (options.mustExist && index < 0) throw new AppError("ResourceNotFoundException", `Identity provider ${input.name} does not exist in this pool.`);
  const merged = mergeIdentityProviders(deps.secrets, pool.identityProviders, [input]);
  if ("missingSecret" in merged)
    throw new AppError("InvalidParameterException", `details.${merged.missingSecret.key} is required (none is stored for this provider).`, { field: `details.${merged.missingSecret.key}` });
  const next = index >= 0 ? pool.identityProviders.map((p, i) => (i === index ? merged[0]! : p)) : [...pool.identityProviders, merged[0]!];
  assertListRules(next);
  await writeProviders(deps, pool.id, pool.identityProviders, next, options.audit);
  return getIdentityProvider(deps, pool.id, input.name);
}

export async function deleteIdentityProvider(deps: WriteDeps, poolId: string, name: string, options: { audit?: AuditIn } = {}): Promise<void> {
  const pool = await getPool(deps.db, poolId);
  if (!pool.identityProviders.some((p) => p.name === name)) throw new AppError("ResourceNotFoundException", `Identity provider ${name} does not exist in this pool.`);
  await writeProviders(deps, pool.id, pool.identityProviders, pool.identityProviders.filter((p) => p.name !== name), options.audit);
}

/** The rules across providers (unique names and identifiers, at most 300), checked by the list's own schema. */
function assertListRules(list: StoredIdentityProvider[]) {
  const parsed = IdentityProvidersUpdateSchema.safeParse(list.map(({ name, type, details, attributeMapping, idpIdentifiers }) => ({ name, type, details, attributeMapping, idpIdentifiers })));
  if (parsed.success) return;
  const issue = parsed.error.issues[0]!;
  throw new AppError("InvalidParameterException", `${issue.path.slice(1).join(".") || "identityProviders"}: ${issue.message}`, { field: String(issue.path[1] ?? "identityProviders") });
}

/**
 * Stores the list. A provider that is gone leaves the clients that offered it, in the same
 * transaction, so no client is left naming a provider the pool does not have.
 */
async function writeProviders(deps: WriteDeps, poolId: string, before: StoredIdentityProvider[], after: StoredIdentityProvider[], audit?: AuditIn) {
  const gone = before.filter((b) => !after.some((a) => a.name === b.name)).map((b) => b.name);
  const clients = gone.length
    ? await findClientsOfferingProviders(deps.db, { poolId, providers: gone })
    : [];
  await deps.db.$transaction(async (tx) => {
    await updatePoolRow(tx, poolId, { identityProviders: after });
    for (const c of clients) await setClientProviders(tx, c.clientId, c.supportedIdentityProviders.filter((p) => !gone.includes(p)));
    await audit?.(tx);
  });
  await deps.providers.invalidate(poolId);
}

/** Problems with a client's supportedIdentityProviders: each must be COGNITO or a provider of the pool. */
export function supportedProviderIssues(names: string[], providers: StoredIdentityProvider[]): { path: (string | number)[]; message: string }[] {
  const known = new Set([COGNITO_PROVIDER, ...providers.map((p) => p.name)]);
  return names.flatMap((name, i) => (known.has(name) ? [] : [{ path: ["supportedIdentityProviders", i], message: `"${name}" is not an identity provider of this pool` }]));
}
