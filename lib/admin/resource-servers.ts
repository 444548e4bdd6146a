// Resource servers and their custom scopes (`{identifier}/{scope}` in client_credentials grants).
import { z } from "zod";
import type { Db } from "../db/client.ts";
import type { AuditOption } from "./pools.ts";
import { findClientAllowingScopes } from "./clients.queries.ts";
import { deleteResourceServerRow, findResourceServer, findResourceServers, insertResourceServer, updateResourceServerRow } from "./resource-servers.queries.ts";
import { AppError } from "../errors.ts";
import type { ProviderRegistry } from "../oidc/registry.ts";
import { ResourceServerSchema } from "../pools/config-schema.ts";
import { patchSchema } from "../pools/patch-schema.ts";

export const UpdateResourceServerSchema = patchSchema(ResourceServerSchema.omit({ identifier: true }).shape);

export type ResourceServerView = { identifier: string; name: string; scopes: { name: string; description: string }[] };

function toView(row: { identifier: string; name: string; scopes: unknown }): ResourceServerView {
  return { identifier: row.identifier, name: row.name, scopes: row.scopes as ResourceServerView["scopes"] };
}

export async function listResourceServers(db: Db, poolId: string): Promise<ResourceServerView[]> {
  return (await findResourceServers(db, poolId)).map(toView);
}

async function find(db: Db, poolId: string, identifier: string) {
  const row = await findResourceServer(db, { poolId, identifier });
  if (!row) throw new AppError("ResourceNotFoundException", `Resource server ${identifier} does not exist in this pool.`);
  return row;
}

export async function getResourceServer(db: Db, poolId: string, identifier: string): Promise<ResourceServerView> {
  return toView(await find(db, poolId, identifier));
}

export async function createResourceServer(deps: { db: Db; providers: ProviderRegistry }, poolId: string, input: z.infer<typeof ResourceServerSchema>, options: AuditOption = {}): Promise<ResourceServerView> {
  if (await findResourceServer(deps.db, { poolId, identifier: input.identifier }))
    throw new AppError("InvalidParameterException", `Resource server ${input.identifier} already exists.`, { field: "identifier" });
  assertUniqueScopes(input.scopes);
  const row = await deps.db.$transaction(async (tx) => {
    const created = await insertResourceServer(tx, { poolId, ...input });
    await options.audit?.(tx);
    return created;
  });
  await deps.providers.invalidate(poolId);
  return toView(row);
}

export async function updateResourceServer(deps: { db: Db; providers: ProviderRegistry }, poolId: string, identifier: string, input: z.infer<typeof UpdateResourceServerSchema>, options: AuditOption = {}): Promise<ResourceServerView> {
  const row = await find(deps.db, poolId, identifier);
  if (input.scopes) {
    assertUniqueScopes(input.scopes);
    await assertScopesUnused(deps.db, poolId, identifier, (row.scopes as { name: string }[]).map((s) => s.name).filter((name) => !input.scopes!.some((s) => s.name === name)));
  }
  const saved = await deps.db.$transaction(async (tx) => {
    const updated = await updateResourceServerRow(tx, row.id, input);
    await options.audit?.(tx);
    return updated;
  });
  await deps.providers.invalidate(poolId);
  return toView(saved);
}

export async function deleteResourceServer(deps: { db: Db; providers: ProviderRegistry }, poolId: string, identifier: string, options: AuditOption = {}): Promise<void> {
  const row = await find(deps.db, poolId, identifier);
  await assertScopesUnused(deps.db, poolId, identifier, (row.scopes as { name: string }[]).map((s) => s.name));
  await deps.db.$transaction(async (tx) => {
    await deleteResourceServerRow(tx, row.id);
    await options.audit?.(tx);
  });
  await deps.providers.invalidate(poolId);
}

function assertUniqueScopes(scopes: { name: string }[]) {
  const names = scopes.map((s) => s.name);
  const dup = names.find((name, i) => names.indexOf(name) !== i);
  if (dup) throw new AppError("InvalidParameterException", `Scope ${dup} is listed twice.`, { field: "scopes" });
}

/** A scope still allowed to a client cannot disappear under it. */
async function assertScopesUnused(db: Db, poolId: string, identifier: string, removed: string[]) {
  if (removed.length === 0) return;
  const full = removed.map((name) => `${identifier}/${name}`);
  const client = await findClientAllowingScopes(db, { poolId, scopes: full });
  if (client) {
    const scope = client.allowedScopes.find((s) => full.includes(s));
    throw new AppError("InvalidParameterException", `Scope ${scope} is allowed to app client ${client.name} (${client.clientId}); remove it there first.`, { field: "scopes" });
  }
}
