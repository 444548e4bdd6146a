// Identity pools in the admin API and the console: create (the id generated as `{region}:{uuid}`),
// replace, delete, and their identities (listed and deleted one by one). Every provider must be an
// app client of an existing user pool; an identity pool an authorizer names cannot be deleted.
import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { AuditIn } from "../audit/audit.ts";
import type { Db } from "../db/client.ts";
import { AppError } from "../errors.ts";
import { listAuthorizers } from "../authorizers/authorizers.queries.ts";
import { IdentityPoolSettingsSchema, IdentityPoolSettingsShape, type IdentityPool, type IdentityPoolSettings } from "../identity-pools/config.ts";
import { deleteIdentityPool as deleteRow, getIdentityPool, listIdentityPools, putIdentityPool } from "../identity-pools/identity-pools.queries.ts";
import { assertNoProblems, knownPools, type Problem } from "./references.ts";
import { deleteIdentity, findIdentitiesPage } from "./identity-pools.queries.ts";

const RegionSchema = z.string().regex(/^[a-z]{2,}(-[a-z]+-\d)?$/, "a region such as local or eu-west-1");

/** The create body: the settings, and the region of the id to generate (default `local`). */
export const CreateIdentityPoolSchema = z
  .strictObject({ region: RegionSchema.optional(), ...IdentityPoolSettingsShape })
  .superRefine((value, ctx) => {
    // The settings' cross-field rules (duplicate providers, mappings of unknown providers) run
    // only once the shape is valid, so re-parsing reports just those.
    const { region: _region, ...settings } = value;
    const checked = IdentityPoolSettingsSchema.safeParse(settings);
    if (!checked.success) for (const issue of checked.error.issues) ctx.addIssue({ code: "custom", path: issue.path, message: issue.message });
  });
export const UpdateIdentityPoolSchema = IdentityPoolSettingsSchema;

export type IdentityPoolView = Omit<IdentityPool, "createdAt" | "updatedAt"> & { createdAt: string; updatedAt: string };
export type IdentityView = { identityId: string; logins: string[]; createdAt: string; updatedAt: string };

const view = (pool: IdentityPool): IdentityPoolView => ({ ...pool, createdAt: pool.createdAt.toISOString(), updatedAt: pool.updatedAt.toISOString() });

async function assertProviders(db: Db, settings: Pick<IdentityPoolSettings, "providers">): Promise<void> {
  const known = await knownPools(db, settings.providers.map((p) => p.poolId));
  const problems: Problem[] = [];
  settings.providers.forEach((p, i) => {
    const clients = known.get(p.poolId);
    if (!clients) problems.push({ path: ["providers", i, "poolId"], message: `user pool ${p.poolId} does not exist` });
    else if (!clients.has(p.clientId)) problems.push({ path: ["providers", i, "clientId"], message: `${p.clientId} is not an app client of ${p.poolId}` });
  });
  assertNoProblems(problems);
}

export async function listIdentityPoolViews(db: Db): Promise<IdentityPoolView[]> {
  return (await listIdentityPools(db, { limit: 1000 })).map(view);
}

export async function getIdentityPoolView(db: Db, id: string): Promise<IdentityPoolView> {
  return view(await getIdentityPool(db, id));
}

export async function createIdentityPool(db: Db, input: z.infer<typeof CreateIdentityPoolSchema>, options: { audit?: AuditIn } = {}): Promise<IdentityPoolView> {
  const { region = "local", ...settings } = input;
  await assertProviders(db, settings);
  return db.$transaction(async (tx) => {
    const made = view(await putIdentityPool(tx, { id: `${region}:${randomUUID()}`, ...settings }));
    await options.audit?.(tx, made);
    return made;
  });
}

/** Replaces every setting of an existing identity pool; its identities stay. */
export async function updateIdentityPool(db: Db, id: string, settings: IdentityPoolSettings, options: { audit?: AuditIn } = {}): Promise<IdentityPoolView> {
  await getIdentityPool(db, id);
  await assertProviders(db, settings);
  return db.$transaction(async (tx) => {
    const saved = view(await putIdentityPool(tx, { id, ...settings }));
    await options.audit?.(tx, saved);
    return saved;
  });
}

/** Deletes an identity pool with its identities, unless an authorizer still trusts its credentials. */
export async function deleteIdentityPool(db: Db, id: string, options: { audit?: AuditIn } = {}): Promise<void> {
  await getIdentityPool(db, id);
  const users = (await listAuthorizers(db)).filter((a) => a.type === "AWS_IAM" && a.identityPoolIds.includes(id)).map((a) => a.name);
  if (users.length) throw new AppError("ResourceConflictException", `The authorizer${users.length > 1 ? "s" : ""} ${users.join(", ")} accept${users.length > 1 ? "" : "s"} this identity pool's credentials: change or delete ${users.length > 1 ? "them" : "it"} first.`);
  await db.$transaction(async (tx) => {
    await deleteRow(tx, id);
    await options.audit?.(tx);
  });
}

/** A page of the identity pool's identities, oldest first, with the providers they signed in with. */
export async function listPoolIdentities(db: Db, options: { identityPoolId: string; cursor?: string | undefined; limit: number }): Promise<{ identities: IdentityView[]; nextCursor: string | null }> {
  await getIdentityPool(db, options.identityPoolId);
  const rows = await findIdentitiesPage(db, { identityPoolId: options.identityPoolId, cursor: options.cursor, take: options.limit + 1 });
  const page = rows.slice(0, options.limit);
  return {
    identities: page.map((r) => ({ identityId: r.id, logins: [...new Set(r.logins.map((l) => l.provider))], createdAt: r.createdAt.toISOString(), updatedAt: r.updatedAt.toISOString() })),
    nextCursor: rows.length > options.limit ? page.at(-1)!.id : null,
  };
}

/** Deletes one identity and its logins (Cognito's DeleteIdentities for one id): its next GetId makes a new one. */
export async function deletePoolIdentity(db: Db, options: { identityPoolId: string; identityId: string; audit?: AuditIn }): Promise<void> {
  await db.$transaction(async (tx) => {
    if (!(await deleteIdentity(tx, options))) throw new AppError("ResourceNotFoundException", `Identity '${options.identityId}' not found in this identity pool.`);
    await options.audit?.(tx);
  });
}
