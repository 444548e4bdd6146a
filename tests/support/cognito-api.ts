// What the Cognito API tests share: a pool set-up applied through GATEHOUSE_CONFIG, and the real
// AWS SDK client pointed at the server, as an app would point it (endpoint = PUBLIC_URL).
import assert from "node:assert/strict";
import { CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import type { RunningServer } from "./server.ts";

export const API_POOL = "local_Api000001";
export const API_MFA_POOL = "local_ApiMfa001";
export const API_USERNAME_POOL = "local_ApiUser01";
export const API_PASSWORD = "Passw0rd!";
export const BACKEND_SECRET = "backend-secret-0123456789abcdefghij";
export const ALL_FLOWS = ["ALLOW_USER_SRP_AUTH", "ALLOW_USER_PASSWORD_AUTH", "ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_CUSTOM_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"];

const policy = { minLength: 8, requireLowercase: true, requireUppercase: true, requireNumbers: true, requireSymbols: false };
const client = (clientId: string, extra: Record<string, unknown> = {}) => ({
  clientId, clientSecret: null, name: clientId, callbackUrls: ["http://localhost:4000/callback"], logoutUrls: ["http://localhost:4000/"],
  allowedOAuthFlows: ["code"], allowedScopes: ["openid", "email", "profile", "aws.cognito.signin.user.admin"], explicitAuthFlows: ALL_FLOWS, ...extra,
});

export function cognitoApiConfig() {
  return {
    pools: [
      {
        id: API_POOL, name: "Api", signInAliases: ["email"], autoVerifiedAttributes: ["email"], selfSignUp: true, mfa: "OPTIONAL", passwordPolicy: policy,
        customAttributes: [{ name: "tier", type: "String", mutable: true }],
        groups: [{ name: "staff", precedence: 5, description: "Staff" }],
        clients: [
          client("spa"),
          client("backend", { clientSecret: BACKEND_SECRET, refreshTokenRotation: true }),
          client("srponly", { explicitAuthFlows: ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"] }),
          client("legacy", { preventUserExistenceErrors: "LEGACY" }),
        ],
        users: [
          { username: "alice", password: API_PASSWORD, attributes: { email: "alice@example.com", email_verified: "true", given_name: "Alice", "custom:tier": "gold" }, groups: ["staff"] },
          { username: "temp", temporaryPassword: "Temp0rary!", attributes: { email: "temp@example.com", email_verified: "true" } },
          { username: "disabled", password: API_PASSWORD, enabled: false, attributes: { email: "disabled@example.com", email_verified: "true" } },
        ],
      },
      {
        id: API_MFA_POOL, name: "Api MFA", signInAliases: ["username"], autoVerifiedAttributes: ["email"], selfSignUp: true, mfa: "ON", passwordPolicy: policy,
        clients: [client("mfa-spa")],
        users: [{ username: "mona", password: API_PASSWORD, attributes: { email: "mona@example.com", email_verified: "true" } }],
      },
      {
        id: API_USERNAME_POOL, name: "Api usernames", signInAliases: ["username", "email"], autoVerifiedAttributes: ["email"], selfSignUp: true, mfa: "OFF", passwordPolicy: policy,
        clients: [client("named")],
        users: [{ username: "carol", password: API_PASSWORD, attributes: { email: "carol@example.com", email_verified: "true" } }],
      },
    ],
  };
}

/** The AWS SDK's client as an app configures it for Gatehouse. */
export function sdkClient(server: RunningServer, credentials?: { accessKeyId: string; secretAccessKey: string }) {
  return new CognitoIdentityProviderClient({
    endpoint: server.url, region: "eu-west-1",
    credentials: credentials ?? { accessKeyId: "unused", secretAccessKey: "unused" },
    maxAttempts: 1,
  });
}

/** The error a call fails with: Cognito's exception name and message, as the SDK reports them. */
export async function refusal(call: Promise<unknown>): Promise<{ name: string; message: string }> {
  try {
    await call;
  } catch (error) {
    return { name: (error as Error).name, message: (error as Error).message };
  }
  assert.fail("the call succeeded");
}
