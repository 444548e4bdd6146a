// Authorizers in the admin API and the console: create, replace, delete. The pools, app clients
// and identity pools an authorizer names must exist. Every change goes through
// afterAuthorizerChange, so an instance never answers from a cached copy of the old settings.
import type { AuditIn } from "../audit/audit.ts";
import type { Db } from "../db/client.ts";
import { AppError } from "../errors.ts";
import type { Runtime } from "../runtime.ts";
import { AuthorizerSchema, type AuthorizerConfig } from "../authorizers/config.ts";
import { deleteAuthorizer as deleteRow, findAuthorizer, listAuthorizers, putAuthorizer } from "../authorizers/authorizers.queries.ts";
import { invalidateAuthorizer } from "../authorizers/registry.ts";
import { assertNoProblems, knownIdentityPools, knownPools, type Problem } from "./references.ts";

export const AuthorizerBodySchema = AuthorizerSchema;

export { listAuthorizers };

export async function getAuthorizer(db: Db, name: string): Promise<AuthorizerConfig> {
  const found = await findAuthorizer(db, name);
  if (!found) throw new AppError("ResourceNotFoundException", `Authorizer ${name} does not exist.`);
  return found;
}

async function assertReferences(db: Db, authorizer: AuthorizerConfig): Promise<void> {
  const problems: Problem[] = [];
  if (authorizer.type === "COGNITO_USER_POOLS") {
    const known = await knownPools(db, authorizer.poolIds);
    authorizer.poolIds.forEach((id, i) => {
      if (!known.has(id)) problems.push({ path: ["poolIds", i], message: `user pool ${id} does not exist` });
    });
    const clients = new Set([...known.values()].flatMap((set) => [...set]));
    authorizer.clientIds.forEach((id, i) => {
      if (!clients.has(id)) problems.push({ path: ["clientIds", i], message: `${id} is not an app client of ${authorizer.poolIds.join(" or ")}` });
    });
  } else {
    const known = await knownIdentityPools(db, authorizer.identityPoolIds);
    authorizer.identityPoolIds.forEach((id, i) => {
      if (!known.has(id)) problems.push({ path: ["identityPoolIds", i], message: `identity pool ${id} does not exist` });
    });
  }
  assertNoProblems(problems);
}

export async function createAuthorizer(rt: Pick<Runtime, "db">, authorizer: AuthorizerConfig, options: { audit?: AuditIn } = {}): Promise<AuthorizerConfig> {
  if (await findAuthorizer(rt.db, authorizer.name))
    throw new AppError("ResourceConflictException", `An authorizer named ${authorizer.name} already exists.`, { field: "name" });
  await assertReferences(rt.db, authorizer);
  const saved = await putWithAudit(rt.db, authorizer, options.audit);
  await afterAuthorizerChange(rt, saved.name);
  return saved;
}

/** Replaces every setting of an existing authorizer (the body's name is the path's). */
export async function updateAuthorizer(rt: Pick<Runtime, "db">, name: string, authorizer: AuthorizerConfig, options: { audit?: AuditIn } = {}): Promise<AuthorizerConfig> {
  if (authorizer.name !== name) {
    const message = `the body names ${authorizer.name} but the path ${name}; an authorizer cannot be renamed.`;
    throw new AppError("InvalidParameterException", `body.name: ${message}`, { field: "name", issues: [{ path: "body.name", message }] });
  }
  await getAuthorizer(rt.db, name);
  await assertReferences(rt.db, authorizer);
  const saved = await putWithAudit(rt.db, authorizer, options.audit);
  await afterAuthorizerChange(rt, name);
  return saved;
}

export async function deleteAuthorizer(rt: Pick<Runtime, "db">, name: string, options: { audit?: AuditIn } = {}): Promise<void> {
  await rt.db.$transaction(async (tx) => {
    await deleteRow(tx, name);
    await options.audit?.(tx);
  });
  await afterAuthorizerChange(rt, name);
}

async function putWithAudit(db: Db, authorizer: AuthorizerConfig, audit: AuditIn | undefined): Promise<AuthorizerConfig> {
  return db.$transaction(async (tx) => {
    const saved = await putAuthorizer(tx, authorizer);
    await audit?.(tx);
    return saved;
  });
}

/**
 * The one place every authorizer change passes: settings and answers are cached per instance
 * (lib/authorizers/registry.ts), and a change must reach every instance at once.
 */
async function afterAuthorizerChange(_rt: Pick<Runtime, "db">, name: string): Promise<void> {
  await invalidateAuthorizer(name);
}
