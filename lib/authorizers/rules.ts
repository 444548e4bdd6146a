// Which rule covers a request, and whether a token or a set of credentials meets it. Pure.
//
// A rule's path is exact (`/orders`, which also covers `/orders/`), or ends in `/*`: `/orders/*`
// covers `/orders` itself and everything below it (`/orders/1`, `/orders/a/b`), since an API
// that answers below /orders almost always answers at /orders too, and a rule that left it out
// would leave it open. Paths compare case-sensitively, after authorizerPath (request-path.ts).
// A rule for GET also covers HEAD, which servers answer with the GET handler. The first rule that
// covers a request decides; none covering it means a valid token (or signature) is enough.
import type { IamRule, TokenRule } from "./config.ts";

type Rule = { methods?: readonly string[] | undefined; path: string };

export function ruleCovers(rule: Rule, request: { method: string; path: string }): boolean {
  const method = request.method.toUpperCase();
  if (rule.methods && !rule.methods.includes(method) && !(method === "HEAD" && rule.methods.includes("GET"))) return false;
  const path = request.path.length > 1 && request.path.endsWith("/") ? request.path.slice(0, -1) : request.path;
  if (rule.path.endsWith("/*")) {
    const base = rule.path.slice(0, -2);
    // `/*` alone covers every path.
    return base === "" || path === base || path.startsWith(`${base}/`);
  }
  const exact = rule.path.length > 1 && rule.path.endsWith("/") ? rule.path.slice(0, -1) : rule.path;
  return path === exact;
}

export function firstRule<R extends Rule>(rules: readonly R[], request: { method: string; path: string }): R | null {
  return rules.find((rule) => ruleCovers(rule, request)) ?? null;
}

/** Why a token does not meet its rule (for the 403's message), or null when it does. */
export function unmetTokenRule(rule: TokenRule, token: { scopes: readonly string[]; groups: readonly string[] }): string | null {
  const missing = (rule.scopes ?? []).filter((scope) => !token.scopes.includes(scope));
  if (missing.length) return `The token lacks the scope${missing.length > 1 ? "s" : ""} ${missing.join(", ")} that ${rule.path} needs`;
  if (rule.groups?.length && !rule.groups.some((group) => token.groups.includes(group)))
    return `The user is not in ${rule.groups.length > 1 ? "any of the groups" : "the group"} ${rule.groups.join(", ")} that ${rule.path} needs`;
  return null;
}

/** Why credentials do not meet their rule, or null when they do. */
export function unmetIamRule(rule: IamRule, credentials: { roleArn: string }): string | null {
  if (rule.roles?.length && !rule.roles.includes(credentials.roleArn))
    return `The credentials' role is not ${rule.roles.length > 1 ? "one of " : ""}${rule.roles.join(", ")}, which ${rule.path} needs`;
  return null;
}

/** An access token's `scope` (space-separated) and the `cognito:groups` claim, as lists. */
export function scopesAndGroups(claims: Record<string, unknown>): { scopes: string[]; groups: string[] } {
  const scope = typeof claims.scope === "string" ? claims.scope.split(" ").filter(Boolean) : [];
  const groups = Array.isArray(claims["cognito:groups"]) ? claims["cognito:groups"].filter((g): g is string => typeof g === "string") : [];
  return { scopes: scope, groups };
}
