// Users brought in with another system's password hash (bcrypt, argon2 with other parameters,
// Django and Keycloak PBKDF2, Firebase scrypt), through the config file, the admin API's createUser
// and POST /pools/import, sign in with their old password. That sign-in replaces the hash with our
// argon2id and adds the SRP verifier, after which amazon-cognito-identity-js (SRP) signs them in
// too. A wrong password gets exactly the answer an unknown user gets and changes nothing. The rows
// are read straight from PostgreSQL.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import pg from "pg";
import { InitiateAuthCommand } from "@aws-sdk/client-cognito-identity-provider";
import { AuthenticationDetails, CognitoUser, CognitoUserPool, type CognitoUserSession } from "amazon-cognito-identity-js";
import { startServer, type RunningServer } from "../support/server.ts";
import { ADMIN_EMAIL, ADMIN_PASSWORD, apiClient, createApiKey } from "../support/console.ts";
import { refusal, sdkClient } from "../support/cognito-api.ts";
import { MapStorage } from "../support/cognito-clients.ts";
import { flashOf } from "../support/browser.ts";
import { openHostedPage } from "../support/codes.ts";
import { ARGON2, BCRYPT, DJANGO, FIREBASE, KEYCLOAK } from "../support/password-hash-vectors.ts";

const needsDatabase = !process.env.DATABASE_URL && "needs DATABASE_URL to read the rows";
const POOL = "local_Hashes001";
const CALLBACK = "http://localhost:4000/callback";
const OURS = /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/;
const WRONG = { name: "NotAuthorizedException", message: "Incorrect username or password." };

const keycloak = (digest: "sha256" | "sha512" | "sha1") => ({
  algorithm: digest === "sha1" ? "pbkdf2" : `pbkdf2-${digest}`, hashIterations: KEYCLOAK[digest].iterations, salt: KEYCLOAK.salt, value: KEYCLOAK[digest].value,
});

/** Who is brought in where, with which hash and the password it holds. */
const FROM_CONFIG = [
  { username: "cfg-bcrypt", passwordHash: BCRYPT.hashes[0], password: BCRYPT.password },
  { username: "cfg-argon2i", passwordHash: ARGON2.hashes[0], password: ARGON2.password },
  { username: "cfg-django", passwordHash: DJANGO.hashes[0], password: DJANGO.password },
  { username: "cfg-keycloak", passwordHash: keycloak("sha256"), password: KEYCLOAK.password },
  { username: "cfg-firebase", passwordHash: FIREBASE.hash, password: FIREBASE.password },
];
const FROM_ADMIN_API = [
  { username: "api-bcrypt", passwordHash: BCRYPT.hashes[2], password: BCRYPT.password },
  { username: "api-argon2id", passwordHash: ARGON2.hashes[1], password: ARGON2.password },
  { username: "api-django512", passwordHash: DJANGO.hashes[1], password: DJANGO.password },
  {
    username: "api-keycloak-sha1", password: KEYCLOAK.password,
    // Keycloak's credential representation as its export writes it.
    passwordHash: { type: "password", secretData: JSON.stringify({ value: KEYCLOAK.sha1.value, salt: KEYCLOAK.salt }), credentialData: JSON.stringify({ hashIterations: KEYCLOAK.sha1.iterations, algorithm: "pbkdf2" }) },
  },
  { username: "api-firebase", passwordHash: FIREBASE.hash, password: FIREBASE.password },
];
const FROM_IMPORT = [{ username: "imp-keycloak512", passwordHash: keycloak("sha512"), password: KEYCLOAK.password }];

function config() {
  return {
    pools: [{
      id: POOL, name: "Moving in", signInAliases: ["username"], requiredAttributes: [], selfSignUp: false, mfa: "OFF",
      passwordPolicy: { minLength: 8, requireLowercase: true, requireUppercase: true, requireNumbers: true, requireSymbols: false },
      clients: [{
        clientId: "app", clientSecret: null, name: "app", callbackUrls: [CALLBACK], logoutUrls: ["http://localhost:4000/"],
        allowedOAuthFlows: ["code"], allowedScopes: ["openid", "email", "profile"],
        explicitAuthFlows: ["ALLOW_USER_SRP_AUTH", "ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
      }],
      users: FROM_CONFIG.map(({ username, passwordHash }) => ({ username, passwordHash })),
    }],
  };
}

let server: RunningServer;
let api: ReturnType<typeof apiClient>;
let db: pg.Client;

before(async () => {
  if (needsDatabase) return;
  server = await startServer({ config: config(), env: { GATEHOUSE_ADMIN_EMAIL: ADMIN_EMAIL, GATEHOUSE_ADMIN_PASSWORD: ADMIN_PASSWORD } });
  db = new pg.Client({ connectionString: server.shared.DATABASE_URL });
  await db.connect();
  api = apiClient(server.url, await createApiKey(server.url));
});
after(async () => {
  await db?.end();
  await server?.stop();
});

type Row = { passwordHash: string | null; srpVerifierEnc: string | null; status: string; failedAttempts: number };

async function row(username: string): Promise<Row> {
  const { rows } = await db.query(`SELECT "passwordHash", "srpVerifierEnc", status, "failedAttempts" FROM "User" WHERE "poolId" = $1 AND "usernameKey" = lower($2)`, [POOL, username]);
  assert.equal(rows.length, 1, `one user ${username}`);
  return rows[0] as Row;
}

function passwordAuth(username: string, password: string) {
  return sdkClient(server).send(new InitiateAuthCommand({ ClientId: "app", AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: username, PASSWORD: password } }));
}

function srpSignIn(username: string, password: string): Promise<CognitoUserSession> {
  const storage = new MapStorage();
  const pool = new CognitoUserPool({ UserPoolId: POOL, ClientId: "app", endpoint: server.url, Storage: storage });
  const user = new CognitoUser({ Username: username, Pool: pool, Storage: storage });
  return new Promise((resolve, reject) => user.authenticateUser(new AuthenticationDetails({ Username: username, Password: password }), {
    onSuccess: resolve, onFailure: reject, newPasswordRequired: () => reject(new Error("unexpected NEW_PASSWORD_REQUIRED")),
  }));
}

async function srpRefusal(username: string, password: string): Promise<{ name: string; message: string }> {
  try {
    await srpSignIn(username, password);
  } catch (error) {
    return { name: (error as { code?: string }).code ?? (error as Error).name, message: (error as Error).message };
  }
  assert.fail(`SRP signed ${username} in`);
}

/** The whole story of one imported user: refused wrongly, signed in rightly, re-hashed, then SRP. */
async function assertMovesIn(user: { username: string; password: string }, signIn: (username: string, password: string) => Promise<void>) {
  const imported = await row(user.username);
  assert.equal(imported.status, "CONFIRMED");
  assert.doesNotMatch(imported.passwordHash!, OURS, "kept as it came");
  assert.equal(imported.srpVerifierEnc, null, "no verifier before the password is seen");
  // SRP cannot work yet (no verifier): it answers as for a wrong password.
  assert.deepEqual(await srpRefusal(user.username, user.password), WRONG);

  assert.deepEqual(await refusal(passwordAuth(user.username, `${user.password}x`)), WRONG);
  const afterWrong = await row(user.username);
  assert.equal(afterWrong.passwordHash, imported.passwordHash, "a wrong password replaces nothing");
  assert.equal(afterWrong.srpVerifierEnc, null);

  await signIn(user.username, user.password);
  const replaced = await row(user.username);
  assert.match(replaced.passwordHash!, OURS, `${user.username}'s hash is now our argon2id`);
  assert.ok(replaced.srpVerifierEnc, `${user.username} has a verifier`);
  assert.equal(replaced.failedAttempts, 0, "the sign-in cleared the failure");

  const session = await srpSignIn(user.username, user.password);
  assert.equal(session.getIdToken().decodePayload()["cognito:username"], user.username);
  // And the password still signs in over the new hash, which is not replaced again.
  await signIn(user.username, user.password);
  assert.equal((await row(user.username)).passwordHash, replaced.passwordHash);
  assert.deepEqual(await refusal(passwordAuth(user.username, `${user.password}x`)), WRONG);
}

async function signInWithApi(username: string, password: string) {
  const answer = await passwordAuth(username, password);
  assert.ok(answer.AuthenticationResult?.AccessToken, `${username} got tokens: ${JSON.stringify(answer)}`);
}

describe("imported password hashes", { skip: needsDatabase }, () => {
  test("a wrong password for an imported user is answered as for a name nobody has", async () => {
    assert.deepEqual(await refusal(passwordAuth("nobody-here", "Whatever-1")), WRONG);
    assert.deepEqual(await refusal(passwordAuth("cfg-bcrypt", "Whatever-1")), WRONG);
  });

  test("config-file users (bcrypt, argon2i, Django, Keycloak, Firebase) sign in through InitiateAuth and are re-hashed", async () => {
    for (const user of FROM_CONFIG.filter((u) => u.username !== "cfg-django")) await assertMovesIn(user, signInWithApi);
  });

  test("a config-file user signs in through the hosted UI's form and is re-hashed", async () => {
    await assertMovesIn(FROM_CONFIG.find((u) => u.username === "cfg-django")!, async (username, password) => {
      const { browser, page } = await openHostedPage(server.url, { pool: POOL, clientId: "app", page: "login" });
      const next = await browser.submit(page, { login: username, password });
      assert.ok(next.url.startsWith(CALLBACK) && new URL(next.url).searchParams.has("code"), flashOf(next) ?? next.url);
    });
  });

  test("admin API users (bcrypt $2y$, argon2id with other parameters, Django SHA-512, Keycloak credential, Firebase) are CONFIRMED without an invitation, and move in", async () => {
    for (const user of FROM_ADMIN_API) {
      const created = await api("POST", `/pools/${POOL}/users`, { username: user.username, passwordHash: user.passwordHash, sendInvitation: true });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      assert.equal(created.body.user.status, "CONFIRMED");
      assert.equal(created.body.temporaryPassword, null);
      assert.equal(created.body.invitationSentTo, null);
      const answer = JSON.stringify(created.body);
      assert.ok(!answer.includes("passwordHash") && !answer.includes((await row(user.username)).passwordHash!), "the answer shows no hash");
      await assertMovesIn(user, signInWithApi);
    }
  });

  test("POST /pools/import takes passwordHash, and the exported document never holds a hash", async () => {
    const exported = await api("GET", `/pools/${POOL}/export`);
    assert.equal(exported.status, 200);
    const text = JSON.stringify(exported.body);
    assert.doesNotMatch(text, /\$2[aby]\$|\$argon2|pbkdf2|firebase-scrypt/, "no hash in the export");
    assert.ok(!text.includes("passwordHash"));

    const document = { ...exported.body, users: FROM_IMPORT.map(({ username, passwordHash }) => ({ username, passwordHash })) };
    const imported = await api("POST", "/pools/import", document);
    assert.equal(imported.status, 200, JSON.stringify(imported.body));
    await assertMovesIn(FROM_IMPORT[0]!, signInWithApi);
  });

  test("the OpenAPI document shows passwordHash on createUser", async () => {
    const doc = (await (await fetch(`${server.url}/api/admin/openapi.json`)).json()) as {
      paths: Record<string, Record<string, { requestBody: { content: Record<string, { schema: { properties: Record<string, { description?: string; anyOf?: unknown[] }> } }> } }>>;
    };
    const field = doc.paths["/pools/{poolId}/users"]!.post!.requestBody.content["application/json"]!.schema.properties.passwordHash!;
    assert.match(field.description!, /bcrypt, argon2, Django or Keycloak PBKDF2, Firebase scrypt/);
    assert.equal(field.anyOf!.length, 4, "a string and the three object forms");
  });

  test("bad passwordHash inputs are refused with the field named", async () => {
    const both = await api("POST", `/pools/${POOL}/users`, { username: "both", temporaryPassword: "Temp-Passw0rd!", passwordHash: BCRYPT.hashes[0] });
    assert.equal(both.status, 400);
    assert.match(JSON.stringify(both.body), /passwordHash.*not both|not both.*passwordHash/);
    const unknown = await api("POST", `/pools/${POOL}/users`, { username: "md5", passwordHash: "5f4dcc3b5aa765d61d8327deb882cf99" });
    assert.equal(unknown.status, 400);
    assert.match(JSON.stringify(unknown.body), /passwordHash/);
    assert.match(JSON.stringify(unknown.body), /not a recognised password hash/);
    const slow = await api("POST", `/pools/${POOL}/users`, { username: "slow", passwordHash: "$2b$16$XbMr1gPhGRRrUx3a8PFPNOAEuS9eVjeQrI3XDTp.omK32ZsrfNExe" });
    assert.equal(slow.status, 400);
    assert.match(JSON.stringify(slow.body), /bcrypt cost 16 is over the cap of 15/);
    const badImport = await api("POST", "/pools/import", { ...(await api("GET", `/pools/${POOL}/export`)).body, users: [{ username: "x", password: "Passw0rd-Long!", passwordHash: BCRYPT.hashes[0] }] });
    assert.equal(badImport.status, 400);
    assert.match(JSON.stringify(badImport.body), /users\.0.*one of password, temporaryPassword or passwordHash/);
    const { rows } = await db.query(`SELECT count(*)::int AS n FROM "User" WHERE "poolId" = $1 AND "usernameKey" IN ('both', 'md5', 'slow', 'x')`, [POOL]);
    assert.equal(rows[0].n, 0, "nothing half-made");
  });
});
