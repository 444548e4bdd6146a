// What the /token-to-credentials and STS tests share: a user pool whose ID tokens identity pools
// trust, identity pools (Rules mapping, Deny, guests), ID tokens got the way an app gets them
// (the AWS SDK's InitiateAuth USER_PASSWORD_AUTH), and plain HTTP calls of the route.
import { CognitoIdentityProviderClient, InitiateAuthCommand } from "@aws-sdk/client-cognito-identity-provider";
import type { RunningServer } from "./server.ts";

export const CREDS_POOL = "local_Creds0001";
export const CREDS_CLIENT = "web";
export const CREDS_PASSWORD = "Passw0rd!";
export const ROLE = (name: string) => `arn:aws:iam::123456789012:role/${name}`;
/** Guests allowed; custom:dept "eng" maps to Eng, anyone else gets AppUser. */
export const OPEN_POOL = "local:0a0a0a0a-1b1b-4c2c-8d3d-4e4e4e4e4e4e";
/** No guests; the same rule, but a user it does not match is denied. */
export const DENY_POOL = "local:0d0d0d0d-1b1b-4c2c-8d3d-4e4e4e4e4e4e";

const policy = { minLength: 8, requireLowercase: true, requireUppercase: true, requireNumbers: true, requireSymbols: false };
const rules = (ambiguousRoleResolution: "AuthenticatedRole" | "Deny") => ({
  [`${CREDS_POOL}:${CREDS_CLIENT}`]: {
    type: "Rules", ambiguousRoleResolution,
    rules: [{ claim: "custom:dept", matchType: "Equals", value: "eng", roleArn: ROLE("Eng") }],
  },
});

export function userPoolConfig() {
  return {
    id: CREDS_POOL, name: "Creds", signInAliases: ["username"], autoVerifiedAttributes: ["email"], selfSignUp: false, mfa: "OFF", passwordPolicy: policy,
    customAttributes: [{ name: "dept", type: "String", mutable: true }],
    clients: [{
      clientId: CREDS_CLIENT, clientSecret: null, name: "web", callbackUrls: ["http://localhost:4000/callback"], logoutUrls: ["http://localhost:4000/"],
      allowedOAuthFlows: ["code"], allowedScopes: ["openid", "email", "profile", "aws.cognito.signin.user.admin"],
      explicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
    }],
    users: ["alice:eng", "bob:sales", "carol:eng", "dave:sales", "erin:eng"].map((entry) => {
      const [username, dept] = entry.split(":") as [string, string];
      return { username, password: CREDS_PASSWORD, attributes: { email: `${username}@example.com`, email_verified: "true", "custom:dept": dept } };
    }),
  };
}

export function identityPoolConfig(id: string, extra: Record<string, unknown> = {}) {
  return {
    id, name: id === DENY_POOL ? "deny" : "open", allowUnauthenticatedIdentities: id !== DENY_POOL,
    providers: [{ poolId: CREDS_POOL, clientId: CREDS_CLIENT }],
    roles: { authenticated: ROLE("AppUser"), unauthenticated: ROLE("AppGuest") },
    roleMappings: rules(id === DENY_POOL ? "Deny" : "AuthenticatedRole"),
    ...extra,
  };
}

export function credentialsConfig() {
  return { pools: [userPoolConfig()], identityPools: [identityPoolConfig(OPEN_POOL), identityPoolConfig(DENY_POOL)] };
}

/** An ID and access token as an app gets them: InitiateAuth USER_PASSWORD_AUTH through the AWS SDK. */
export async function signIn(server: RunningServer, username: string): Promise<{ idToken: string; accessToken: string }> {
  const client = new CognitoIdentityProviderClient({ endpoint: server.url, region: "us-east-1", credentials: { accessKeyId: "unused", secretAccessKey: "unused" }, maxAttempts: 1 });
  try {
    const answer = await client.send(new InitiateAuthCommand({ ClientId: CREDS_CLIENT, AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: username, PASSWORD: CREDS_PASSWORD } }));
    return { idToken: answer.AuthenticationResult!.IdToken!, accessToken: answer.AuthenticationResult!.AccessToken! };
  } finally {
    client.destroy();
  }
}

export type CredentialsBody = {
  identityId: string; roleArn: string;
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken: string; expiration: string };
};

/** `POST /token-to-credentials` with a JSON body (and headers), answering the status and the parsed body. */
export async function tokenToCredentials(server: RunningServer, body: unknown, options: { headers?: Record<string, string>; query?: string } = {}) {
  const response = await fetch(`${server.url}/token-to-credentials${options.query ?? ""}`, {
    method: "POST", headers: { "content-type": "application/json", ...options.headers }, body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as Record<string, unknown> };
}

/** The credentials of a 200 answer, as the AWS SDK takes them. */
export function sdkCredentials(body: Record<string, unknown>) {
  const c = (body as CredentialsBody).credentials;
  return { accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey, sessionToken: c.sessionToken };
}
