// A pool as a GATEHOUSE_CONFIG document, and back: settings, branding with its images, groups,
// clients, resource servers and users. Exports hold no secrets or passwords: clients that have a
// secret say `generateSecret: true`, so an import keeps (or makes) one; webhook triggers come
// without their secret, so an import keeps the one stored for the same url; identity providers
// likewise keep the secrets stored for the same name and type.
import { listBrandingAssets } from "../branding/assets.ts";
import { BrandingOverrideSchema, resolveBranding } from "../branding/schema.ts";
import type { AuditIn } from "../audit/audit.ts";
import type { Db } from "../db/client.ts";
import type { ProviderRegistry } from "../oidc/registry.ts";
import { ConfigFileError, applyConfig, type GeneratedSecret } from "../config/apply-config.ts";
import { ConfigFileSchema, PoolSchema, formatIssues, type ClientConfig } from "../pools/config-schema.ts";
import { AppError } from "../errors.ts";
import { getPool } from "../pools/pool.ts";
import { userAttributes } from "../users/user.ts";
import { listClients } from "./clients.ts";
import { listResourceServers } from "./resource-servers.ts";
import type { Secrets } from "../security/secrets.ts";
import { viewTriggers } from "../triggers/config.ts";
import type { StoredMigrateFrom } from "../migration/config.ts";
import { findClientBrandings, findGroupsForExport, findUsersWithGroupIds } from "./export-pool.queries.ts";
import { findPoolSystemFlag } from "./pools.queries.ts";

// Users without passwordHash: a hash is a password equivalent, and the document is for copying a pool's shape.
type PoolDocument = Omit<ReturnType<typeof PoolSchema.parse>, "users"> & { users: Omit<ReturnType<typeof PoolSchema.parse>["users"][number], "passwordHash">[] };

export async function exportPool(db: Db, poolId: string, options: { users: boolean }): Promise<PoolDocument> {
  const pool = await getPool(db, poolId);
  const [servers, groups, clients, brandings, assets] = await Promise.all([
    listResourceServers(db, poolId),
    findGroupsForExport(db, poolId),
    listClients(db, poolId),
    findClientBrandings(db, poolId),
    listBrandingAssets(db, poolId),
  ]);
  const clientBranding = new Map(brandings.map((c) => [c.clientId, BrandingOverrideSchema.safeParse(c.branding).data]));
  const groupNames = new Map(groups.map((g) => [g.id, g.name]));
  const users = options.users
    ? await findUsersWithGroupIds(db, poolId)
    : [];
  return {
    id: pool.id,
    name: pool.name,
    signInAliases: pool.signInAliases,
    autoVerifiedAttributes: pool.autoVerifiedAttributes as PoolDocument["autoVerifiedAttributes"],
    requiredAttributes: pool.requiredAttributes as PoolDocument["requiredAttributes"],
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
    ...(pool.branding ? { branding: resolveBranding(pool.branding) } : {}),
    brandingAssets: assets.map((a) => ({ contentType: a.contentType, data: Buffer.from(a.bytes).toString("base64") })),
    resourceServers: servers,
    groups: groups.map(({ id: _id, ...g }) => g),
    clients: clients.map((c): ClientConfig => ({
      clientId: c.clientId, clientSecret: null, generateSecret: c.hasSecret, name: c.name, callbackUrls: c.callbackUrls, logoutUrls: c.logoutUrls,
      allowedOAuthFlows: c.allowedOAuthFlows, allowedScopes: c.allowedScopes, readAttributes: c.readAttributes, writeAttributes: c.writeAttributes, accessTokenValidity: c.accessTokenValidity,
      idTokenValidity: c.idTokenValidity, refreshTokenValidity: c.refreshTokenValidity, refreshTokenRotation: c.refreshTokenRotation,
      preventUserExistenceErrors: c.preventUserExistenceErrors, explicitAuthFlows: c.explicitAuthFlows,
      supportedIdentityProviders: c.supportedIdentityProviders,
      ...(clientBranding.get(c.clientId) ? { branding: clientBranding.get(c.clientId) } : {}),
    })),
    // Without their secrets: an import keeps the ones stored for the same name and type.
    identityProviders: pool.identityProviders.map(({ secretsEnc: _secrets, ...idp }) => idp),
    // Without the client secret: an import keeps the one stored for the same user pool and client.
    ...(pool.migrateFrom ? { migrateFrom: withoutSecret(pool.migrateFrom) } : {}),
    triggers: Object.fromEntries(Object.entries(viewTriggers(pool.triggers)).map(([name, { hasSecret: _secret, ...trigger }]) => [name, trigger])),
    users: users.map((u) => {
      const { sub: _sub, ...attributes } = userAttributes(u);
      return { username: u.username, password: null, temporaryPassword: null, attributes, groups: u.groups.map((m) => groupNames.get(m.groupId)!).sort(), enabled: u.enabled };
    }),
  };
}

/** Creates or updates the pool a document describes (the config file's rules: idempotent,
 * leaves what it does not list alone). Returns client secrets it generated. */
export async function importPool(deps: { db: Db; secrets: Secrets; providers: ProviderRegistry }, document: unknown, options: { audit?: AuditIn } = {}): Promise<{ poolId: string; generatedSecrets: GeneratedSecret[] }> {
  const parsed = ConfigFileSchema.safeParse({ pools: [document] });
  if (!parsed.success) throw new AppError("InvalidParameterException", `The pool document is invalid:\n${formatIssues(parsed.error).replaceAll("pools.0.", "")}`);
  const pool = parsed.data.pools[0]!;
  const existing = await findPoolSystemFlag(deps.db, pool.id);
  if (existing?.system) throw new AppError("ForbiddenException", "The console's own pool cannot be replaced by an import.");
  let generatedSecrets: GeneratedSecret[];
  try {
    generatedSecrets = await applyConfig({ db: deps.db, secrets: deps.secrets, ...(options.audit ? { audit: options.audit } : {}) }, parsed.data);
  } catch (error) {
    // The file's own rules (a client id another pool owns, a password below the policy...).
    if (error instanceof ConfigFileError) throw new AppError("InvalidParameterException", error.message.replace(/^GATEHOUSE_CONFIG: /, ""));
    throw error;
  }
  await deps.providers.invalidate(pool.id);
  return { poolId: pool.id, generatedSecrets };
}

function withoutSecret({ clientSecretEnc: _secret, ...rest }: StoredMigrateFrom): Omit<StoredMigrateFrom, "clientSecretEnc"> {
  return rest;
}
