// User pools as the admin sees them: list, read (with what a delete would take with it), create,
// change settings, delete. Every change invalidates the pool's provider on every instance.
import { randomInt } from "node:crypto";
import { z } from "zod";
import type { AuditIn } from "../audit/audit.ts";
import type { Db } from "../db/client.ts";
import { AppError } from "../errors.ts";
import type { ProviderRegistry } from "../oidc/registry.ts";
import { deletePoolArtifacts } from "../oidc/artifacts.ts";
import { defaultRequiredAttributes } from "../pools/attributes.ts";
import { canWrite } from "../pools/client-attributes.ts";
import { toPermissions } from "../pools/client-attributes.queries.ts";
import { PoolIdSchema, PoolSettingsShape } from "../pools/config-schema.ts";
import { patchSchema } from "../pools/patch-schema.ts";
import { toPool, type Pool } from "../pools/pool.ts";
import { ensureSigningKey } from "../tokens/keys.ts";
import { noteRevocation } from "../tokens/revocations.ts";
import type { Secrets } from "../security/secrets.ts";
import { poolExists } from "../pools/pool.queries.ts";
import { findClientPermissionRows } from "./clients.queries.ts";
import { deletePoolRows, findPoolsWithCounts, findPoolWithCounts, findStoredMigrateFrom, insertPool, migrateFromColumn, updatePoolRow } from "./pools.queries.ts";
import { MigrateFromSchema, mergeMigrateFrom, storedMigrateFromOf, viewMigrateFrom, type MigrateFromInput, type MigrateFromView } from "../migration/config.ts";

export const CreatePoolSchema = z.strictObject({ id: PoolIdSchema.optional(), ...PoolSettingsShape });
export const UpdatePoolSchema = patchSchema(PoolSettingsShape).extend({
  /** The live Cognito user pool users move in from (lib/migration); null turns it off. Without
   * clientSecret, the one stored for the same user pool and client is kept. */
  migrateFrom: MigrateFromSchema.nullable().optional(),
});

/** What the admin API and console show of a pool: never the sealed secrets of its triggers, identity providers or migration source. */
export type PoolSummary = Omit<Pool, "migrateFrom" | "triggers" | "identityProviders" | "branding"> & { migrateFrom: MigrateFromView | null; createdAt: string; updatedAt: string; counts: { users: number; clients: number; groups: number; resourceServers: number } };

export async function listPools(db: Db, options: { includeSystem: boolean }): Promise<PoolSummary[]> {
  const rows = await findPoolsWithCounts(db, options);
  return rows.map((row) => ({ ...summaryOf(row), createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString(), counts: row._count }));
}

export async function getPoolSummary(db: Db, poolId: string): Promise<PoolSummary> {
  const row = await findPoolWithCounts(db, poolId);
  if (!row) throw new AppError("ResourceNotFoundException", `User pool ${poolId} does not exist.`);
  return { ...summaryOf(row), createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString(), counts: row._count };
}

/**
 * The pool as the admin API and console show it: migrateFrom without its sealed secret, and no
 * triggers, identity providers or branding (their own endpoints show them, secrets left out).
 */
function summaryOf(row: Parameters<typeof toPool>[0]) {
  const { triggers: _triggers, identityProviders: _providers, branding: _branding, ...pool } = toPool(row);
  return { ...pool, migrateFrom: viewMigrateFrom(pool.migrateFrom) };
}

/** Cognito-shaped id: local_ and nine letters or digits. */
export function generatePoolId(region = "local"): string {
  const chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  let id = "";
  for (let i = 0; i < 9; i++) id += chars[randomInt(chars.length)];
  return `${region}_${id}`;
}

/** `audit` writes the change's audit row in its transaction (lib/audit/audit.ts). */
export type AuditOption = { audit?: AuditIn };

export async function createPool(deps: { db: Db; secrets: Secrets }, input: z.infer<typeof CreatePoolSchema>, options: AuditOption = {}): Promise<PoolSummary> {
  const id = input.id ?? generatePoolId();
  if (await poolExists(deps.db, id)) throw new AppError("InvalidParameterException", `A pool with id ${id} already exists.`, { field: "id" });
  const { id: _ignored, ...settings } = input;
  await deps.db.$transaction(async (tx) => {
    await insertPool(tx, { id, ...settings, requiredAttributes: settings.requiredAttributes ?? defaultRequiredAttributes(settings) });
    await options.audit?.(tx);
  });
  // Its own transaction (under an advisory lock), after the pool's.
  await ensureSigningKey(deps.db, deps.secrets, id);
  return getPoolSummary(deps.db, id);
}

export async function updatePool(deps: { db: Db; providers: ProviderRegistry; secrets: Pick<Secrets, "encrypt"> }, poolId: string, body: z.infer<typeof UpdatePoolSchema>, options: AuditOption = {}): Promise<PoolSummary> {
  const { migrateFrom, ...input } = body;
  const current = await getPoolSummary(deps.db, poolId);
  const next = { ...current, ...Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) } as unknown as Pool;
  if (current.counts.users > 0 && input.signInAliases && [...input.signInAliases].sort().join() !== [...current.signInAliases].sort().join())
    throw new AppError("InvalidParameterException", "Sign-in aliases cannot change once the pool has users (as in Cognito): existing users were created for the current ones.", { field: "signInAliases" });
  if (input.customAttributes) {
    for (const existing of current.customAttributes) {
      const kept = input.customAttributes.find((a) => a.name === existing.name);
      if (!kept) throw new AppError("InvalidParameterException", `Custom attribute ${existing.name} cannot be removed, only added (as in Cognito).`, { field: "customAttributes" });
      if (kept.type !== existing.type || kept.mutable !== existing.mutable)
        throw new AppError("InvalidParameterException", `Custom attribute ${existing.name} cannot change its type or mutability.`, { field: "customAttributes" });
    }
  }
  const requiredAttributes = input.requiredAttributes ?? (input.signInAliases || input.autoVerifiedAttributes ? defaultRequiredAttributes(next) : current.requiredAttributes);
  await assertClientsCanWrite(deps.db, poolId, requiredAttributes);
  if (current.system && input.selfSignUp) throw new AppError("InvalidParameterException", "The console's pool cannot allow self sign-up: anyone could create an account.", { field: "selfSignUp" });
  const migrateFromData = migrateFrom !== undefined ? { migrateFrom: migrateFromColumn(await updatedMigrateFrom(deps, poolId, migrateFrom)) } : {};
  await deps.db.$transaction(async (tx) => {
    await updatePoolRow(tx, poolId, {
      name: next.name, signInAliases: next.signInAliases, autoVerifiedAttributes: next.autoVerifiedAttributes,
      requiredAttributes,
      selfSignUp: next.selfSignUp, mfa: next.mfa, mfaMethods: next.mfaMethods, signInMethods: next.signInMethods, passkeys: next.passkeys,
      deviceTracking: next.deviceTracking, skipMfaOnRememberedDevices: next.skipMfaOnRememberedDevices, passwordPolicy: next.passwordPolicy, customAttributes: next.customAttributes,
      defaultLanguage: next.defaultLanguage,
      ...migrateFromData,
    });
    await options.audit?.(tx);
  });
  await deps.providers.invalidate(poolId);
  return getPoolSummary(deps.db, poolId);
}

async function updatedMigrateFrom(deps: { db: Db; secrets: Pick<Secrets, "encrypt"> }, poolId: string, input: MigrateFromInput | null) {
  return mergeMigrateFrom(deps.secrets, storedMigrateFromOf(await findStoredMigrateFrom(deps.db, poolId)), input);
}

/** A required attribute must be writable by every app client, or sign-up through it could never succeed. */
async function assertClientsCanWrite(db: Db, poolId: string, required: string[]) {
  const clients = await findClientPermissionRows(db, poolId);
  for (const client of clients) {
    const missing = required.find((name) => !canWrite(toPermissions(client), name));
    if (missing)
      throw new AppError("InvalidParameterException", `App client ${client.name} cannot write ${missing}: add it to the client's writable attributes before making it required.`, { field: "requiredAttributes" });
  }
}

export async function deletePool(deps: { db: Db; providers: ProviderRegistry }, poolId: string, options: AuditOption = {}): Promise<void> {
  const pool = await getPoolSummary(deps.db, poolId);
  if (pool.system) throw new AppError("ForbiddenException", "The console's own pool cannot be deleted.");
  // Provider artifacts and signing keys are not foreign-keyed to the pool: remove them with it.
  // A big pool takes a while to delete: more than an interactive transaction's default 5 seconds.
  await deps.db.$transaction(async (tx) => {
    await deletePoolArtifacts(tx, poolId);
    await deletePoolRows(tx, poolId);
    await options.audit?.(tx);
  }, { timeout: 120_000 });
  await noteRevocation(poolId);
  await deps.providers.invalidate(poolId);
}
