// The console signs admins in with Gatehouse itself: a built-in pool (hidden from the pool list
// unless asked for) whose group `admins` may use the dashboard and admin API, and an app client
// for the dashboard, whose callback follows PUBLIC_URL and whose secret is derived from
// GATEHOUSE_SECRET, so every instance knows it without storing it.
import type { Db, Tx } from "../db/client.ts";
import { recordAudit } from "../audit/audit.ts";
import { AppError } from "../errors.ts";
import type { Sender } from "../messaging/sender.ts";
import { applyConfig } from "../config/apply-config.ts";
import { ConfigFileSchema } from "../pools/config-schema.ts";
import { getPool } from "../pools/pool.ts";
import { sha256, type Secrets } from "../security/secrets.ts";
import { createUser } from "./users/create-user.ts";
import { countEnabledMembers, ensureGroup, findEnabledMember, lockFirstAdmin, markPoolSystem, upsertAppClient } from "./system-pool.queries.ts";
import { poolExists } from "../pools/pool.queries.ts";

export const SYSTEM_POOL_ID = "system_Gatehouse";
export const CONSOLE_CLIENT_ID = "gatehouse-console";
export const ADMINS_GROUP = "admins";

export function consoleClientSecret(secrets: Secrets): string {
  return secrets.derive("console-client-secret/v1");
}

export function consoleCallbackUrl(publicUrl: string): string {
  return `${publicUrl}/api/auth/callback/gatehouse`;
}

export async function ensureSystemPool(db: Db, options: { publicUrl: string; secrets: Secrets }): Promise<void> {
  if (!(await poolExists(db, SYSTEM_POOL_ID))) {
    await applyConfig({ db, secrets: options.secrets }, ConfigFileSchema.parse({
      pools: [{
        id: SYSTEM_POOL_ID,
        name: "Gatehouse console",
        signInAliases: ["email"],
        autoVerifiedAttributes: ["email"],
        selfSignUp: false,
        mfa: "OPTIONAL",
        passwordPolicy: { minLength: 10, requireSymbols: false },
        groups: [{ name: ADMINS_GROUP, precedence: 0, description: "May use the Gatehouse console and admin API." }],
      }],
    }));
    await markPoolSystem(db, SYSTEM_POOL_ID);
  }
  // Every start: the group must exist, and the client follows PUBLIC_URL and the root secret.
  await ensureGroup(db, { poolId: SYSTEM_POOL_ID, name: ADMINS_GROUP, precedence: 0, description: "May use the Gatehouse console and admin API." });
  const client = {
    name: "Gatehouse console",
    callbackUrls: [consoleCallbackUrl(options.publicUrl)],
    logoutUrls: [`${options.publicUrl}/admin/sign-in`],
    allowedOAuthFlows: ["code"],
    allowedScopes: ["openid", "email", "profile"],
    secretHash: sha256(consoleClientSecret(options.secrets)),
    accessTokenValidity: 3600,
    idTokenValidity: 3600,
    refreshTokenValidity: 43_200,
  };
  await upsertAppClient(db, { clientId: CONSOLE_CLIENT_ID, poolId: SYSTEM_POOL_ID, settings: client });
}

export async function countAdmins(db: Tx): Promise<number> {
  return countEnabledMembers(db, { poolId: SYSTEM_POOL_ID, group: ADMINS_GROUP });
}

/** The one-time set-up: creates the first admin, and refuses once any admin exists. */
export async function createFirstAdmin(
  deps: { db: Db; sender: Sender; secrets: Secrets },
  options: { email: string; password: string; via: "setup-page" | "environment"; ip?: string | null; userAgent?: string | null },
): Promise<{ userId: string }> {
  const pool = await getPool(deps.db, SYSTEM_POOL_ID);
  // Checked before the password and attributes too, so a set-up after the first answers "an admin exists" whatever it sent.
  if ((await countAdmins(deps.db)) > 0) throw adminExists();
  const { user } = await createUser({ db: deps.db, sender: deps.sender, secrets: deps.secrets, log: () => {} }, {
    pool,
    attributes: { email: options.email, email_verified: "true" },
    password: { value: options.password, permanent: true },
    groups: [ADMINS_GROUP],
    // Two racing set-ups: in the insert's transaction, the advisory lock lets one in at a time, and the second finds an admin.
    first: async (tx) => {
      await lockFirstAdmin(tx);
      if ((await countAdmins(tx)) > 0) throw adminExists();
    },
  });
  const created = { userId: user.id };
  // Who claimed the console, how and from where: the first entry of its audit trail.
  await recordAudit(deps.db, {
    poolId: SYSTEM_POOL_ID, type: "admin.createFirstAdmin", actorType: "system", actor: options.email, target: options.email,
    ip: options.ip ?? null, userAgent: options.userAgent ?? null, details: { via: options.via, sub: created.userId },
  });
  return created;
}

const adminExists = () => new AppError("ForbiddenException", "An admin already exists: sign in instead.");

export type AdminIdentity = { sub: string; email: string | null; username: string };

/** The admin behind a console session, if they still are one: enabled and in `admins`. */
export async function findAdmin(db: Tx, sub: string): Promise<AdminIdentity | null> {
  const user = await findEnabledMember(db, { poolId: SYSTEM_POOL_ID, group: ADMINS_GROUP, userId: sub });
  return user ? { sub: user.id, email: user.email, username: user.username } : null;
}
