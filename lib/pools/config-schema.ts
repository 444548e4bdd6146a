// The GATEHOUSE_CONFIG file: pools, clients, groups and users, applied idempotently at start.
// Strict objects, so an unknown key is rejected with its path rather than silently ignored.
import { z } from "zod";
import { LOCALES } from "../i18n/locales.ts";
import { BrandingOverrideSchema, BrandingSchema } from "../branding/schema.ts";
import { usernameProblem } from "../users/username-rules.ts";
import { STANDARD_ATTRIBUTES, defaultRequiredAttributes } from "./attributes.ts";
import { ExplicitAuthFlowsSchema } from "./auth-flows.ts";
import { ReadAttributesSchema, WriteAttributesSchema, attributePermissionIssues } from "./client-attributes.ts";
import { TriggersUpdateSchema } from "../triggers/config.ts";
import { COGNITO_PROVIDER, IdentityProvidersUpdateSchema } from "../federation/config.ts";
import { MigrateFromSchema } from "../migration/config.ts";

import { POOL_ID_PATTERN, PoolIdSchema } from "./pool-id.ts";
import { IdentityPoolSchema } from "../identity-pools/config.ts";
import { AuthorizerSchema } from "../authorizers/config.ts";
import { PasswordHashInputSchema } from "../security/password-hashes.ts";
import { GroupSchema } from "./group-schema.ts";

export { POOL_ID_PATTERN, PoolIdSchema };

const seconds = (min: number, max: number, what: string) =>
  z.number().int().min(min, `${what} must be at least ${min} seconds`).max(max, `${what} must be at most ${max} seconds`);

export const PasswordPolicySchema = z.strictObject({
  minLength: z.number().int().min(6).max(99).default(8),
  requireLowercase: z.boolean().default(true),
  requireUppercase: z.boolean().default(true),
  requireNumbers: z.boolean().default(true),
  requireSymbols: z.boolean().default(false),
  temporaryPasswordValidityDays: z.number().int().min(1).max(365).default(7),
});
export type PasswordPolicy = z.infer<typeof PasswordPolicySchema>;

export const CustomAttributeSchema = z.strictObject({
  name: z.string().regex(/^[A-Za-z0-9_]{1,20}$/, "custom attribute names are 1-20 letters, digits or _"),
  type: z.enum(["String", "Number", "Boolean", "DateTime"]).default("String"),
  mutable: z.boolean().default(true),
});

/** What a scope's name may hold (printable ASCII without spaces, quotes or backslashes). */
export const ScopeNameSchema = z.string().regex(/^[\x21\x23-\x5B\x5D-\x7E]+$/, "scope names are printable ASCII without spaces, quotes or backslashes");

const ScopeSchema = z.strictObject({
  name: ScopeNameSchema,
  description: z.string().default(""),
});

/** How many scopes one resource server may define. */
export const MAX_SCOPES = 100;

export const ResourceServerSchema = z.strictObject({
  identifier: z.string().min(1).max(256),
  name: z.string().min(1).max(256),
  scopes: z.array(ScopeSchema).max(MAX_SCOPES).default([]),
});

export { GroupSchema };

/** A client's token lifetimes in seconds: the bounds ClientSchema checks and its defaults. */
export const TOKEN_LIFETIMES = {
  accessTokenValidity: { min: 300, max: 86_400, default: 3600 },
  idTokenValidity: { min: 300, max: 86_400, default: 3600 },
  refreshTokenValidity: { min: 3600, max: 315_360_000, default: 2_592_000 },
} as const;
export type TokenLifetime = keyof typeof TOKEN_LIFETIMES;
const lifetime = (key: TokenLifetime) => seconds(TOKEN_LIFETIMES[key].min, TOKEN_LIFETIMES[key].max, key).default(TOKEN_LIFETIMES[key].default);

/** A client's callback or sign-out URL, as Cognito allows them. */
export const RedirectUrlSchema = z.string().refine((value) => {
  try {
    const url = new URL(value);
    if (url.hash) return false;
    // Like Cognito: https, or http only for localhost; custom schemes for native apps.
    if (url.protocol === "http:") return ["localhost", "127.0.0.1", "[::1]"].includes(url.hostname);
    return true;
  } catch {
    return false;
  }
}, "must be an absolute URL without a fragment (http only for localhost)");

export const ClientSchema = z.strictObject({
  clientId: z.string().regex(/^[\w+.-]{1,128}$/, "client ids are 1-128 letters, digits, _, +, . or -"),
  clientSecret: z.string().min(16, "client secrets are at least 16 characters").nullable().default(null),
  /** Without clientSecret: keep the client's current secret, or generate one if it has none
   * (exports say this, since they never contain secrets). */
  generateSecret: z.boolean().default(false),
  name: z.string().min(1).max(128),
  callbackUrls: z.array(RedirectUrlSchema).max(100).default([]),
  logoutUrls: z.array(RedirectUrlSchema).max(100).default([]),
  allowedOAuthFlows: z.array(z.enum(["code", "implicit", "client_credentials"])).default(["code"]),
  allowedScopes: z.array(z.string().min(1)).default(["openid", "email", "profile", "phone"]),
  /** Cognito's ExplicitAuthFlows: the InitiateAuth flows the client may use (lib/pools/auth-flows.ts). */
  explicitAuthFlows: ExplicitAuthFlowsSchema,
  /** Cognito's ReadAttributes and WriteAttributes (lib/pools/client-attributes.ts). */
  readAttributes: ReadAttributesSchema,
  writeAttributes: WriteAttributesSchema,
  accessTokenValidity: lifetime("accessTokenValidity"),
  idTokenValidity: lifetime("idTokenValidity"),
  refreshTokenValidity: lifetime("refreshTokenValidity"),
  refreshTokenRotation: z.boolean().default(false),
  /** Cognito's: ENABLED hides from sign-up whether an email or phone already has an account. */
  preventUserExistenceErrors: z.enum(["ENABLED", "LEGACY"]).default("ENABLED"),
  /** Cognito's SupportedIdentityProviders: COGNITO (the pool's own users) and the pool's identity provider names. */
  supportedIdentityProviders: z.array(z.string().min(1).max(32)).max(300).default([COGNITO_PROVIDER]),
  /** Overrides of the pool's branding for this client's pages. */
  branding: BrandingOverrideSchema.optional(),
});
export type ClientConfig = z.infer<typeof ClientSchema>;

const attributeName = z.string().refine(
  (name) => name.startsWith("custom:") || (STANDARD_ATTRIBUTES as readonly string[]).includes(name) || name === "email_verified" || name === "phone_number_verified",
  "not a standard attribute, email_verified, phone_number_verified or custom:*",
);

export const UserSchema = z.strictObject({
  username: z.string().min(1).max(128),
  password: z.string().nullable().default(null),
  temporaryPassword: z.string().nullable().default(null),
  /** A hash brought from another system (lib/security/password-hashes.ts); replaced by ours at the first sign-in. */
  passwordHash: PasswordHashInputSchema.nullable().default(null),
  attributes: z.record(attributeName, z.string()).default({}),
  groups: z.array(z.string()).default([]),
  enabled: z.boolean().default(true),
});
export type UserConfig = z.infer<typeof UserSchema>;

export const MFA_METHODS = ["TOTP", "SMS", "EMAIL"] as const;
export type MfaMethod = (typeof MFA_METHODS)[number];
export const SIGN_IN_METHODS = ["PASSWORD", "PASSKEY", "EMAIL_OTP", "SMS_OTP"] as const;
export type SignInMethod = (typeof SIGN_IN_METHODS)[number];
const unique = <T>(items: T[]): T[] => [...new Set(items)];

/**
 * The relying party of the pool's passkeys: its id is a registrable domain the hosted pages are
 * served under (default: the host of PUBLIC_URL); userVerification as WebAuthn names it.
 */
export const PasskeySettingsSchema = z.strictObject({
  relyingPartyId: z.string().trim().toLowerCase().regex(/^(localhost|([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63})$/, "a domain name such as example.com").optional(),
  userVerification: z.enum(["required", "preferred"]).default("preferred"),
});
export type PasskeySettings = z.infer<typeof PasskeySettingsSchema>;

/** A pool's own settings: what the config file, the admin API and the dashboard all edit. */
export const PoolSettingsShape = {
  name: z.string().trim().min(1).max(128),
  signInAliases: z.array(z.enum(["username", "email", "phone"])).min(1).default(["email"]),
  autoVerifiedAttributes: z.array(z.enum(["email", "phone_number"])).default(["email"]),
  requiredAttributes: z.array(z.enum(STANDARD_ATTRIBUTES)).optional(),
  selfSignUp: z.boolean().default(true),
  mfa: z.enum(["OFF", "OPTIONAL", "ON"]).default("OFF"),
  /** The second factors users may set up and be asked for (Cognito's SMS, software token and email MFA). */
  mfaMethods: z.array(z.enum(MFA_METHODS)).min(1, "choose at least one second factor").default(["TOTP"]).transform(unique),
  /** Choice-based sign-in (Cognito's USER_AUTH): the first factors users may start with. */
  signInMethods: z.array(z.enum(SIGN_IN_METHODS)).default(["PASSWORD"])
    // As in Cognito, the password stays a way in (an account may have nothing else).
    .refine((methods) => methods.includes("PASSWORD"), "PASSWORD must stay among the sign-in methods").transform(unique),
  passkeys: PasskeySettingsSchema.default({ userVerification: "preferred" }),
  /** Cognito's DeviceConfiguration: OFF, remembered when the user asks (USER_OPT_IN), or ALWAYS. */
  deviceTracking: z.enum(["OFF", "USER_OPT_IN", "ALWAYS"]).default("OFF"),
  /** Cognito's ChallengeRequiredOnNewDevice turned around: a remembered device is not asked for MFA. */
  skipMfaOnRememberedDevices: z.boolean().default(false),
  passwordPolicy: PasswordPolicySchema.default(PasswordPolicySchema.parse({})),
  customAttributes: z.array(CustomAttributeSchema).max(50).default([]),
  /** The hosted pages' and messages' language when neither lang= nor the browser names a supported one (lib/i18n). */
  defaultLanguage: z.enum(LOCALES).default("en"),
};

export const PoolSchema = z
  .strictObject({
    id: PoolIdSchema,
    ...PoolSettingsShape,
    /** The published branding of the hosted pages, and the images it uses (base64). */
    branding: BrandingSchema.optional(),
    brandingAssets: z.array(z.strictObject({ contentType: z.string(), data: z.string().max(700_000, "images are at most 512 KB") })).max(50).default([]),
    resourceServers: z.array(ResourceServerSchema).default([]),
    groups: z.array(GroupSchema).default([]),
    clients: z.array(ClientSchema).default([]),
    users: z.array(UserSchema).default([]),
    /** Cognito's LambdaConfig; when given, it replaces the pool's triggers. A webhook without
     * `secret` (as exports write it) keeps the secret stored for the same url. */
    triggers: TriggersUpdateSchema.optional(),
    /** Identity providers (lib/federation/config.ts); when given, they replace the pool's. A provider
     * without its secret (as exports write it) keeps the secret stored for the same name and type. */
    identityProviders: IdentityProvidersUpdateSchema.optional(),
    /** The live Cognito user pool users move in from at their first sign-in (lib/migration); null turns
     * it off, absent leaves it as it is. Without clientSecret (as exports write it) the stored one is kept. */
    migrateFrom: MigrateFromSchema.nullable().optional(),
  })
  .superRefine((pool, ctx) => {
    const dup = (items: string[], path: string) => {
      const seen = new Set<string>();
      items.forEach((item, i) => {
        if (seen.has(item.toLowerCase())) ctx.addIssue({ code: "custom", path: [path, i], message: `duplicate ${path} entry "${item}"` });
        seen.add(item.toLowerCase());
      });
    };
    dup(pool.clients.map((c) => c.clientId), "clients");
    dup(pool.groups.map((g) => g.name), "groups");
    dup(pool.users.map((u) => u.username), "users");
    dup(pool.resourceServers.map((r) => r.identifier), "resourceServers");
    const groups = new Set(pool.groups.map((g) => g.name));
    pool.users.forEach((user, i) =>
      user.groups.forEach((g, j) => {
        if (!groups.has(g)) ctx.addIssue({ code: "custom", path: ["users", i, "groups", j], message: `group "${g}" is not defined in this pool` });
      }),
    );
    const providers = new Set([COGNITO_PROVIDER, ...(pool.identityProviders ?? []).map((p) => p.name)]);
    pool.clients.forEach((client, i) =>
      client.supportedIdentityProviders.forEach((name, j) => {
        if (!providers.has(name)) ctx.addIssue({ code: "custom", path: ["clients", i, "supportedIdentityProviders", j], message: `"${name}" is not an identity provider of this pool` });
      }),
    );
    const scopes = poolScopes(pool.resourceServers);
    pool.clients.forEach((client, i) => {
      for (const issue of clientIssues(client, scopes, !!client.clientSecret || client.generateSecret)) ctx.addIssue({ code: "custom", path: ["clients", i, ...issue.path], message: issue.message });
      const attributes = { customAttributes: pool.customAttributes, requiredAttributes: pool.requiredAttributes ?? defaultRequiredAttributes(pool) };
      for (const issue of attributePermissionIssues(client, attributes)) ctx.addIssue({ code: "custom", path: ["clients", i, ...issue.path], message: issue.message });
    });
    pool.users.forEach((user, i) => {
      if ([user.password, user.temporaryPassword, user.passwordHash].filter((p) => p !== null).length > 1)
        ctx.addIssue({ code: "custom", path: ["users", i], message: "give one of password, temporaryPassword or passwordHash, not more" });
      const problem = usernameProblem(pool, user.username);
      if (problem) ctx.addIssue({ code: "custom", path: ["users", i, "username"], message: problem });
    });
  });
export type PoolConfig = z.infer<typeof PoolSchema>;

export const STANDARD_SCOPES = ["openid", "email", "profile", "phone", "aws.cognito.signin.user.admin"] as const;

/** Every scope a client of the pool may be allowed: the standard ones and `{resource server}/{scope}`. */
export function poolScopes(resourceServers: { identifier: string; scopes: { name: string }[] }[]): Set<string> {
  const scopes = new Set<string>(STANDARD_SCOPES);
  for (const rs of resourceServers) for (const s of rs.scopes) scopes.add(`${rs.identifier}/${s.name}`);
  return scopes;
}

type ClientRules = Pick<ClientConfig, "allowedScopes" | "allowedOAuthFlows" | "callbackUrls">;

/** The rules between a client's settings that field checks cannot express, as Cognito has them. */
export function clientIssues(client: ClientRules, scopes: Set<string>, hasSecret: boolean): { path: (string | number)[]; message: string }[] {
  const issues: { path: (string | number)[]; message: string }[] = [];
  client.allowedScopes.forEach((scope, j) => {
    if (!scopes.has(scope)) issues.push({ path: ["allowedScopes", j], message: `unknown scope "${scope}"` });
  });
  const flows = client.allowedOAuthFlows;
  if ((flows.includes("code") || flows.includes("implicit")) && client.callbackUrls.length === 0)
    issues.push({ path: ["callbackUrls"], message: "code and implicit flows need at least one callback URL" });
  if (flows.includes("client_credentials") && !hasSecret)
    issues.push({ path: ["clientSecret"], message: "client_credentials needs a client secret" });
  if (flows.includes("client_credentials") && (flows.includes("code") || flows.includes("implicit")))
    issues.push({ path: ["allowedOAuthFlows"], message: "client_credentials cannot be combined with code or implicit (as in Cognito)" });
  return issues;
}

export const ConfigFileSchema = z
  .strictObject({
    pools: z.array(PoolSchema).default([]),
    /** Identity pools (lib/identity-pools/config.ts), created or updated by id. */
    identityPools: z.array(IdentityPoolSchema).default([]),
    /** Authorizers in front of APIs (lib/authorizers/config.ts), created or updated by name. */
    authorizers: z.array(AuthorizerSchema).default([]),
  })
  .superRefine((file, ctx) => {
    const dup = (items: string[], path: string) => {
      const seen = new Set<string>();
      items.forEach((item, i) => {
        if (seen.has(item)) ctx.addIssue({ code: "custom", path: [path, i], message: `duplicate ${path} entry "${item}"` });
        seen.add(item);
      });
    };
    dup(file.pools.map((p) => p.id), "pools");
    dup(file.identityPools.map((p) => p.id), "identityPools");
    dup(file.authorizers.map((a) => a.name), "authorizers");
  });
export type ConfigFile = z.infer<typeof ConfigFileSchema>;

/** One line per problem, naming its path. A record key that fails its check ("Invalid key in
 * record") carries the key's own explanation nested inside; that is the one worth printing. */
export function formatIssues(error: z.ZodError): string {
  return error.issues
    .map((i) => {
      const nested = i.code === "invalid_key" ? i.issues.map((n) => n.message).join("; ") : "";
      return `  ${i.path.length ? i.path.join(".") : "(root)"}: ${nested || i.message}`;
    })
    .join("\n");
}
