// Which role an identity's credentials are for, as Cognito Identity decides it: guests get the
// unauthenticated role; a signed-in identity gets the role its provider's mapping chooses — from
// the token (`cognito:preferred_role`, or `customRoleArn` when it is among `cognito:roles`) or by
// rules (first match wins) — and otherwise, or when the mapping cannot decide and says
// AuthenticatedRole, the authenticated role. A mapping that cannot decide and says Deny refuses.
import { AppError } from "../errors.ts";
import type { IdentityPool, MappingRule, RoleMapping } from "./config.ts";
import type { VerifiedLogin } from "./logins.ts";

const badConfiguration = () => new AppError("InvalidIdentityPoolConfigurationException", "Invalid identity pool configuration. Check assigned IAM roles for this pool.");
// `field: "role"` marks a refusal of the role, not of the token: the token was good, the role is not
// for this user (`/token-to-credentials` answers 403 for these, 401 for a refused token).
export const ROLE_REFUSED = "role";
const denied = () => new AppError("NotAuthorizedException", "The ambiguous role mapping rules denied this request.", { field: ROLE_REFUSED });

/** A claim's values as strings: a list (cognito:groups) is its items, anything else its one string form. */
function claimValues(claims: Record<string, unknown>, claim: string): string[] {
  const value = claims[claim];
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value.map(String);
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- a claim holding an object compares by its string form, which matches no rule (as in Cognito)
  return [String(value)];
}

export function ruleMatches(rule: Pick<MappingRule, "claim" | "matchType" | "value">, claims: Record<string, unknown>): boolean {
  const values = claimValues(claims, rule.claim);
  switch (rule.matchType) {
    case "Equals":
      return values.includes(rule.value);
    case "Contains":
      return values.some((v) => v.includes(rule.value));
    case "StartsWith":
      return values.some((v) => v.startsWith(rule.value));
    case "NotEqual":
      // A claim the token does not have is not equal to anything.
      return !values.includes(rule.value);
  }
}

/** The role a mapping chooses for a token's claims, or null when it cannot decide. */
function mappedRole(mapping: RoleMapping, claims: Record<string, unknown>, customRoleArn: string | undefined): string | null {
  if (mapping.type === "Token") {
    const roles = claimValues(claims, "cognito:roles");
    if (customRoleArn) {
      if (!roles.includes(customRoleArn)) throw new AppError("NotAuthorizedException", "The role requested is not among the roles in the token (cognito:roles).", { field: ROLE_REFUSED });
      return customRoleArn;
    }
    const preferred = claims["cognito:preferred_role"];
    if (typeof preferred === "string") return preferred;
    return roles.length === 1 ? roles[0]! : null;
  }
  const rule = mapping.rules.find((r) => ruleMatches(r, claims));
  return rule?.roleArn ?? null;
}

export type RoleChoice = { roleArn: string; authenticated: boolean };

export function chooseRole(identityPool: IdentityPool, logins: VerifiedLogin[], customRoleArn?: string): RoleChoice {
  if (logins.length === 0) {
    if (!identityPool.roles.unauthenticated) throw badConfiguration();
    // A guest asking for another role (the authenticated one, say) is refused, not quietly given the guest role.
    if (customRoleArn && customRoleArn !== identityPool.roles.unauthenticated) throw new AppError("NotAuthorizedException", "The role requested cannot be assumed by this identity.", { field: ROLE_REFUSED });
    return { roleArn: identityPool.roles.unauthenticated, authenticated: false };
  }
  for (const login of logins) {
    if (login.kind !== "user-pool") continue;
    const mapping = identityPool.roleMappings[`${login.poolId}:${login.clientId}`];
    if (!mapping) continue;
    const role = mappedRole(mapping, login.claims, customRoleArn);
    if (role) {
      // A rule's role is the role: a customRoleArn asking for another is refused, not quietly overridden.
      if (customRoleArn && role !== customRoleArn) throw new AppError("NotAuthorizedException", "The role requested cannot be assumed by this identity.", { field: ROLE_REFUSED });
      return { roleArn: role, authenticated: true };
    }
    if (mapping.ambiguousRoleResolution === "Deny") throw denied();
  }
  if (!identityPool.roles.authenticated) throw badConfiguration();
  // A custom role outside a Token mapping can only be the authenticated role itself.
  if (customRoleArn && customRoleArn !== identityPool.roles.authenticated) throw new AppError("NotAuthorizedException", "The role requested cannot be assumed by this identity.", { field: ROLE_REFUSED });
  return { roleArn: identityPool.roles.authenticated, authenticated: true };
}
