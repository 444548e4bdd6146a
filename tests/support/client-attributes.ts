// What the client-attribute tests share: a pool with a mutable and an immutable custom attribute and
// clients with different read/write permissions, and an admin API client with an API key.
import { CALLBACK, PASSWORD } from "./fixtures.ts";
import { ADMIN_EMAIL, ADMIN_PASSWORD, apiClient, createApiKey } from "./console.ts";
import type { RunningServer } from "./server.ts";

export const ATTRS_POOL = "local_Attrs0001";
export const ADMIN_ENV = { GATEHOUSE_ADMIN_EMAIL: ADMIN_EMAIL, GATEHOUSE_ADMIN_PASSWORD: ADMIN_PASSWORD };

const scopes = ["openid", "email", "profile", "aws.cognito.signin.user.admin"];
const client = (clientId: string, extra: object = {}) => ({ clientId, name: clientId, callbackUrls: [CALLBACK], allowedOAuthFlows: ["code"], allowedScopes: scopes, ...extra });

/** Users sign in by email (so email is required); custom:tier is mutable, custom:tenant immutable. */
export function attributesPool(users: object[] = []) {
  return {
    id: ATTRS_POOL,
    name: "Attributes",
    signInAliases: ["email"],
    autoVerifiedAttributes: ["email"],
    passwordPolicy: { minLength: 8, requireLowercase: true, requireUppercase: true, requireNumbers: true, requireSymbols: false },
    customAttributes: [
      { name: "tier", type: "String", mutable: true },
      { name: "tenant", type: "String", mutable: false },
    ],
    clients: [
      // The default: reads everything, writes the standard attributes.
      client("default-web"),
      client("custom-writer", { writeAttributes: ["email", "given_name", "custom:tier", "custom:tenant"] }),
      client("email-only", { readAttributes: ["email", "email_verified"], writeAttributes: ["email"] }),
    ],
    users: [
      {
        username: "ada", password: PASSWORD,
        attributes: { email: "ada@example.com", email_verified: "true", given_name: "Ada", family_name: "Lovelace", "custom:tier": "gold", "custom:tenant": "acme" },
      },
      ...users,
    ],
  };
}

/** An admin API client with a fresh API key (the console admin comes from ADMIN_ENV). */
export async function adminApi(server: RunningServer) {
  return apiClient(server.url, await createApiKey(server.url, "attribute tests"));
}
