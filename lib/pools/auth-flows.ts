// Cognito's ExplicitAuthFlows: which of InitiateAuth's (and AdminInitiateAuth's) flows an app
// client accepts. The hosted pages and the OAuth endpoints are not limited by it, as in Cognito.
import { z } from "zod";

export const EXPLICIT_AUTH_FLOWS = [
  "ALLOW_USER_SRP_AUTH",
  "ALLOW_USER_PASSWORD_AUTH",
  "ALLOW_ADMIN_USER_PASSWORD_AUTH",
  "ALLOW_CUSTOM_AUTH",
  "ALLOW_REFRESH_TOKEN_AUTH",
  "ALLOW_USER_AUTH",
] as const;
export type ExplicitAuthFlow = (typeof EXPLICIT_AUTH_FLOWS)[number];

/** Cognito's, for a client created without ExplicitAuthFlows. */
export const DEFAULT_EXPLICIT_AUTH_FLOWS: readonly ExplicitAuthFlow[] = ["ALLOW_USER_SRP_AUTH", "ALLOW_CUSTOM_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"];

export const ExplicitAuthFlowsSchema = z
  .array(z.enum(EXPLICIT_AUTH_FLOWS, { error: (issue) => `unknown auth flow ${JSON.stringify(issue.input)}; use ${EXPLICIT_AUTH_FLOWS.join(", ")}` }))
  .default(() => [...DEFAULT_EXPLICIT_AUTH_FLOWS]);

/** InitiateAuth's AuthFlow values, the legacy spellings included. */
export const AUTH_FLOWS = [
  "USER_SRP_AUTH",
  "USER_PASSWORD_AUTH",
  "ADMIN_USER_PASSWORD_AUTH",
  "ADMIN_NO_SRP_AUTH",
  "CUSTOM_AUTH",
  "REFRESH_TOKEN_AUTH",
  "REFRESH_TOKEN",
  "USER_AUTH",
] as const;
export type AuthFlow = (typeof AUTH_FLOWS)[number];
export const AuthFlowSchema = z.enum(AUTH_FLOWS);

const ALLOWED_BY: Record<AuthFlow, ExplicitAuthFlow> = {
  USER_SRP_AUTH: "ALLOW_USER_SRP_AUTH",
  USER_PASSWORD_AUTH: "ALLOW_USER_PASSWORD_AUTH",
  ADMIN_USER_PASSWORD_AUTH: "ALLOW_ADMIN_USER_PASSWORD_AUTH",
  // Cognito's older name for the same flow.
  ADMIN_NO_SRP_AUTH: "ALLOW_ADMIN_USER_PASSWORD_AUTH",
  CUSTOM_AUTH: "ALLOW_CUSTOM_AUTH",
  REFRESH_TOKEN_AUTH: "ALLOW_REFRESH_TOKEN_AUTH",
  REFRESH_TOKEN: "ALLOW_REFRESH_TOKEN_AUTH",
  // Choice-based sign-in: its password and SRP steps need no other setting (Cognito's rule).
  USER_AUTH: "ALLOW_USER_AUTH",
};

/** Whether the client's explicitAuthFlows let it start `flow`. */
export function authFlowAllowed(client: { explicitAuthFlows: readonly string[] }, flow: AuthFlow): boolean {
  return client.explicitAuthFlows.includes(ALLOWED_BY[flow]);
}
