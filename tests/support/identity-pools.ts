// What the identity-pool tests share: a user pool whose users carry the claims the role mappings
// read (custom:dept, a group with a role), identity pools trusting some of its clients, the AWS
// SDK's Cognito Identity client pointed at Gatehouse, ID tokens from a real sign-in, and a look
// inside local credentials (the session token is sealed with the server's GATEHOUSE_SECRET, which
// the test holds) to see which role and identity they were issued for.
import assert from "node:assert/strict";
import { CognitoIdentityClient } from "@aws-sdk/client-cognito-identity";
import { InitiateAuthCommand } from "@aws-sdk/client-cognito-identity-provider";
import { openLocalCredentials, type OpenedCredentials } from "../../lib/identity-pools/local-credentials.ts";
import { createSecrets } from "../../lib/security/secrets.ts";
import { sdkClient } from "./cognito-api.ts";
import type { RunningServer } from "./server.ts";

export const USER_POOL = "local_Idp000001";
/** A second user pool the open identity pool also trusts (one identity may link a login of each). */
export const SECOND_POOL = "local_Idp000002";
export const PASSWORD = "Passw0rd!";
/** Guests allowed, the basic flow allowed, a developer provider, every kind of role mapping. */
export const OPEN_POOL = "eu-west-1:11111111-1111-4111-8111-111111111111";
/** No guests, no basic flow, one client. */
export const CLOSED_POOL = "eu-west-1:22222222-2222-4222-8222-222222222222";
export const DEVELOPER = "login.example";
const ARN = (name: string) => `arn:aws:iam::123456789012:role/${name}`;
export const ROLES = { user: ARN("AppUser"), guest: ARN("AppGuest"), eng: ARN("Eng"), admins: ARN("Admins"), other: ARN("Other") };

const client = (clientId: string) => ({
  clientId, clientSecret: null, name: clientId, callbackUrls: ["http://localhost:4000/callback"], logoutUrls: [], allowedOAuthFlows: ["code"],
  allowedScopes: ["openid", "email", "profile", "aws.cognito.signin.user.admin"],
  explicitAuthFlows: ["ALLOW_USER_SRP_AUTH", "ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
});

export function identityPoolsConfig() {
  const user = (username: string, dept: string, groups: string[] = []) => ({
    username, password: PASSWORD, attributes: { email: `${username}@example.com`, email_verified: "true", "custom:dept": dept }, groups,
  });
  return {
    pools: [{
      id: USER_POOL, name: "Idp", signInAliases: ["email"], autoVerifiedAttributes: ["email"], selfSignUp: false, mfa: "OFF",
      passwordPolicy: { minLength: 8, requireLowercase: true, requireUppercase: true, requireNumbers: true, requireSymbols: false },
      customAttributes: [{ name: "dept", type: "String", mutable: true }],
      groups: [{ name: "admins", precedence: 1, description: "Admins", roleArn: ROLES.admins }],
      // web: Rules mapping, checked server-side; nocheck: not checked server-side; tokens: Token
      // mapping; strict: Rules mapping that denies when no rule matches; other: not trusted at all.
      clients: ["web", "nocheck", "tokens", "strict", "other"].map(client),
      users: [user("alice", "eng"), user("bob", "sales", ["admins"]), user("carol", "sales"), user("dave", "eng"), user("erin", "sales"), user("frank", "eng")],
    }, {
      id: SECOND_POOL, name: "Idp two", signInAliases: ["email"], autoVerifiedAttributes: ["email"], selfSignUp: false, mfa: "OFF",
      passwordPolicy: { minLength: 8, requireLowercase: true, requireUppercase: true, requireNumbers: true, requireSymbols: false },
      customAttributes: [{ name: "dept", type: "String", mutable: true }],
      clients: [client("web2")],
      users: [user("zed", "eng")],
    }],
    identityPools: [
      {
        id: OPEN_POOL, name: "open", allowUnauthenticatedIdentities: true, allowClassicFlow: true, developerProviderName: DEVELOPER,
        providers: [
          { poolId: USER_POOL, clientId: "web" }, { poolId: USER_POOL, clientId: "nocheck", serverSideTokenCheck: false },
          { poolId: USER_POOL, clientId: "tokens" }, { poolId: USER_POOL, clientId: "strict" }, { poolId: SECOND_POOL, clientId: "web2" },
        ],
        roles: { authenticated: ROLES.user, unauthenticated: ROLES.guest },
        roleMappings: {
          [`${USER_POOL}:web`]: { type: "Rules", ambiguousRoleResolution: "AuthenticatedRole", rules: [{ claim: "custom:dept", matchType: "Equals", value: "eng", roleArn: ROLES.eng }] },
          [`${USER_POOL}:tokens`]: { type: "Token", ambiguousRoleResolution: "AuthenticatedRole" },
          [`${USER_POOL}:strict`]: { type: "Rules", ambiguousRoleResolution: "Deny", rules: [{ claim: "custom:dept", matchType: "Equals", value: "eng", roleArn: ROLES.eng }] },
        },
      },
      {
        id: CLOSED_POOL, name: "closed", allowUnauthenticatedIdentities: false, providers: [{ poolId: USER_POOL, clientId: "web" }],
        roles: { authenticated: ROLES.user },
      },
    ],
  };
}

/** The Logins key of the test's user pool: its issuer without the scheme. */
export const loginsKey = (server: RunningServer, poolId = USER_POOL) => `${server.url.replace(/^https?:\/\//, "")}/${poolId}`;

/** The AWS SDK's Cognito Identity client as an app configures it for Gatehouse (signed when given credentials). */
export function identityClient(server: RunningServer, credentials?: { accessKeyId: string; secretAccessKey: string }) {
  return new CognitoIdentityClient({
    endpoint: server.url, region: "eu-west-1", maxAttempts: 1,
    ...(credentials ? { credentials } : { credentials: { accessKeyId: "unused", secretAccessKey: "unused" } }),
  });
}

/** A user's ID and access tokens from a real sign-in at one of the user pool's clients. */
export async function signIn(server: RunningServer, username: string, clientId = "web"): Promise<{ idToken: string; accessToken: string }> {
  const answer = await sdkClient(server).send(new InitiateAuthCommand({ AuthFlow: "USER_PASSWORD_AUTH", ClientId: clientId, AuthParameters: { USERNAME: `${username}@example.com`, PASSWORD } }));
  const { IdToken, AccessToken } = answer.AuthenticationResult ?? {};
  assert.ok(IdToken && AccessToken, "signed in");
  return { idToken: IdToken, accessToken: AccessToken };
}

/** What local credentials were issued for (identity, role), read as Gatehouse reads them. */
type AnyCredentials = { accessKeyId?: string | undefined; sessionToken?: string | undefined } | { AccessKeyId?: string | undefined; SessionToken?: string | undefined };

export function opened(server: RunningServer, credentials: AnyCredentials): OpenedCredentials {
  // The SDK's GetCredentialsForIdentity answer spells them AccessKeyId/SessionToken, credential providers accessKeyId/sessionToken.
  const [accessKeyId, sessionToken] = "AccessKeyId" in credentials || "SessionToken" in credentials
    ? [credentials.AccessKeyId, credentials.SessionToken]
    : [(credentials as { accessKeyId?: string }).accessKeyId, (credentials as { sessionToken?: string }).sessionToken];
  const result = openLocalCredentials(createSecrets(server.shared.GATEHOUSE_SECRET), accessKeyId ?? "", sessionToken ?? "");
  assert.ok(result.ok, "the credentials are Gatehouse's own and live");
  return result.credentials;
}
