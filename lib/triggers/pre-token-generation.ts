// Cognito's pre token generation trigger: one call per token request, before the tokens are
// signed, whose answer adds, overrides and suppresses claims of the ID token (V1_0, V2_0, V3_0),
// of the access token and its scopes (V2_0, V3_0), and overrides the user's groups and roles.
// V3_0 also fires for client-credentials tokens (no user). The provider (lib/oidc/provider.ts)
// calls it once per request context, so the ID and access token of one request share one answer.
//
// Claims Cognito sets itself cannot be added, overridden or suppressed: Gatehouse ignores such
// entries, as Cognito does, and keeps the rest of the answer.
import { z } from "zod";
import { AppError } from "../errors.ts";
import type { Pool } from "../pools/pool.ts";
import type { TokenGenerationVersion } from "./config.ts";
import { cognitoEvent } from "./events.ts";
import { invokeTrigger, triggerFailed, type TriggerDeps } from "./invoke.ts";

/** Where the tokens are being issued, as Cognito's `triggerSource` names it (TokenGeneration_<source>). */
export type TokenSource = "HostedAuth" | "Authentication" | "NewPasswordChallenge" | "RefreshTokens" | "ClientCredentials";

/** What a door that is not the token endpoint (the Cognito API) tells the claim builder about its request. */
export type TokenRequestInfo = { source: TokenSource; clientMetadata?: Record<string, string> | undefined };

const TOKEN_REQUEST = Symbol("gatehouse.tokenRequest");

/** Marks a request context made by the Cognito API's token issuer with its source and clientMetadata. */
export function markTokenRequest(ctx: object, info: TokenRequestInfo): void {
  Object.defineProperty(ctx, TOKEN_REQUEST, { value: info, configurable: true });
}

/** Whether the context is the Cognito API's (which answers a trigger's refusal as UserLambdaValidationException). */
export function isApiTokenRequest(ctx: object): boolean {
  return TOKEN_REQUEST in ctx;
}

/** The trigger source of a token request: the Cognito API's mark, else the token endpoint's grant type. */
export function tokenRequestOf(ctx: { oidc?: { route?: string; params?: Record<string, unknown> } }): TokenRequestInfo {
  const marked = (ctx as { [TOKEN_REQUEST]?: TokenRequestInfo })[TOKEN_REQUEST];
  if (marked) return marked;
  const grantType = ctx.oidc?.route === "token" ? ctx.oidc.params?.grant_type : undefined;
  if (grantType === "refresh_token") return { source: "RefreshTokens" };
  if (grantType === "client_credentials") return { source: "ClientCredentials" };
  // The authorization code exchange, and an ID token from the authorization endpoint itself.
  return { source: "HostedAuth" };
}

/** Claims no trigger may set or remove in an ID token (Cognito's own). */
export const RESERVED_ID_CLAIMS = new Set([
  "acr", "amr", "aud", "auth_time", "azp", "at_hash", "c_hash", "exp", "iat", "identities", "iss", "jti", "nbf", "nonce", "origin_jti",
  "sub", "token_use", "event_id", "cognito:username", "cognito:groups", "cognito:roles", "cognito:preferred_role",
]);
/** Claims no trigger may set or remove in an access token; scopes change through scopesToAdd / scopesToSuppress. */
export const RESERVED_ACCESS_CLAIMS = new Set([
  "acr", "amr", "aud", "auth_time", "azp", "client_id", "exp", "iat", "iss", "jti", "nbf", "nonce", "origin_jti", "scope", "sub",
  "token_use", "username", "version", "event_id", "cognito:username", "cognito:groups", "cognito:roles", "cognito:preferred_role",
]);
/** Scopes a trigger cannot grant: the Cognito API's self-service scope comes only from a user's own sign-in. */
const UNGRANTABLE_SCOPES = new Set(["aws.cognito.signin.user.admin"]);

const Claims = z.record(z.string(), z.json()).nullish();
const Names = z.array(z.string()).nullish();
const GroupOverride = z
  .object({ groupsToOverride: Names, iamRolesToOverride: Names, preferredRole: z.string().nullish() })
  .nullish();
const TokenGeneration = z.object({ claimsToAddOrOverride: Claims, claimsToSuppress: Names }).nullish();
const ResponseSchema = z.object({
  claimsOverrideDetails: z.object({ claimsToAddOrOverride: Claims, claimsToSuppress: Names, groupOverrideDetails: GroupOverride }).nullish(),
  claimsAndScopeOverrideDetails: z
    .object({
      idTokenGeneration: TokenGeneration,
      accessTokenGeneration: z.object({ claimsToAddOrOverride: Claims, claimsToSuppress: Names, scopesToAdd: Names, scopesToSuppress: Names }).nullish(),
      groupOverrideDetails: GroupOverride,
    })
    .nullish(),
});

type ClaimChanges = { add: Record<string, unknown>; suppress: string[] };
/** What the trigger answered, reduced to what may change. `groups` is null when the groups stand. */
export type TokenOverrides = {
  id: ClaimChanges;
  access: ClaimChanges & { scopesToAdd: string[]; scopesToSuppress: string[] };
  groups: { groups: string[]; roles: string[]; preferredRole: string | null } | null;
};

export type TokenUser = {
  username: string;
  attributes: Record<string, string>;
  groups: { name: string; roleArn: string | null }[];
};

const EVENT_VERSION: Record<TokenGenerationVersion, string> = { V1_0: "1", V2_0: "2", V3_0: "3" };

/**
 * Calls the pool's pre token generation trigger for one token request; null when there is none, or
 * when it does not apply (client credentials below V3_0).
 */
export async function runPreTokenGeneration(
  deps: TriggerDeps,
  pool: Pick<Pool, "id" | "triggers">,
  options: { request: TokenRequestInfo; clientId: string; user: TokenUser | null; scopes: string[] },
): Promise<TokenOverrides | null> {
  const trigger = pool.triggers.preTokenGeneration;
  if (!trigger) return null;
  const version = trigger.version ?? "V1_0";
  if (!options.user && version !== "V3_0") return null;
  const { user } = options;
  const roles = user?.groups.map((g) => g.roleArn).filter((r): r is string => !!r) ?? [];
  const request = {
    userAttributes: user?.attributes ?? {},
    groupConfiguration: { groupsToOverride: user?.groups.map((g) => g.name) ?? [], iamRolesToOverride: roles, preferredRole: roles[0] ?? null },
    ...(version === "V1_0" ? {} : { scopes: options.scopes }),
    ...(options.request.clientMetadata ? { clientMetadata: options.request.clientMetadata } : {}),
  };
  const event = cognitoEvent(pool, {
    triggerSource: `TokenGeneration_${options.request.source}`, userName: user?.username ?? "", clientId: options.clientId,
    request, response: {}, version: EVENT_VERSION[version],
  });
  // A client-credentials event has no user, so no userName (as Cognito's).
  if (!user) delete (event as { userName?: string }).userName;
  const answered = await invokeTrigger(deps, pool, "preTokenGeneration", event);
  if (!answered) return null;
  const parsed = ResponseSchema.safeParse(answered.response);
  if (!parsed.success) throw triggerFailed("preTokenGeneration", "the handler's response is not a pre token generation response");
  return overridesOf(parsed.data, version);
}

function overridesOf(response: z.infer<typeof ResponseSchema>, version: TokenGenerationVersion): TokenOverrides {
  // V1_0 answers claimsOverrideDetails (ID token only); V2_0 and V3_0 claimsAndScopeOverrideDetails.
  if (version === "V1_0") {
    const v1 = response.claimsOverrideDetails;
    return {
      id: { add: v1?.claimsToAddOrOverride ?? {}, suppress: v1?.claimsToSuppress ?? [] },
      access: { add: {}, suppress: [], scopesToAdd: [], scopesToSuppress: [] },
      groups: groupsOf(v1?.groupOverrideDetails),
    };
  }
  const v2 = response.claimsAndScopeOverrideDetails;
  const at = v2?.accessTokenGeneration;
  return {
    id: { add: v2?.idTokenGeneration?.claimsToAddOrOverride ?? {}, suppress: v2?.idTokenGeneration?.claimsToSuppress ?? [] },
    access: { add: at?.claimsToAddOrOverride ?? {}, suppress: at?.claimsToSuppress ?? [], scopesToAdd: at?.scopesToAdd ?? [], scopesToSuppress: at?.scopesToSuppress ?? [] },
    groups: groupsOf(v2?.groupOverrideDetails),
  };
}

function groupsOf(details: z.infer<typeof GroupOverride>): TokenOverrides["groups"] {
  if (!details) return null;
  return { groups: details.groupsToOverride ?? [], roles: details.iamRolesToOverride ?? [], preferredRole: details.preferredRole ?? null };
}

function applyClaims(payload: Record<string, unknown>, changes: ClaimChanges, reserved: Set<string>): void {
  for (const [name, value] of Object.entries(changes.add)) if (!reserved.has(name)) payload[name] = value;
  // A claim both added and suppressed is suppressed.
  for (const name of changes.suppress) if (!reserved.has(name)) delete payload[name];
}

/** The ID token's payload after the trigger's answer. */
export function applyIdTokenOverrides(payload: Record<string, unknown>, overrides: TokenOverrides): void {
  if (overrides.groups) {
    const { groups, roles, preferredRole } = overrides.groups;
    for (const claim of ["cognito:groups", "cognito:roles", "cognito:preferred_role"]) delete payload[claim];
    if (groups.length) payload["cognito:groups"] = groups;
    if (roles.length) payload["cognito:roles"] = roles;
    if (preferredRole) payload["cognito:preferred_role"] = preferredRole;
  }
  applyClaims(payload, overrides.id, RESERVED_ID_CLAIMS);
}

/** The access token's payload after the trigger's answer (groups in any version; claims and scopes from V2_0). */
export function applyAccessTokenOverrides(payload: Record<string, unknown>, overrides: TokenOverrides): void {
  if (overrides.groups) {
    delete payload["cognito:groups"];
    if (overrides.groups.groups.length) payload["cognito:groups"] = overrides.groups.groups;
  }
  applyClaims(payload, overrides.access, RESERVED_ACCESS_CLAIMS);
  const { scopesToAdd, scopesToSuppress } = overrides.access;
  if (scopesToAdd.length || scopesToSuppress.length) {
    const scopes = (typeof payload.scope === "string" ? payload.scope : "").split(" ").filter(Boolean);
    const suppressed = new Set(scopesToSuppress);
    const next = [...scopes, ...scopesToAdd.filter((s) => /^[\x21\x23-\x5b\x5d-\x7e]+$/.test(s) && !UNGRANTABLE_SCOPES.has(s) && !scopes.includes(s))]
      .filter((s) => !suppressed.has(s));
    if (next.length) payload.scope = [...new Set(next)].join(" ");
    else delete payload.scope;
  }
}

/** Whether an error is a trigger's refusal (shown to the caller), not a fault of ours. */
export function isTriggerFailure(error: unknown): error is AppError {
  return error instanceof AppError && error.code === "UserLambdaValidationException";
}
