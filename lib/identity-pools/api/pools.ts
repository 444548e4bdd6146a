// Identity pools themselves, all signed with an admin API key: DescribeIdentityPool,
// ListIdentityPools, GetIdentityPoolRoles and SetIdentityPoolRoles, and CreateIdentityPool,
// UpdateIdentityPool and DeleteIdentityPool. Changes go through the same schema as the config
// file's (lib/identity-pools/config.ts), so both doors keep the same rules.
import { randomUUID } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { z } from "zod";
import { parseAdminInput } from "../../cognito-api/admin/common.ts";
import { AppError } from "../../errors.ts";
import { IdentityPoolSchema, type IdentityPool, type IdentityPoolConfig } from "../config.ts";
import { deleteIdentityPool, getIdentityPool, listIdentityPools, putIdentityPool } from "../identity-pools.queries.ts";
import { decodeToken, DeveloperProviderName, encodeToken, IdentityPoolId, MaxResults, NextToken, RoleArn, signedIdentityOperation } from "./common.ts";
import { awsMappingKey, fromAwsProviders, fromAwsRoleMapping, mappingKeyOf, toAwsIdentityPool, toAwsRoleMapping } from "./shapes.ts";

const IdentityPoolName = z.string().min(1).max(128).regex(/^[\w\s+=,.@-]+$/, "Member must satisfy regular expression pattern: [\\w\\s+=,.@-]+");
const Provider = z.object({
  ProviderName: z.string().min(1).max(128).optional(),
  ClientId: z.string().min(1).max(128).regex(/^[\w+.-]+$/, "Member must satisfy regular expression pattern: [\\w+.-]+").optional(),
  ServerSideTokenCheck: z.boolean().optional(),
});
const Rule = z.object({
  Claim: z.string().min(1).max(64),
  MatchType: z.enum(["Equals", "Contains", "StartsWith", "NotEqual"]),
  Value: z.string().min(1).max(128),
  RoleARN: RoleArn,
});
const RoleMapping = z.object({
  Type: z.enum(["Token", "Rules"]),
  AmbiguousRoleResolution: z.enum(["AuthenticatedRole", "Deny"]).optional(),
  RulesConfiguration: z.object({ Rules: z.array(Rule).min(1).max(25) }).optional(),
});
const Roles = z.record(z.string().min(1).max(128), RoleArn).refine((m) => Object.keys(m).length <= 2, "Member must have length less than or equal to 2");

/** The settings an identity pool's create or update gives, minus those Gatehouse has no use for. */
const PoolFields = {
  IdentityPoolName,
  AllowUnauthenticatedIdentities: z.boolean(),
  AllowClassicFlow: z.boolean().optional(),
  SupportedLoginProviders: z.record(z.string(), z.string()).optional(),
  DeveloperProviderName: DeveloperProviderName.optional(),
  OpenIdConnectProviderARNs: z.array(z.string().min(20).max(2048)).optional(),
  CognitoIdentityProviders: z.array(Provider).optional(),
  SamlProviderARNs: z.array(z.string().min(20).max(2048)).optional(),
  IdentityPoolTags: z.record(z.string().min(1).max(128), z.string().max(256)).optional(),
};
type PoolInput = z.infer<z.ZodObject<typeof PoolFields>>;

const FIELD_NAMES = {
  name: "IdentityPoolName", allowUnauthenticatedIdentities: "AllowUnauthenticatedIdentities", allowClassicFlow: "AllowClassicFlow",
  providers: "CognitoIdentityProviders", developerProviderName: "DeveloperProviderName", roles: "Roles", roleMappings: "RoleMappings",
};

/** A pool's settings from a create or update, the rest (roles, mappings, credentials) kept from `current`. */
function poolConfigOf(publicUrl: string, id: string, input: PoolInput, current: IdentityPool | null): IdentityPoolConfig {
  // Gatehouse trusts its own user pools and a developer provider; say so rather than ignore other providers.
  if (Object.keys(input.SupportedLoginProviders ?? {}).length || input.OpenIdConnectProviderARNs?.length || input.SamlProviderARNs?.length) {
    throw new AppError("InvalidParameterException", "Gatehouse identity pools trust its own user pools (CognitoIdentityProviders) and a developer provider only; social, OIDC and SAML providers are not supported.");
  }
  return parseAdminInput(IdentityPoolSchema, {
    id,
    name: input.IdentityPoolName,
    allowUnauthenticatedIdentities: input.AllowUnauthenticatedIdentities,
    allowClassicFlow: input.AllowClassicFlow ?? false,
    providers: fromAwsProviders(publicUrl, input.CognitoIdentityProviders ?? []),
    ...(input.DeveloperProviderName ? { developerProviderName: input.DeveloperProviderName } : {}),
    ...(current ? { roles: current.roles, roleMappings: current.roleMappings, credentials: current.credentials } : {}),
  }, FIELD_NAMES);
}

/** The region a signed call's credential scope names: a new identity pool's id starts with it, as AWS's do. */
function signingRegion(req: IncomingMessage): string {
  const region = /Credential=[^/]+\/\d{8}\/([^/]+)\//.exec(String(req.headers.authorization ?? ""))?.[1] ?? "local";
  return /^[a-z]{2,}(-[a-z]+-\d)?$/.test(region) ? region : "local";
}

export const DescribeIdentityPool = signedIdentityOperation({
  input: z.object({ IdentityPoolId }),
  async run({ rt }, input) {
    return toAwsIdentityPool(await getIdentityPool(rt.db, input.IdentityPoolId), rt.env.publicUrl);
  },
});

export const ListIdentityPools = signedIdentityOperation({
  input: z.object({ MaxResults, NextToken: NextToken.optional() }),
  async run({ rt }, input) {
    const pools = await listIdentityPools(rt.db, { limit: input.MaxResults + 1, ...(input.NextToken ? { after: decodeToken(input.NextToken) } : {}) });
    const page = pools.slice(0, input.MaxResults);
    return {
      IdentityPools: page.map((p) => ({ IdentityPoolId: p.id, IdentityPoolName: p.name })),
      ...(pools.length > input.MaxResults ? { NextToken: encodeToken(page.at(-1)!.id) } : {}),
    };
  },
});

export const GetIdentityPoolRoles = signedIdentityOperation({
  input: z.object({ IdentityPoolId }),
  async run({ rt }, input) {
    const pool = await getIdentityPool(rt.db, input.IdentityPoolId);
    return {
      IdentityPoolId: pool.id,
      Roles: { ...(pool.roles.authenticated ? { authenticated: pool.roles.authenticated } : {}), ...(pool.roles.unauthenticated ? { unauthenticated: pool.roles.unauthenticated } : {}) },
      RoleMappings: Object.fromEntries(Object.entries(pool.roleMappings).map(([key, mapping]) => [awsMappingKey(rt.env.publicUrl, key), toAwsRoleMapping(mapping)])),
    };
  },
});

export const SetIdentityPoolRoles = signedIdentityOperation({
  input: z.object({ IdentityPoolId, Roles, RoleMappings: z.record(z.string().min(1).max(128), RoleMapping).refine((m) => Object.keys(m).length <= 10, "Member must have length less than or equal to 10").optional() }),
  audit: { type: "setIdentityPoolRoles", pool: (input) => input.IdentityPoolId, target: (input) => input.IdentityPoolId },
  async run({ rt }, input) {
    const pool = await getIdentityPool(rt.db, input.IdentityPoolId);
    for (const key of Object.keys(input.Roles)) {
      if (key !== "authenticated" && key !== "unauthenticated") throw new AppError("InvalidParameterException", `Roles: '${key}' is not a role kind (authenticated or unauthenticated).`);
    }
    const { createdAt: _c, updatedAt: _u, ...current } = pool;
    const config = parseAdminInput(IdentityPoolSchema, {
      ...current,
      roles: input.Roles,
      roleMappings: Object.fromEntries(Object.entries(input.RoleMappings ?? {}).map(([key, mapping]) => [mappingKeyOf(rt.env.publicUrl, key), fromAwsRoleMapping(mapping)])),
    }, FIELD_NAMES);
    await putIdentityPool(rt.db, config);
    return {};
  },
});

export const CreateIdentityPool = signedIdentityOperation({
  input: z.object(PoolFields),
  audit: { type: "createIdentityPool", pool: () => null, target: (input) => input.IdentityPoolName },
  async run({ rt, req }, input) {
    const config = poolConfigOf(rt.env.publicUrl, `${signingRegion(req)}:${randomUUID()}`, input, null);
    return toAwsIdentityPool(await putIdentityPool(rt.db, config), rt.env.publicUrl);
  },
});

export const UpdateIdentityPool = signedIdentityOperation({
  input: z.object({ IdentityPoolId, ...PoolFields }),
  audit: { type: "updateIdentityPool", pool: (input) => input.IdentityPoolId, target: (input) => input.IdentityPoolId },
  async run({ rt }, input) {
    const current = await getIdentityPool(rt.db, input.IdentityPoolId);
    const config = poolConfigOf(rt.env.publicUrl, current.id, input, current);
    return toAwsIdentityPool(await putIdentityPool(rt.db, config), rt.env.publicUrl);
  },
});

export const DeleteIdentityPool = signedIdentityOperation({
  input: z.object({ IdentityPoolId }),
  audit: { type: "deleteIdentityPool", pool: (input) => input.IdentityPoolId, target: (input) => input.IdentityPoolId },
  async run({ rt }, input) {
    await deleteIdentityPool(rt.db, input.IdentityPoolId);
    return {};
  },
});

