// Applies a GATEHOUSE_CONFIG file: creates or updates every pool, resource server, group, client,
// user, identity pool and authorizer it lists, and leaves everything else alone. Each pool is applied in one transaction.
import { readFileSync } from "node:fs";
import YAML from "yaml";
import type { AuditIn } from "../audit/audit.ts";
import type { Db, Tx } from "../db/client.ts";
import { AppError } from "../errors.ts";
import { randomToken, type Secrets } from "../security/secrets.ts";
import { storedSecret } from "../pools/client-secret.ts";
import { insertUser } from "../users/insert-user.ts";
import { computePasswordRecord, importedPasswordRecord, type PasswordRecord } from "../users/password-record.ts";
import { setUserEnabled } from "../users/set-user-enabled.ts";
import { validateAttributes } from "../users/validate-attributes.ts";
import { storeBrandingAsset } from "../branding/assets.ts";
import { storedPermissions } from "../pools/client-attributes.queries.ts";
import { ConfigFileSchema, formatIssues, type ConfigFile, type PoolConfig } from "../pools/config-schema.ts";
import { unmetPasswordRules } from "../pools/password-policy.ts";
import { isCommonPassword } from "../security/common-passwords.ts";
import { toPool } from "../pools/pool.ts";
import { mergeTriggers, storedTriggersOf } from "../triggers/config.ts";
import { mergeIdentityProviders, storedIdentityProvidersOf } from "../federation/config.ts";
import { mergeMigrateFrom, storedMigrateFromOf } from "../migration/config.ts";
import { putIdentityPool } from "../identity-pools/identity-pools.queries.ts";
import { putAuthorizer } from "../authorizers/authorizers.queries.ts";
import { invalidateAuthorizer } from "../authorizers/registry.ts";
import { findStoredMigrateFrom, migrateFromColumn } from "../admin/pools.queries.ts";
import { findClientPoolId } from "../admin/clients.queries.ts";
import { findGroupId } from "../admin/groups.queries.ts";
import { upsertAppClient } from "../admin/system-pool.queries.ts";
import { brandingAssetExists, setPoolBranding } from "../branding/branding.queries.ts";
import { findUserByUsernameKey, updateUserRow } from "../users/user.queries.ts";
import {
  deleteMembershipsOf, findClientSecretColumns, findStoredIdentityProviders, findStoredTriggers, insertMembership, upsertGroup, upsertPoolRow, upsertResourceServer,
} from "./apply-config.queries.ts";

export class ConfigFileError extends Error {}

export function readConfigFile(file: string): ConfigFile {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new ConfigFileError(`GATEHOUSE_CONFIG: cannot read ${file}: ${(error as Error).message}`);
  }
  return parseConfigText(text, file);
}

export function parseConfigText(text: string, name = "config"): ConfigFile {
  let raw: unknown;
  try {
    raw = /\.ya?ml$/i.test(name) ? YAML.parse(text) : JSON.parse(text);
  } catch (error) {
    throw new ConfigFileError(`GATEHOUSE_CONFIG: ${name} is not valid ${/\.ya?ml$/i.test(name) ? "YAML" : "JSON"}: ${(error as Error).message}`);
  }
  const parsed = ConfigFileSchema.safeParse(raw);
  if (!parsed.success) throw new ConfigFileError(`GATEHOUSE_CONFIG: ${name} is invalid:\n${formatIssues(parsed.error)}`);
  return parsed.data;
}

import { defaultRequiredAttributes, keepImmutableAttributes } from "../pools/attributes.ts";

export type GeneratedSecret = { poolId: string; clientId: string; clientSecret: string };

/** Applies every pool; returns the client secrets it had to generate (shown once). */
/** `secrets` seals the SRP verifier of each user's password (password-record.ts). */
/** `deps.audit` (the admin API's import) writes its audit row in each pool's transaction: an import has one pool. */
export async function applyConfig(deps: { db: Db; secrets: Secrets; audit?: AuditIn }, config: ConfigFile, log?: (line: string) => void): Promise<GeneratedSecret[]> {
  const { db } = deps;
  const generated: GeneratedSecret[] = [];
  for (const pool of config.pools) {
    // Hash outside the transaction: argon2 is slow on purpose.
    const passwords = new Map<string, PasswordRecord>();
    for (const user of pool.users) {
      // A hash from another system is kept as it came; the user's first sign-in replaces it with
      // ours and adds the SRP verifier, which needs the password (verify-sign-in.ts).
      if (user.passwordHash) {
        passwords.set(user.username, importedPasswordRecord({ passwordHash: user.passwordHash }));
        continue;
      }
      const password = user.password ?? user.temporaryPassword;
      if (!password) continue;
      const unmet = unmetPasswordRules({ ...pool.passwordPolicy }, password);
      if (unmet.length && user.password) throw new ConfigFileError(`GATEHOUSE_CONFIG: user ${user.username} in pool ${pool.id}: password does not meet the pool's policy (${unmet.join(", ")})`);
      // A common or leaked password is refused as the policy is: the file is often copied to production.
      if (user.password && isCommonPassword(user.password)) throw new ConfigFileError(`GATEHOUSE_CONFIG: user ${user.username} in pool ${pool.id}: password is on the list of common and leaked passwords`);
      passwords.set(user.username, await computePasswordRecord({ poolId: pool.id, username: user.username, secrets: deps.secrets, password }));
    }
    await db.$transaction(async (tx) => {
      await applyPool(tx, deps.secrets, pool, passwords, generated, log);
      await deps.audit?.(tx);
    }, { timeout: 120_000 });
    log?.(`config: applied pool ${pool.id} (${pool.clients.length} clients, ${pool.users.length} users)`);
  }
  for (const identityPool of config.identityPools) {
    await putIdentityPool(db, identityPool);
    log?.(`config: applied identity pool ${identityPool.id} (${identityPool.name})`);
  }
  for (const authorizer of config.authorizers) {
    await putAuthorizer(db, authorizer);
    // Instances already running drop their cached copy (through Redis when it is set).
    await invalidateAuthorizer(authorizer.name);
    log?.(`config: applied authorizer ${authorizer.name} (${authorizer.type})`);
  }
  for (const g of generated) log?.(`config: generated a secret for client ${g.clientId} of pool ${g.poolId}; rotate it in the console to see a new one`);
  return generated;
}

async function applyPool(db: Tx, secrets: Pick<Secrets, "encrypt" | "decrypt">, pool: PoolConfig, passwords: Map<string, PasswordRecord>, generated: GeneratedSecret[], log?: (line: string) => void) {
  const data = {
    name: pool.name,
    signInAliases: pool.signInAliases,
    autoVerifiedAttributes: pool.autoVerifiedAttributes,
    requiredAttributes: pool.requiredAttributes ?? defaultRequiredAttributes(pool),
    selfSignUp: pool.selfSignUp,
    mfa: pool.mfa,
    mfaMethods: pool.mfaMethods,
    signInMethods: pool.signInMethods,
    passkeys: pool.passkeys,
    deviceTracking: pool.deviceTracking,
    skipMfaOnRememberedDevices: pool.skipMfaOnRememberedDevices,
    passwordPolicy: pool.passwordPolicy,
    customAttributes: pool.customAttributes,
    defaultLanguage: pool.defaultLanguage,
  };
  const triggers = pool.triggers ? await configTriggers(db, secrets, pool.id, pool.triggers) : undefined;
  const identityProviders = pool.identityProviders ? await configIdentityProviders(db, secrets, pool.id, pool.identityProviders) : undefined;
  const migrateFrom = pool.migrateFrom !== undefined ? await configMigrateFrom(db, secrets, pool.id, pool.migrateFrom) : undefined;
  const extra = {
    ...(triggers ? { triggers } : {}), ...(identityProviders ? { identityProviders } : {}),
    ...(migrateFrom !== undefined ? { migrateFrom: migrateFromColumn(migrateFrom) } : {}),
  };
  const row = await upsertPoolRow(db, pool.id, { ...data, ...extra });
  const domainPool = toPool(row);
  await applyBranding(db, pool);

  for (const rs of pool.resourceServers) {
    await upsertResourceServer(db, { poolId: pool.id, identifier: rs.identifier, name: rs.name, scopes: rs.scopes });
  }
  const groupIds = new Map<string, string>();
  for (const group of pool.groups) {
    groupIds.set(group.name, await upsertGroup(db, { poolId: pool.id, ...group }));
  }
  for (const client of pool.clients) {
    const existingPoolId = await findClientPoolId(db, client.clientId);
    if (existingPoolId !== null && existingPoolId !== pool.id) {
      throw new ConfigFileError(`GATEHOUSE_CONFIG: client ${client.clientId} already belongs to pool ${existingPoolId}`);
    }
    const { clientSecret, clientId, generateSecret, ...settings } = client;
    let secret = storedSecret(secrets, clientSecret ?? null);
    if (!clientSecret && generateSecret) {
      const current = existingPoolId !== null ? await findClientSecretColumns(db, clientId) : null;
      if (current?.secretHash) secret = { secretHash: current.secretHash, secretEnc: current.secretEnc };
      else {
        const generatedSecret = randomToken(36);
        generated.push({ poolId: pool.id, clientId, clientSecret: generatedSecret });
        secret = storedSecret(secrets, generatedSecret);
      }
    }
    const { branding, ...clientSettings } = settings;
    const fields = { ...clientSettings, ...storedPermissions(clientSettings), ...secret, ...(branding ? { branding } : {}) };
    await upsertAppClient(db, { clientId, poolId: pool.id, settings: fields });
  }
  for (const user of pool.users) {
    let attrs;
    try {
      attrs = validateAttributes(domainPool, user.attributes, { enforceRequired: false });
    } catch (error) {
      throw new ConfigFileError(`GATEHOUSE_CONFIG: user ${user.username} in pool ${pool.id}: ${(error as AppError).message}`);
    }
    const key = user.username.toLowerCase();
    const existing = await findUserByUsernameKey(db, { poolId: pool.id, usernameKey: key });
    let saved;
    if (existing) {
      // Immutable attributes are written only when the user is created, like passwords: a changed
      // value in the file is reported and left alone rather than stopping every pool's start.
      const kept = keepImmutableAttributes(domainPool, attrs.other, existing.attributes as Record<string, string>);
      for (const name of kept.ignored) log?.(`config: user ${user.username} in pool ${pool.id}: ${name} is immutable and keeps its value; the file's value applies only when the user is created`);
      saved = await updateUserRow(db, { userId: existing.id }, {
        email: attrs.email, emailKey: attrs.email?.toLowerCase() ?? null, emailVerified: attrs.emailVerified,
        phoneNumber: attrs.phoneNumber, phoneVerified: attrs.phoneVerified, attributes: kept.attributes,
      });
      // Disabling through the file ends the user's sessions, as disabling in the console does.
      if (existing.enabled !== user.enabled) saved = await setUserEnabled(db, { poolId: pool.id, userId: existing.id, enabled: user.enabled });
    } else {
      ({ user: saved } = await insertUser(db, {
        pool: domainPool, creator: "config", username: user.username, attributes: attrs, enabled: user.enabled,
        password: passwords.get(user.username) ?? null,
        status: user.temporaryPassword ? "FORCE_CHANGE_PASSWORD" : user.password || user.passwordHash ? "CONFIRMED" : "RESET_REQUIRED",
      }));
    }
    await deleteMembershipsOf(db, saved.id);
    for (const name of user.groups) {
      await insertMembership(db, { userId: saved.id, groupId: groupIds.get(name) ?? (await groupIdByName(db, pool.id, name)) });
    }
  }
}

/** The file's identity providers, sealed; one without its secret keeps the one stored for its name and type. */
async function configIdentityProviders(db: Tx, secrets: Pick<Secrets, "encrypt" | "decrypt">, poolId: string, input: NonNullable<PoolConfig["identityProviders"]>) {
  const merged = mergeIdentityProviders(secrets, storedIdentityProvidersOf(await findStoredIdentityProviders(db, poolId)), input);
  if ("missingSecret" in merged) {
    const { name, key } = merged.missingSecret;
    throw new ConfigFileError(`GATEHOUSE_CONFIG: pool ${poolId} identityProviders ${name}: details.${key} is required (none is stored for this provider)`);
  }
  return merged;
}

/** The file's migrateFrom, its client secret sealed; without one, the secret stored for the same user pool and client is kept. */
async function configMigrateFrom(db: Tx, secrets: Pick<Secrets, "encrypt">, poolId: string, input: NonNullable<PoolConfig["migrateFrom"]> | null) {
  return mergeMigrateFrom(secrets, storedMigrateFromOf(await findStoredMigrateFrom(db, poolId)), input);
}

/** The file's triggers, sealed; a webhook without its secret keeps the one stored for its url. */
async function configTriggers(db: Tx, secrets: Pick<Secrets, "encrypt">, poolId: string, input: NonNullable<PoolConfig["triggers"]>) {
  const merged = mergeTriggers(secrets, storedTriggersOf(await findStoredTriggers(db, poolId)), input);
  if ("missingSecret" in merged)
    throw new ConfigFileError(`GATEHOUSE_CONFIG: pool ${poolId} triggers.${merged.missingSecret}.secret: a webhook needs a secret to sign its requests (none is stored for this url)`);
  return merged;
}

/** The pool's images first (checked like uploads), then its branding, which may name them. */
async function applyBranding(db: Tx, pool: PoolConfig) {
  for (const [i, asset] of pool.brandingAssets.entries()) {
    try {
      await storeBrandingAsset(db, { poolId: pool.id, contentType: asset.contentType, bytes: new Uint8Array(Buffer.from(asset.data, "base64")) });
    } catch (error) {
      throw new ConfigFileError(`GATEHOUSE_CONFIG: pool ${pool.id} brandingAssets.${i}: ${(error as Error).message}`);
    }
  }
  if (pool.branding) {
    for (const id of [pool.branding.logo, pool.branding.favicon]) {
      if (id && !(await brandingAssetExists(db, { poolId: pool.id, id })))
        throw new ConfigFileError(`GATEHOUSE_CONFIG: pool ${pool.id} branding names image ${id.slice(0, 12)}…, which is not in brandingAssets`);
    }
    await setPoolBranding(db, pool.id, pool.branding);
  }
}

async function groupIdByName(db: Tx, poolId: string, name: string): Promise<string> {
  const id = await findGroupId(db, poolId, name);
  if (!id) throw new ConfigFileError(`GATEHOUSE_CONFIG: group ${name} does not exist in pool ${poolId}`);
  return id;
}
