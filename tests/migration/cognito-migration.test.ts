// Users moving in from a live Cognito user pool (a pool's migrateFrom) without a password reset,
// against a real old pool: a second Gatehouse, which speaks the Cognito API, with its own database,
// standing in for AWS. The new Gatehouse reaches it through the AWS SDK with the default credential
// chain (an admin API key of the old one, in a shared credentials file written once the key exists).
import { after, before, describe, test } from "node:test";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import {
  AdminDisableUserCommand, AdminGetUserCommand, AdminListGroupsForUserCommand, AssociateSoftwareTokenCommand, ForgotPasswordCommand, GetGroupCommand,
  CognitoIdentityProviderClient, InitiateAuthCommand, ListUsersCommand, RespondToAuthChallengeCommand, VerifySoftwareTokenCommand, type AttributeType,
} from "@aws-sdk/client-cognito-identity-provider";
import { decodeJwt } from "jose";
import { TestBrowser, flashOf } from "../support/browser.ts";
import { ADMIN_ENV, createSigningKey, type SigningKey } from "../support/cognito-admin.ts";
import { nextTotpCode, totpCode } from "../support/cognito-clients.ts";
import { latestCode } from "../support/codes.ts";
import { pkceAuthorizeRequest } from "../support/oauth.ts";
import { freePort, startServer, type RunningServer } from "../support/server.ts";

export const OLD_POOL = "local_OldPool01";
export const NEW_POOL = "local_NewPool01";
const UNREACHABLE_POOL = "local_Unreach01";
const PASSWORD = "Old-passw0rd";
const CALLBACK = "http://localhost:4000/callback";
const OLD_CLIENT_SECRET = "old-app-secret-0123456789abcdef";
const execFileAsync = promisify(execFile);
const ROLE = "arn:aws:iam::123456789012:role/Admins";
const FLOWS = ["ALLOW_USER_SRP_AUTH", "ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"];
const policy = { minLength: 8, requireLowercase: true, requireUppercase: true, requireNumbers: true, requireSymbols: false };
const client = (clientId: string, extra: Record<string, unknown> = {}) => ({
  clientId, clientSecret: null, name: clientId, callbackUrls: [CALLBACK], logoutUrls: ["http://localhost:4000/"],
  allowedOAuthFlows: ["code"], allowedScopes: ["openid", "email", "profile", "aws.cognito.signin.user.admin"], explicitAuthFlows: FLOWS, ...extra,
});
const user = (username: string, extra: Record<string, unknown> = {}) => ({
  username, password: PASSWORD, attributes: { email: `${username}@example.com`, email_verified: "true" }, ...extra,
});

export function oldPoolConfig() {
  return {
    pools: [{
      id: OLD_POOL, name: "Old", signInAliases: ["username", "email"], autoVerifiedAttributes: ["email"], selfSignUp: true, mfa: "OPTIONAL", passwordPolicy: policy,
      customAttributes: [{ name: "tier", type: "String", mutable: true }],
      groups: [{ name: "admins", precedence: 1, description: "Administrators", roleArn: ROLE }, { name: "readers", precedence: 10, description: "Readers" }],
      clients: [client("old-app", { clientSecret: OLD_CLIENT_SECRET })],
      users: [
        user("alice", { attributes: { email: "alice@example.com", email_verified: "true", given_name: "Alice", "custom:tier": "gold" }, groups: ["admins", "readers"] }),
        user("bob"), user("carol"), user("tina"), user("tom"), user("dave", { groups: ["readers"] }), user("erin"), user("frank"),
        user("uma", { password: null, temporaryPassword: "Temp-passw0rd" }),
      ],
    }],
  };
}

export function newPoolConfig(oldUrl: string) {
  return {
    pools: [{
      id: NEW_POOL, name: "New", signInAliases: ["username", "email"], autoVerifiedAttributes: ["email"], selfSignUp: true, mfa: "OPTIONAL", passwordPolicy: policy,
      customAttributes: [{ name: "tier", type: "String", mutable: true }],
      clients: [client("new-app")],
      migrateFrom: { type: "cognito", userPoolId: OLD_POOL, clientId: "old-app", clientSecret: OLD_CLIENT_SECRET, region: "local", endpoint: oldUrl },
    }, {
      // An old pool nobody answers at.
      id: UNREACHABLE_POOL, name: "Unreachable", signInAliases: ["username"], passwordPolicy: policy, clients: [client("lost-app")],
      migrateFrom: { type: "cognito", userPoolId: "local_Nowhere01", clientId: "old-app", region: "local", endpoint: "http://127.0.0.1:9" },
    }],
  };
}

export type Servers = { old: RunningServer; neu: RunningServer; oldKey: SigningKey; newKey: SigningKey; credentialsFile: string };

/** The old Gatehouse, an admin API key of it in a shared credentials file, and the new Gatehouse moving users in from it. */
export async function startPair(): Promise<Servers> {
  const old = await startServer({ config: oldPoolConfig(), env: ADMIN_ENV });
  const oldKey = await createSigningKey(old, "migration");
  const dir = mkdtempSync(path.join(tmpdir(), "gatehouse-aws-"));
  const credentialsFile = path.join(dir, "credentials");
  writeFileSync(credentialsFile, `[default]\naws_access_key_id = ${oldKey.credentials.accessKeyId}\naws_secret_access_key = ${oldKey.credentials.secretAccessKey}\n`);
  const port = await freePort();
  const neu = await startServer({
    port, config: newPoolConfig(old.url),
    env: { ...ADMIN_ENV, AWS_SHARED_CREDENTIALS_FILE: credentialsFile, AWS_CONFIG_FILE: path.join(dir, "config"), AWS_PROFILE: "default", AWS_EC2_METADATA_DISABLED: "true" },
  });
  const newKey = await createSigningKey(neu, "checks");
  return { old, neu, oldKey, newKey, credentialsFile };
}

let s: Servers;
let newApi: CognitoIdentityProviderClient;
let oldApi: CognitoIdentityProviderClient;

before(async () => {
  s = await startPair();
  // Retries: a kept-alive socket the server closed meanwhile is a transient error, not the test's subject.
  newApi = retrying(s.neu);
  oldApi = retrying(s.old);
});
after(async () => {
  newApi?.destroy();
  oldApi?.destroy();
  await s?.neu.stop();
  await s?.old.stop();
});

const retrying = (server: RunningServer) => new CognitoIdentityProviderClient({ endpoint: server.url, region: "eu-west-1", credentials: { accessKeyId: "unused", secretAccessKey: "unused" }, maxAttempts: 3 });
const attr = (list: AttributeType[] | undefined, name: string) => list?.find((a) => a.Name === name)?.Value;
const oldUser = (Username: string) => s.oldKey.cognito.send(new AdminGetUserCommand({ UserPoolId: OLD_POOL, Username }));
const newUser = (Username: string) => s.newKey.cognito.send(new AdminGetUserCommand({ UserPoolId: NEW_POOL, Username }));
const newGroups = async (Username: string) => (await s.newKey.cognito.send(new AdminListGroupsForUserCommand({ UserPoolId: NEW_POOL, Username }))).Groups ?? [];
const signIn = (USERNAME: string, PASSWORD_: string) =>
  newApi.send(new InitiateAuthCommand({ AuthFlow: "USER_PASSWORD_AUTH", ClientId: "new-app", AuthParameters: { USERNAME, PASSWORD: PASSWORD_ } }));
const refusal = async (call: Promise<unknown>) => {
  try {
    await call;
  } catch (error) {
    return { name: (error as Error).name, message: (error as Error).message };
  }
  assert.fail("the call succeeded");
};

async function hostedSignIn(login: string, password: string) {
  const browser = new TestBrowser(s.neu.url);
  const page = await browser.request(pkceAuthorizeRequest(s.neu.url, { pool: NEW_POOL, clientId: "new-app" }).url);
  assert.match(page.url, /\/login$/);
  return Object.assign(await browser.submit(page, { login, password }), { browser });
}

/** Sets up an authenticator for a user at the old pool (so it asks SOFTWARE_TOKEN_MFA there); its secret. */
async function oldTotp(username: string): Promise<string> {
  const signedIn = await oldApi.send(new InitiateAuthCommand({
    AuthFlow: "USER_PASSWORD_AUTH", ClientId: "old-app", AuthParameters: { USERNAME: username, PASSWORD, SECRET_HASH: secretHash(username) },
  }));
  const accessToken = signedIn.AuthenticationResult!.AccessToken!;
  const associated = await oldApi.send(new AssociateSoftwareTokenCommand({ AccessToken: accessToken }));
  const secret = associated.SecretCode!;
  assert.equal((await oldApi.send(new VerifySoftwareTokenCommand({ AccessToken: accessToken, UserCode: await totpCode(secret) }))).Status, "SUCCESS");
  return secret;
}

describe("first sign-in moves the user in", () => {
  test("hosted UI: an unknown name signs in with its old password and arrives with its attributes, groups and old sub", async () => {
    const done = await hostedSignIn("alice", PASSWORD);
    assert.ok(done.url.startsWith(CALLBACK) && new URL(done.url).searchParams.has("code"), `ended at ${done.url}: ${flashOf(done)}`);
    const [before, after] = await Promise.all([oldUser("alice"), newUser("alice")]);
    assert.equal(after.UserStatus, "CONFIRMED");
    assert.equal(attr(after.UserAttributes, "sub"), attr(before.UserAttributes, "sub"), "the same sub, so apps see the same subject");
    assert.equal(attr(after.UserAttributes, "custom:cognito_sub"), attr(before.UserAttributes, "sub"), "and the old sub is recorded");
    assert.equal(attr(after.UserAttributes, "email"), "alice@example.com");
    assert.equal(attr(after.UserAttributes, "email_verified"), "true");
    assert.equal(attr(after.UserAttributes, "given_name"), "Alice");
    assert.equal(attr(after.UserAttributes, "custom:tier"), "gold");
    assert.deepEqual((await newGroups("alice")).map((g) => g.GroupName).sort(), ["admins", "readers"]);
    const admins = await s.newKey.cognito.send(new GetGroupCommand({ UserPoolId: NEW_POOL, GroupName: "admins" }));
    assert.equal(admins.Group?.Precedence, 1);
    assert.equal(admins.Group?.Description, "Administrators");
    assert.equal(admins.Group?.RoleArn, ROLE);
  });

  test("the second sign-in is local: it works with the old user disabled", async () => {
    await s.oldKey.cognito.send(new AdminDisableUserCommand({ UserPoolId: OLD_POOL, Username: "alice" }));
    const done = await signIn("alice", PASSWORD);
    assert.ok(done.AuthenticationResult?.IdToken);
    assert.equal(decodeJwt(done.AuthenticationResult.IdToken)["cognito:username"], "alice");
  });

  test("Cognito API: InitiateAuth USER_PASSWORD_AUTH of an unknown name migrates it (signing in with its email)", async () => {
    const done = await signIn("bob@example.com", PASSWORD);
    const claims = decodeJwt(done.AuthenticationResult!.IdToken!);
    assert.equal(claims["cognito:username"], "bob");
    assert.equal(claims.sub, attr((await oldUser("bob")).UserAttributes, "sub"));
  });

  test("a wrong password is answered exactly as a name nobody has, and creates nobody", async () => {
    const wrong = await refusal(signIn("carol", "Wrong-passw0rd"));
    const nobody = await refusal(signIn("nobody-here", "Wrong-passw0rd"));
    assert.deepEqual(wrong, nobody);
    assert.deepEqual(wrong, { name: "NotAuthorizedException", message: "Incorrect username or password." });
    assert.equal((await refusal(newUser("carol"))).name, "UserNotFoundException");
    // The right password still moves carol in afterwards.
    assert.ok((await signIn("carol", PASSWORD)).AuthenticationResult?.AccessToken);
  });

  test("the old pool's TOTP challenge is passed through once; the next sign-in follows the new pool's rules", async () => {
    const secret = await oldTotp("tina");

    const started = await signIn("tina", PASSWORD);
    assert.equal(started.ChallengeName, "SOFTWARE_TOKEN_MFA");
    assert.ok(started.Session);
    const wrong = await refusal(newApi.send(new RespondToAuthChallengeCommand({
      ClientId: "new-app", ChallengeName: "SOFTWARE_TOKEN_MFA", Session: started.Session, ChallengeResponses: { USERNAME: "tina", SOFTWARE_TOKEN_MFA_CODE: "000000" },
    })));
    assert.equal(wrong.name, "CodeMismatchException");
    assert.equal((await refusal(newUser("tina"))).name, "UserNotFoundException", "nobody is made before the code is right");
    const done = await newApi.send(new RespondToAuthChallengeCommand({
      ClientId: "new-app", ChallengeName: "SOFTWARE_TOKEN_MFA", Session: started.Session,
      ChallengeResponses: { USERNAME: "tina", SOFTWARE_TOKEN_MFA_CODE: await nextTotpCode(secret) },
    }));
    assert.ok(done.AuthenticationResult?.AccessToken);
    assert.equal((await newUser("tina")).UserStatus, "CONFIRMED");
    // No MFA settings came along: the new pool (MFA optional, none set up) signs tina in with the password.
    assert.ok((await signIn("tina", PASSWORD)).AuthenticationResult?.AccessToken);
  });

  test("hosted UI: the old pool's TOTP challenge shows the engine's own code page; a wrong code is refused as any, the right one signs in", async () => {
    const secret = await oldTotp("tom");
    const page = await hostedSignIn("tom", PASSWORD);
    assert.match(page.url, /\/mfa$/, `at ${page.url}: ${flashOf(page)}`);
    let next = await page.browser.submit(page, { code: "000000" });
    assert.match(flashOf(next)!, /not right/);
    next = await page.browser.submit(next, { code: await nextTotpCode(secret) });
    assert.ok(next.url.startsWith(CALLBACK) && new URL(next.url).searchParams.has("code"), `ended at ${next.url}: ${flashOf(next)}`);
    assert.equal(attr((await newUser("tom")).UserAttributes, "sub"), attr((await oldUser("tom")).UserAttributes, "sub"));
  });

  test("a temporary password at the old pool: the user comes in FORCE_CHANGE_PASSWORD and chooses a new one here", async () => {
    const started = await signIn("uma", "Temp-passw0rd");
    assert.equal(started.ChallengeName, "NEW_PASSWORD_REQUIRED");
    const done = await newApi.send(new RespondToAuthChallengeCommand({
      ClientId: "new-app", ChallengeName: "NEW_PASSWORD_REQUIRED", Session: started.Session, ChallengeResponses: { USERNAME: "uma", NEW_PASSWORD: "Chosen-passw0rd" },
    }));
    assert.ok(done.AuthenticationResult?.AccessToken);
  });
});

describe("forgot password moves the user in", () => {
  test("an unknown name the old pool knows comes in RESET_REQUIRED and gets the code", async () => {
    await newApi.send(new ForgotPasswordCommand({ ClientId: "new-app", Username: "erin" }));
    const migrated = await newUser("erin");
    assert.equal(migrated.UserStatus, "RESET_REQUIRED");
    assert.match(await latestCode(s.neu.url, "erin@example.com"), /^\d{6}$/);
  });

  test("a name the old pool does not know gets the same answer, and nobody is made", async () => {
    const answer = await newApi.send(new ForgotPasswordCommand({ ClientId: "new-app", Username: "nobody-at-all" }));
    assert.ok(answer.CodeDeliveryDetails);
    assert.equal((await refusal(newUser("nobody-at-all"))).name, "UserNotFoundException");
  });
});

describe("the setting", () => {
  test("the admin API and exports show migrateFrom without its client secret; a PATCH without the secret keeps it", async () => {
    const read = await s.newKey.api("GET", `/pools/${NEW_POOL}`);
    assert.deepEqual(read.body.migrateFrom, { type: "cognito", userPoolId: OLD_POOL, clientId: "old-app", region: "local", endpoint: s.old.url, hasClientSecret: true });
    const exported = await s.newKey.api("GET", `/pools/${NEW_POOL}/export`);
    const text = JSON.stringify(exported.body);
    assert.ok(text.includes(OLD_POOL) && !text.includes(OLD_CLIENT_SECRET) && !text.includes("clientSecretEnc"), "the export names the old pool, never its secret");
    const { hasClientSecret: _has, ...setting } = read.body.migrateFrom;
    const patched = await s.newKey.api("PATCH", `/pools/${NEW_POOL}`, { migrateFrom: setting });
    assert.equal(patched.status, 200);
    assert.equal(patched.body.migrateFrom.hasClientSecret, true);
    const refused = await s.newKey.api("PATCH", `/pools/${NEW_POOL}`, { migrateFrom: { ...setting, userPoolId: "nope" } });
    assert.equal(refused.status, 400);
    assert.match(refused.body.error.message, /migrateFrom\.userPoolId/);
  });
});

describe("an old pool that cannot be reached", () => {
  test("the user gets the generic failure, the server's log says why", async () => {
    const failed = await refusal(newApi.send(new InitiateAuthCommand({ AuthFlow: "USER_PASSWORD_AUTH", ClientId: "lost-app", AuthParameters: { USERNAME: "alice", PASSWORD } })));
    assert.deepEqual(failed, { name: "InternalErrorException", message: "An unexpected error occurred." });
    assert.match(s.neu.output(), /migrateFrom: Cognito user pool local_Nowhere01: InitiateAuth failed/);
  });
});

describe("import:cognito", () => {
  const run = (args: string[], extra: Record<string, string> = {}) => runImport(s, args, extra);
  const pagesOf = (stdout: string) => Number(/\((\d+) pages this run\)/.exec(stdout)?.[1]);
  let resumedPages = 0;

  test("stops after --max-pages and resumes where it was; then every user and group is here, with passwords to come", async () => {
    const first = await run(["--user-pool-id", OLD_POOL, "--region", "local", "--into", NEW_POOL, "--page-size", "3", "--max-pages", "2"]);
    assert.match(first.stdout, /stopped after 2 pages \(users\)/);
    // No --into: the pool whose migrateFrom names the old pool.
    const second = await run(["--user-pool-id", OLD_POOL, "--region", "local", "--page-size", "3"]);
    assert.match(second.stdout, /imported local_OldPool01 into local_NewPool01/);
    // Resumed, not started over: it walks fewer pages than a whole run of the same page size (below).
    resumedPages = pagesOf(second.stdout);
    const [oldNames, newNames] = await Promise.all([usernames(s.oldKey.cognito, OLD_POOL), usernames(s.newKey.cognito, NEW_POOL)]);
    assert.deepEqual(newNames, oldNames);
    const dave = await newUser("dave");
    assert.equal(dave.UserStatus, "CONFIRMED");
    assert.equal(attr(dave.UserAttributes, "sub"), attr((await oldUser("dave")).UserAttributes, "sub"));
    assert.deepEqual((await newGroups("dave")).map((g) => g.GroupName), ["readers"]);
    assert.equal((await newUser("alice")).Enabled, true, "a user who moved in already is left as they are here");
  });

  test("a second run is idempotent: nothing new, nobody twice", async () => {
    const before = await usernames(s.newKey.cognito, NEW_POOL);
    const again = await run(["--user-pool-id", OLD_POOL, "--region", "local", "--page-size", "3"]);
    assert.equal(pagesOf(again.stdout), resumedPages + 2, "a whole run walks the two pages the stopped run had done as well");
    assert.match(again.stdout, /\(0 new, /);
    assert.match(again.stdout, /, 0 new memberships/);
    assert.deepEqual(await usernames(s.newKey.cognito, NEW_POOL), before);
  });

  test("an imported user signs in with the old password, which is then stored here", async () => {
    assert.equal((await refusal(signIn("dave", "Wrong-passw0rd"))).message, "Incorrect username or password.");
    assert.ok((await signIn("dave", PASSWORD)).AuthenticationResult?.AccessToken);
    await s.oldKey.cognito.send(new AdminDisableUserCommand({ UserPoolId: OLD_POOL, Username: "dave" }));
    assert.ok((await signIn("dave", PASSWORD)).AuthenticationResult?.AccessToken, "the second sign-in no longer asks the old pool");
  });
});

async function usernames(cognito: CognitoIdentityProviderClient, UserPoolId: string): Promise<string[]> {
  const names: string[] = [];
  let PaginationToken: string | undefined;
  do {
    const page = await cognito.send(new ListUsersCommand({ UserPoolId, PaginationToken }));
    names.push(...(page.Users ?? []).map((u) => u.Username!));
    PaginationToken = page.PaginationToken;
  } while (PaginationToken);
  return names.sort();
}

/** The import script as an operator runs it, against the new server's database, the SDK pointed at the old server by its own setting. */
async function runImport(servers: Servers, args: string[], extra: Record<string, string>): Promise<{ stdout: string; stderr: string }> {
  const { stdout, stderr } = await execFileAsync(process.execPath, ["--import", "tsx", "scripts/import-cognito.ts", ...args], {
    env: {
      ...process.env, ...servers.neu.shared, GATEHOUSE_DATA_DIR: servers.neu.dataDir,
      AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: servers.old.url, AWS_SHARED_CREDENTIALS_FILE: servers.credentialsFile, AWS_PROFILE: "default", AWS_EC2_METADATA_DISABLED: "true",
      ...extra,
    },
  });
  return { stdout, stderr };
}

export function secretHash(username: string): string {
  return createHmacBase64(OLD_CLIENT_SECRET, username + "old-app");
}

import { createHmac } from "node:crypto";
function createHmacBase64(key: string, message: string): string {
  return createHmac("sha256", key).update(message).digest("base64");
}
