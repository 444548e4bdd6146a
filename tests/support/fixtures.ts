// The pools, clients and users the integration and end-to-end tests run against, applied through
// GATEHOUSE_CONFIG exactly as an operator would.
export const CALLBACK = "http://localhost:4000/callback";
export const LOGOUT = "http://localhost:4000/";
export const POOL = "local_Test00001";
export const MFA_POOL = "local_Mfa000001";
export const USERNAME_POOL = "local_Users0001";
/** Remembered devices: MFA ON, the user may tick "Remember this device", which then skips MFA. */
export const DEVICE_POOL = "local_Remember1";
/** Choice-based sign-in: passkeys and email codes beside the password (e2e/passkeys.spec.ts). */
export const PASSKEY_POOL = "local_Passkeys1";
export const PASSWORD = "Passw0rd!";
export const CONFIDENTIAL_SECRET = "confidential-secret-0123456789";
export const MACHINE_SECRET = "machine-secret-0123456789abcdef";

const policy = { minLength: 8, requireLowercase: true, requireUppercase: true, requireNumbers: true, requireSymbols: false };

export function testConfig() {
  return {
    pools: [
      {
        id: POOL,
        name: "Acme",
        signInAliases: ["email"],
        autoVerifiedAttributes: ["email"],
        selfSignUp: true,
        mfa: "OFF",
        passwordPolicy: policy,
        customAttributes: [{ name: "tier", type: "String", mutable: true }],
        resourceServers: [{ identifier: "https://api.example.com", name: "API", scopes: [{ name: "read", description: "Read things" }, { name: "write", description: "Write things" }] }],
        groups: [
          { name: "admins", precedence: 1, description: "", roleArn: "arn:aws:iam::123456789012:role/Admin" },
          { name: "staff", precedence: 5, description: "" },
        ],
        clients: [
          {
            clientId: "web", clientSecret: null, name: "Acme web",
            callbackUrls: [CALLBACK], logoutUrls: [LOGOUT], allowedOAuthFlows: ["code", "implicit"],
            allowedScopes: ["openid", "email", "profile", "phone", "aws.cognito.signin.user.admin", "https://api.example.com/read"],
          },
          {
            clientId: "confidential", clientSecret: CONFIDENTIAL_SECRET, name: "Acme server app",
            callbackUrls: [CALLBACK], logoutUrls: [LOGOUT], allowedOAuthFlows: ["code"],
            allowedScopes: ["openid", "email", "profile"], refreshTokenRotation: true,
            accessTokenValidity: 600, idTokenValidity: 900,
          },
          {
            clientId: "machine", clientSecret: MACHINE_SECRET, name: "Acme worker",
            allowedOAuthFlows: ["client_credentials"], allowedScopes: ["https://api.example.com/read"],
          },
        ],
        users: [
          { username: "alice", password: PASSWORD, attributes: { email: "alice@example.com", email_verified: "true", given_name: "Alice", "custom:tier": "gold" }, groups: ["staff", "admins"] },
          { username: "temp", temporaryPassword: "Temp0rary!", attributes: { email: "temp@example.com", email_verified: "true" } },
          { username: "disabled", password: PASSWORD, enabled: false, attributes: { email: "disabled@example.com", email_verified: "true" } },
          { username: "forgetful", password: PASSWORD, attributes: { email: "forgetful@example.com", email_verified: "true" } },
          { username: "locked", password: PASSWORD, attributes: { email: "locked@example.com", email_verified: "true" } },
        ],
      },
      {
        id: MFA_POOL,
        name: "Secure Co",
        signInAliases: ["email"],
        autoVerifiedAttributes: ["email"],
        mfa: "ON",
        passwordPolicy: policy,
        clients: [{ clientId: "secure-web", name: "Secure web", callbackUrls: [CALLBACK], logoutUrls: [LOGOUT], allowedOAuthFlows: ["code"], allowedScopes: ["openid", "email"] }],
        users: [
          { username: "bob", password: PASSWORD, attributes: { email: "bob@example.com", email_verified: "true" } },
          { username: "dave", password: PASSWORD, attributes: { email: "dave@example.com", email_verified: "true" } },
        ],
      },
      {
        id: DEVICE_POOL,
        name: "Remember Co",
        signInAliases: ["email"],
        autoVerifiedAttributes: ["email"],
        mfa: "ON",
        deviceTracking: "USER_OPT_IN",
        skipMfaOnRememberedDevices: true,
        passwordPolicy: policy,
        clients: [{ clientId: "remember-web", name: "Remember web", callbackUrls: [CALLBACK], logoutUrls: [LOGOUT], allowedOAuthFlows: ["code"], allowedScopes: ["openid", "email"] }],
        users: ["rita", "rex", "ruth"].map((username) => ({ username, password: PASSWORD, attributes: { email: `${username}@example.com`, email_verified: "true" } })),
      },
      {
        id: USERNAME_POOL,
        name: "Usernames Inc",
        signInAliases: ["username", "email"],
        autoVerifiedAttributes: ["email"],
        passwordPolicy: policy,
        clients: [{ clientId: "names-web", name: "Names web", callbackUrls: [CALLBACK], allowedOAuthFlows: ["code"], allowedScopes: ["openid", "email", "profile"] }],
        users: [
          { username: "carol", password: PASSWORD, attributes: { email: "carol@example.com", email_verified: "true" } },
          // Imported without a password (RESET_REQUIRED): sets one through "Forgot password".
          { username: "dave", attributes: { email: "dave@example.com", email_verified: "true" } },
        ],
      },
      {
        id: PASSKEY_POOL,
        name: "Passkey Co",
        signInAliases: ["email"],
        autoVerifiedAttributes: ["email"],
        mfa: "OPTIONAL",
        signInMethods: ["PASSWORD", "PASSKEY", "EMAIL_OTP"],
        passwordPolicy: policy,
        clients: [{ clientId: "passkey-web", name: "Passkey web", callbackUrls: [CALLBACK], logoutUrls: [LOGOUT], allowedOAuthFlows: ["code"], allowedScopes: ["openid", "email"] }],
        users: [
          { username: "pia", password: PASSWORD, attributes: { email: "pia@example.com", email_verified: "true" } },
          { username: "pete", password: PASSWORD, attributes: { email: "pete@example.com", email_verified: "true" } },
          { username: "paula", password: PASSWORD, attributes: { email: "paula@example.com", email_verified: "true" } },
        ],
      },
    ],
  };
}
