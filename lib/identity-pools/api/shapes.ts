// Identity pools in Cognito Identity's shapes and back. A Gatehouse user pool is named, as a
// provider, by its Logins key (`host/poolId`, its issuer without the scheme); a role mapping by that
// key and the client id (`host/poolId:clientId`), as Cognito keys them.
import { AppError } from "../../errors.ts";
import { loginsKeyOf, type IdentityPool, type RoleMapping } from "../config.ts";

export type AwsProvider = { ProviderName?: string | undefined; ClientId?: string | undefined; ServerSideTokenCheck?: boolean | undefined };
export type AwsRoleMapping = {
  Type: "Token" | "Rules";
  AmbiguousRoleResolution?: "AuthenticatedRole" | "Deny" | undefined;
  RulesConfiguration?: { Rules: { Claim: string; MatchType: "Equals" | "Contains" | "StartsWith" | "NotEqual"; Value: string; RoleARN: string }[] } | undefined;
};

/** Cognito's IdentityPool. Gatehouse trusts only its own user pools and a developer provider, so the other provider lists are empty. */
export function toAwsIdentityPool(pool: IdentityPool, publicUrl: string) {
  return {
    IdentityPoolId: pool.id,
    IdentityPoolName: pool.name,
    AllowUnauthenticatedIdentities: pool.allowUnauthenticatedIdentities,
    AllowClassicFlow: pool.allowClassicFlow,
    SupportedLoginProviders: {},
    ...(pool.developerProviderName ? { DeveloperProviderName: pool.developerProviderName } : {}),
    OpenIdConnectProviderARNs: [],
    CognitoIdentityProviders: pool.providers.map((p) => ({ ProviderName: loginsKeyOf(publicUrl, p.poolId), ClientId: p.clientId, ServerSideTokenCheck: p.serverSideTokenCheck })),
    SamlProviderARNs: [],
    IdentityPoolTags: {},
  };
}

/** A provider's name (its Logins key) → the user pool id it names. */
export function poolIdOfProviderName(publicUrl: string, providerName: string): string {
  const prefix = loginsKeyOf(publicUrl, "");
  if (!providerName.startsWith(prefix) || providerName.length === prefix.length) {
    throw new AppError("InvalidParameterException", `Provider name '${providerName}' is not a user pool of this Gatehouse (${prefix}<poolId>).`);
  }
  return providerName.slice(prefix.length);
}

/** Cognito's CognitoIdentityProviders → Gatehouse's providers. */
export function fromAwsProviders(publicUrl: string, providers: AwsProvider[]) {
  return providers.map((p) => {
    if (!p.ProviderName || !p.ClientId) throw new AppError("InvalidParameterException", "Each of CognitoIdentityProviders needs a ProviderName and a ClientId.");
    return { poolId: poolIdOfProviderName(publicUrl, p.ProviderName), clientId: p.ClientId, serverSideTokenCheck: p.ServerSideTokenCheck ?? true };
  });
}

/** A role mapping's key: Gatehouse's `poolId:clientId` → Cognito's `host/poolId:clientId`. */
export const awsMappingKey = (publicUrl: string, key: string) => `${loginsKeyOf(publicUrl, "")}${key}`;

/** Cognito's `host/poolId:clientId` (or Gatehouse's own `poolId:clientId`) → `poolId:clientId`. */
export function mappingKeyOf(publicUrl: string, key: string): string {
  const prefix = loginsKeyOf(publicUrl, "");
  return key.startsWith(prefix) ? key.slice(prefix.length) : key;
}

export function toAwsRoleMapping(mapping: RoleMapping): AwsRoleMapping {
  return {
    Type: mapping.type,
    AmbiguousRoleResolution: mapping.ambiguousRoleResolution,
    ...(mapping.type === "Rules"
      ? { RulesConfiguration: { Rules: mapping.rules.map((r) => ({ Claim: r.claim, MatchType: r.matchType, Value: r.value, RoleARN: r.roleArn })) } }
      : {}),
  };
}

export function fromAwsRoleMapping(mapping: AwsRoleMapping) {
  return {
    type: mapping.Type,
    ambiguousRoleResolution: mapping.AmbiguousRoleResolution ?? "AuthenticatedRole",
    rules: (mapping.RulesConfiguration?.Rules ?? []).map((r) => ({ claim: r.Claim, matchType: r.MatchType, value: r.Value, roleArn: r.RoleARN })),
  };
}
