// An identity pool's settings, as the config file, the admin API and the console give them, in
// Cognito Identity's terms (CreateIdentityPool, SetIdentityPoolRoles) with Gatehouse's names.
import { z } from "zod";
import { PoolIdSchema } from "../pools/pool-id.ts";

/** Cognito's IdentityPoolId and IdentityId: `{region}:{uuid}`. */
export const IDENTITY_ID_PATTERN = /^[a-z]{2,}(-[a-z]+-\d)?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const IdentityPoolIdSchema = z.string().regex(IDENTITY_ID_PATTERN, "identity pool ids look like <region>:<uuid>, e.g. local:7c9a4d2e-5b1f-4e8a-9f3d-2a6b8c0d1e4f");

export const RoleArnSchema = z.string().max(2048).regex(/^arn:aws[\w-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/, "must be an IAM role ARN (arn:aws:iam::<account>:role/<name>)");

export const MATCH_TYPES = ["Equals", "Contains", "StartsWith", "NotEqual"] as const;
export type MatchType = (typeof MATCH_TYPES)[number];

export const MappingRuleSchema = z.strictObject({
  claim: z.string().min(1).max(64),
  matchType: z.enum(MATCH_TYPES),
  value: z.string().min(1).max(128),
  roleArn: RoleArnSchema,
});
export type MappingRule = z.infer<typeof MappingRuleSchema>;

/** Cognito's RoleMapping: roles from the token's cognito:roles / cognito:preferred_role, or from rules. */
export const RoleMappingSchema = z
  .strictObject({
    type: z.enum(["Token", "Rules"]),
    ambiguousRoleResolution: z.enum(["AuthenticatedRole", "Deny"]).default("AuthenticatedRole"),
    rules: z.array(MappingRuleSchema).max(25).default([]),
  })
  .superRefine((mapping, ctx) => {
    if (mapping.type === "Rules" && mapping.rules.length === 0) ctx.addIssue({ code: "custom", path: ["rules"], message: "a Rules mapping needs at least one rule" });
    if (mapping.type === "Token" && mapping.rules.length > 0) ctx.addIssue({ code: "custom", path: ["rules"], message: "a Token mapping takes its roles from the token; leave rules out" });
  });
export type RoleMapping = z.infer<typeof RoleMappingSchema>;

/** A user pool app client whose tokens the identity pool accepts (Cognito's CognitoIdentityProviders). */
export const IdentityPoolProviderSchema = z.strictObject({
  poolId: PoolIdSchema,
  clientId: z.string().regex(/^[\w+.-]{1,128}$/, "client ids are 1-128 letters, digits, _, +, . or -"),
  /** The token must not be revoked or signed out, and its user still enabled (Cognito's default is false; Gatehouse's true). */
  serverSideTokenCheck: z.boolean().default(true),
});
export type IdentityPoolProvider = z.infer<typeof IdentityPoolProviderSchema>;

export const CredentialsSettingsSchema = z.strictObject({
  /** local: Gatehouse mints credentials itself; sts: AssumeRoleWithWebIdentity at an STS with Gatehouse's OpenID token. */
  mode: z.enum(["local", "sts"]).default("local"),
  durationSeconds: z.number().int().min(900).max(43_200).default(3600),
  /** sts only: the STS endpoint (default AWS's regional one) and its region. */
  endpoint: z.url().optional(),
  region: z.string().regex(/^[a-z]{2,}(-[a-z]+-\d)?$/).optional(),
});
export type CredentialsSettings = z.infer<typeof CredentialsSettingsSchema>;

/** What an identity pool is besides its id: the part stored as `settings`. */
export const IdentityPoolSettingsShape = {
  name: z.string().min(1).max(128).regex(/^[\w ]+$/, "identity pool names are letters, digits, _ and spaces"),
  allowUnauthenticatedIdentities: z.boolean().default(false),
  /** Cognito's AllowClassicFlow: GetOpenIdToken for a client that assumes the role itself. */
  allowClassicFlow: z.boolean().default(false),
  providers: z.array(IdentityPoolProviderSchema).max(50).default([]),
  developerProviderName: z.string().min(1).max(128).regex(/^[\w._-]+$/, "letters, digits, _, . and -").optional(),
  roles: z.strictObject({ authenticated: RoleArnSchema.optional(), unauthenticated: RoleArnSchema.optional() }).default({}),
  /** Keyed `{poolId}:{clientId}`, one of `providers`. */
  roleMappings: z.record(z.string(), RoleMappingSchema).default({}),
  credentials: CredentialsSettingsSchema.default({ mode: "local", durationSeconds: 3600 }),
};

const settingsRules = (pool: { providers: IdentityPoolProvider[]; roleMappings: Record<string, unknown>; allowUnauthenticatedIdentities: boolean; roles: { unauthenticated?: string } }, ctx: z.RefinementCtx) => {
  const keys = new Set<string>();
  pool.providers.forEach((p, i) => {
    const key = `${p.poolId}:${p.clientId}`;
    if (keys.has(key)) ctx.addIssue({ code: "custom", path: ["providers", i], message: `duplicate provider ${key}` });
    keys.add(key);
  });
  for (const key of Object.keys(pool.roleMappings)) {
    if (!keys.has(key)) ctx.addIssue({ code: "custom", path: ["roleMappings", key], message: `"${key}" is not one of the providers ({poolId}:{clientId})` });
  }
};

export const IdentityPoolSettingsSchema = z.strictObject(IdentityPoolSettingsShape).superRefine(settingsRules);
export type IdentityPoolSettings = z.infer<typeof IdentityPoolSettingsSchema>;

export const IdentityPoolSchema = z.strictObject({ id: IdentityPoolIdSchema, ...IdentityPoolSettingsShape }).superRefine(settingsRules);
export type IdentityPoolConfig = z.infer<typeof IdentityPoolSchema>;

/** An identity pool as the code uses it. */
export type IdentityPool = IdentityPoolConfig & { createdAt: Date; updatedAt: Date };

/** The region part of an identity pool id, which its identity ids share. */
export const regionOf = (identityPoolId: string) => identityPoolId.slice(0, identityPoolId.indexOf(":"));

/** The provider key of a user pool in `Logins` and in roleMappings' Cognito form: its issuer without the scheme. */
export const loginsKeyOf = (publicUrl: string, poolId: string) => `${publicUrl.replace(/^https?:\/\//, "")}/${poolId}`;
