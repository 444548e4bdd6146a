// parseConfigText and the GATEHOUSE_CONFIG schema (config-schema.ts): what a valid file becomes,
// and that each mistake is rejected with the path of the offending value.
import { test } from "node:test";
import assert from "node:assert/strict";
import { ConfigFileError, parseConfigText } from "./apply-config.ts";
import { defaultRequiredAttributes } from "../pools/attributes.ts";
import { POOL_ID_PATTERN } from "../pools/config-schema.ts";

const EXAMPLE = {
  pools: [
    {
      id: "local_Acme12345",
      name: "Acme",
      signInAliases: ["email"],
      autoVerifiedAttributes: ["email"],
      mfa: "OPTIONAL",
      passwordPolicy: { minLength: 10, requireSymbols: true },
      customAttributes: [{ name: "tier" }],
      resourceServers: [{ identifier: "https://api.example.com", name: "API", scopes: [{ name: "read" }] }],
      groups: [{ name: "admins", precedence: 1, roleArn: "arn:aws:iam::123456789012:role/Admin" }, { name: "staff" }],
      clients: [
        { clientId: "web", name: "Acme web", callbackUrls: ["https://app.example.com/callback", "http://localhost:3001/cb"], logoutUrls: ["https://app.example.com/"] },
        { clientId: "worker", clientSecret: "a-long-enough-secret-123", name: "Worker", allowedOAuthFlows: ["client_credentials"], allowedScopes: ["https://api.example.com/read"] },
        {
          clientId: "native", name: "Mobile", callbackUrls: ["com.example.app://callback"], accessTokenValidity: 300, idTokenValidity: 86_400, refreshTokenValidity: 3600,
          explicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
        },
      ],
      users: [
        { username: "alice", password: "Passw0rd!xyz", attributes: { email: "alice@example.com", email_verified: "true", "custom:tier": "gold" }, groups: ["admins"] },
        { username: "bob", temporaryPassword: "Temp0rary!x" },
        { username: "carol", enabled: false },
      ],
    },
  ],
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the tests edit the example as loose JSON, adding keys and values the schema refuses
type LooseJson = Record<string, any>;

/** The example with `edit` applied to a deep copy of its one pool. */
function withPool(edit: (pool: LooseJson) => void): string {
  const copy = structuredClone(EXAMPLE) as { pools: LooseJson[] };
  edit(copy.pools[0]!);
  return JSON.stringify(copy);
}

function rejects(text: string, ...fragments: string[]) {
  assert.throws(() => parseConfigText(text, "gatehouse.json"), (error: unknown) => {
    assert.ok(error instanceof ConfigFileError, `expected a ConfigFileError, got ${String(error)}`);
    for (const fragment of fragments) assert.ok(error.message.includes(fragment), `message lacks ${JSON.stringify(fragment)}:\n${error.message}`);
    return true;
  });
}

test("config: a valid file parses, with every default filled in", () => {
  const config = parseConfigText(JSON.stringify(EXAMPLE), "gatehouse.json");
  assert.equal(config.pools.length, 1);
  const pool = config.pools[0]!;
  assert.equal(pool.id, "local_Acme12345");
  assert.equal(pool.selfSignUp, true);
  assert.equal(pool.mfa, "OPTIONAL");
  assert.equal(pool.requiredAttributes, undefined);
  assert.deepEqual(pool.passwordPolicy, {
    minLength: 10, requireLowercase: true, requireUppercase: true, requireNumbers: true, requireSymbols: true, temporaryPasswordValidityDays: 7,
  });
  assert.deepEqual(pool.customAttributes, [{ name: "tier", type: "String", mutable: true }]);
  assert.deepEqual(pool.resourceServers[0]!.scopes, [{ name: "read", description: "" }]);
  assert.deepEqual(pool.groups[1], { name: "staff", precedence: null, description: "", roleArn: null });

  const web = pool.clients[0]!;
  assert.equal(web.clientSecret, null);
  assert.deepEqual(web.allowedOAuthFlows, ["code"]);
  assert.deepEqual(web.allowedScopes, ["openid", "email", "profile", "phone"]);
  assert.equal(web.accessTokenValidity, 3600);
  assert.equal(web.idTokenValidity, 3600);
  assert.equal(web.refreshTokenValidity, 2_592_000);
  assert.equal(web.refreshTokenRotation, false);
  assert.deepEqual(web.explicitAuthFlows, ["ALLOW_USER_SRP_AUTH", "ALLOW_CUSTOM_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]);
  assert.deepEqual(pool.clients[2]!.explicitAuthFlows, ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]);

  assert.deepEqual(pool.users[1], { username: "bob", password: null, temporaryPassword: "Temp0rary!x", passwordHash: null, attributes: {}, groups: [], enabled: true });
  assert.equal(pool.users[2]!.enabled, false);
});

test("config: an empty object means no pools, and a pool needs only an id and a name", () => {
  assert.deepEqual(parseConfigText("{}"), { pools: [], identityPools: [], authorizers: [] });
  const pool = parseConfigText(JSON.stringify({ pools: [{ id: "us-east-1_AbCdEf123", name: "P" }] })).pools[0]!;
  assert.deepEqual(pool.signInAliases, ["email"]);
  assert.deepEqual(pool.autoVerifiedAttributes, ["email"]);
  assert.equal(pool.mfa, "OFF");
  assert.equal(pool.passwordPolicy.minLength, 8);
  assert.deepEqual([pool.clients, pool.users, pool.groups], [[], [], []]);
});

test("config: an unknown key is rejected with its path, not ignored", () => {
  rejects(withPool((p) => (p.clients[0].callbackURLs = [])), "pools.0.clients.0", '"callbackURLs"');
  rejects(withPool((p) => (p.mfaMode = "ON")), "pools.0:", '"mfaMode"');
  rejects(JSON.stringify({ ...EXAMPLE, version: 2 }), "(root)", '"version"');
  rejects(withPool((p) => (p.passwordPolicy.minimumLength = 8)), "pools.0.passwordPolicy", '"minimumLength"');
});

test("config: pool ids must look like Cognito's <region>_<9 letters or digits>", () => {
  rejects(withPool((p) => (p.id = "acme")), "pools.0.id: pool ids look like");
  rejects(withPool((p) => (p.id = "local_short")), "pools.0.id");
  rejects(withPool((p) => (p.id = "local_Acme1234!")), "pools.0.id");
  for (const good of ["local_Demo12345", "us-east-1_AbCdEf123", "eu-west-3_000000000"]) assert.ok(POOL_ID_PATTERN.test(good), good);
  for (const bad of ["Local_Demo12345", "local_Demo123456", "us-east_AbCdEf123", "x_Demo12345", "local-Demo12345"]) assert.ok(!POOL_ID_PATTERN.test(bad), bad);
});

test("config: token validities are bounded like Cognito's", () => {
  rejects(withPool((p) => (p.clients[0].accessTokenValidity = 60)), "pools.0.clients.0.accessTokenValidity: accessTokenValidity must be at least 300 seconds");
  rejects(withPool((p) => (p.clients[0].accessTokenValidity = 86_401)), "accessTokenValidity must be at most 86400 seconds");
  rejects(withPool((p) => (p.clients[0].idTokenValidity = 299)), "pools.0.clients.0.idTokenValidity");
  rejects(withPool((p) => (p.clients[0].refreshTokenValidity = 3599)), "refreshTokenValidity must be at least 3600 seconds");
  rejects(withPool((p) => (p.clients[0].refreshTokenValidity = 315_360_001)), "refreshTokenValidity must be at most 315360000 seconds");
  rejects(withPool((p) => (p.clients[0].accessTokenValidity = 3600.5)), "pools.0.clients.0.accessTokenValidity");
});

test("config: explicitAuthFlows takes only Cognito's ALLOW_ values, and the message names the bad one", () => {
  rejects(withPool((p) => (p.clients[0].explicitAuthFlows = ["ALLOW_USER_SRP_AUTH", "ADMIN_NO_SRP_AUTH"])),
    'pools.0.clients.0.explicitAuthFlows.1: unknown auth flow "ADMIN_NO_SRP_AUTH"; use ALLOW_USER_SRP_AUTH');
  rejects(withPool((p) => (p.clients[0].explicitAuthFlows = "ALLOW_USER_SRP_AUTH")), "pools.0.clients.0.explicitAuthFlows");
  assert.deepEqual(parseConfigText(withPool((p) => (p.clients[0].explicitAuthFlows = []))).pools[0]!.clients[0]!.explicitAuthFlows, []);
});

test("config: a user may only join groups defined in the same pool", () => {
  rejects(withPool((p) => (p.users[0].groups = ["admins", "auditors"])), 'pools.0.users.0.groups.1: group "auditors" is not defined in this pool');
});

test("config: client_credentials needs a client secret and cannot be mixed with browser flows", () => {
  rejects(withPool((p) => (p.clients[1].clientSecret = null)), "pools.0.clients.1.clientSecret: client_credentials needs a client secret");
  rejects(withPool((p) => (p.clients[1].allowedOAuthFlows = ["client_credentials", "code"], p.clients[1].callbackUrls = ["https://a.example/cb"])),
    "pools.0.clients.1.allowedOAuthFlows: client_credentials cannot be combined");
  rejects(withPool((p) => (p.clients[1].clientSecret = "too-short")), "pools.0.clients.1.clientSecret: client secrets are at least 16 characters");
});

test("config: code and implicit clients need a callback URL, and redirect URLs follow Cognito's rules", () => {
  rejects(withPool((p) => (p.clients[0].callbackUrls = [])), "pools.0.clients.0.callbackUrls: code and implicit flows need at least one callback URL");
  rejects(withPool((p) => (p.clients[0].callbackUrls = ["http://app.example.com/cb"])), "pools.0.clients.0.callbackUrls.0: must be an absolute URL");
  rejects(withPool((p) => (p.clients[0].callbackUrls = ["https://app.example.com/cb#frag"])), "pools.0.clients.0.callbackUrls.0");
  rejects(withPool((p) => (p.clients[0].logoutUrls = ["/relative"])), "pools.0.clients.0.logoutUrls.0");
  // http is fine for loopback addresses.
  const text = withPool((p) => (p.clients[0].callbackUrls = ["http://127.0.0.1:8080/cb", "http://[::1]/cb", "http://localhost/cb"]));
  assert.equal(parseConfigText(text).pools[0]!.clients[0]!.callbackUrls.length, 3);
});

test("config: a client may only be allowed scopes the pool knows", () => {
  rejects(withPool((p) => (p.clients[0].allowedScopes = ["openid", "https://api.example.com/write"])), 'pools.0.clients.0.allowedScopes.1: unknown scope "https://api.example.com/write"');
  const ok = withPool((p) => (p.clients[0].allowedScopes = ["openid", "aws.cognito.signin.user.admin", "https://api.example.com/read"]));
  assert.deepEqual(parseConfigText(ok).pools[0]!.clients[0]!.allowedScopes, ["openid", "aws.cognito.signin.user.admin", "https://api.example.com/read"]);
});

test("config: duplicates are rejected, ignoring case", () => {
  rejects(withPool((p) => p.clients.push({ ...p.clients[0], clientId: "WEB" })), 'pools.0.clients.3: duplicate clients entry "WEB"');
  rejects(withPool((p) => p.users.push({ username: "Alice" })), 'pools.0.users.3: duplicate users entry "Alice"');
  rejects(withPool((p) => p.groups.push({ name: "Staff" })), "pools.0.groups.2");
});

test("config: a user gets one of a password, a temporary password or a password hash, not more", () => {
  const message = "pools.0.users.0: give one of password, temporaryPassword or passwordHash, not more";
  rejects(withPool((p) => (p.users[0].temporaryPassword = "Temp0rary!x")), message);
  rejects(withPool((p) => (p.users[0].passwordHash = "$2b$05$emy5XWLt8.vtoRldzDlv5O/DGIvYSSa9FW9oxEm08Ezje4NeGa.0y")), message);
});

test("config: a user's passwordHash is parsed to its stored form, and one no format recognises or over the caps is refused by path", () => {
  const keycloak = { algorithm: "pbkdf2-sha256", hashIterations: 27500, salt: "AAECAwQFBgcICQoLDA0ODw==", value: "jfMukFfpqc34NgImV86sLjsLlM8kl8pXzB0CFuF2wTZgxn5i/X5picr7tCcYA1kAP1QmKak8hoUnJjILqjS0ug==" };
  const ok = withPool((p) => p.users.push({ username: "dave", passwordHash: keycloak }));
  assert.equal(parseConfigText(ok).pools[0]!.users[3]!.passwordHash, `$pbkdf2-sha256$i=27500$${keycloak.salt}$${keycloak.value}`);
  rejects(withPool((p) => p.users.push({ username: "dave", passwordHash: "md5$5f4dcc3b5aa765d61d8327deb882cf99" })), "pools.0.users.3.passwordHash: passwordHash is not a recognised password hash");
  rejects(withPool((p) => p.users.push({ username: "dave", passwordHash: { ...keycloak, hashIterations: 7_000_000 } })), "pools.0.users.3.passwordHash: PBKDF2 work");
});

test("config: with email or phone as a sign-in alias, a username shaped like one is refused (as Cognito)", () => {
  rejects(withPool((p) => p.users.push({ username: "dave@example.com" })), "pools.0.users.3.username: Username cannot be of email format, since user pool is configured for email alias.");
  rejects(withPool((p) => { p.signInAliases = ["username", "phone"]; p.users.push({ username: "+14155550123" }); }), "pools.0.users.3.username: Username cannot be of phone number format");
  rejects(withPool((p) => p.users.push({ username: "two words" })), "pools.0.users.3.username: Choose a username of 1-128 characters without spaces.");
  const usernamesOnly = withPool((p) => { p.signInAliases = ["username"]; p.users.push({ username: "dave@example.com" }); });
  assert.equal(parseConfigText(usernamesOnly).pools[0]!.users[3]!.username, "dave@example.com", "fine where email is no sign-in alias");
});

test("config: user attributes must be standard, verification flags or custom:*", () => {
  rejects(withPool((p) => (p.users[0].attributes = { favourite_colour: "blue" })), "pools.0.users.0.attributes.favourite_colour");
  const ok = withPool((p) => (p.users[0].attributes = { given_name: "Alice", phone_number_verified: "false", "custom:anything": "x" }));
  assert.equal(parseConfigText(ok).pools[0]!.users[0]!.attributes.given_name, "Alice");
});

test("config: group role ARNs must be IAM role ARNs", () => {
  rejects(withPool((p) => (p.groups[0].roleArn = "arn:aws:s3:::bucket")), "pools.0.groups.0.roleArn: must be an IAM role ARN");
});

test("config: a file whose name ends in .yaml or .yml is parsed as YAML", () => {
  const yaml = [
    "pools:",
    "  - id: local_Yaml12345",
    "    name: From YAML",
    "    mfa: ON",
    "    clients:",
    "      - clientId: web",
    "        name: Web",
    "        callbackUrls: [https://app.example.com/cb]",
  ].join("\n");
  for (const name of ["gatehouse.yaml", "/etc/gatehouse/CONFIG.YML"]) {
    const pool = parseConfigText(yaml, name).pools[0]!;
    assert.equal(pool.id, "local_Yaml12345");
    assert.equal(pool.mfa, "ON");
    assert.deepEqual(pool.clients[0]!.callbackUrls, ["https://app.example.com/cb"]);
  }
  // The same text is not JSON.
  rejects(yaml, "gatehouse.json is not valid JSON");
  assert.throws(() => parseConfigText("pools: [\n", "gatehouse.yml"), /GATEHOUSE_CONFIG: gatehouse\.yml is not valid YAML: /);
});

test("config: invalid JSON is reported with the file name", () => {
  assert.throws(() => parseConfigText("{ pools: [] }", "/etc/gatehouse.json"), (error: unknown) => {
    assert.ok(error instanceof ConfigFileError);
    assert.match(error.message, /^GATEHOUSE_CONFIG: \/etc\/gatehouse\.json is not valid JSON: \S/);
    return true;
  });
  assert.throws(() => parseConfigText("[]", "x.json"), /GATEHOUSE_CONFIG: x\.json is invalid:\n {2}\(root\): /);
});

test("config: required attributes default from the sign-in aliases as in Cognito", () => {
  const required = (signInAliases: ("username" | "email" | "phone")[], autoVerifiedAttributes: ("email" | "phone_number")[]) =>
    defaultRequiredAttributes({ signInAliases, autoVerifiedAttributes }).sort();
  assert.deepEqual(required(["email"], ["email"]), ["email"]);
  assert.deepEqual(required(["email"], []), ["email"]);
  assert.deepEqual(required(["username"], ["email"]), ["email"]);
  assert.deepEqual(required(["username"], []), []);
  assert.deepEqual(required(["username", "email"], []), []);
  assert.deepEqual(required(["phone"], []), ["phone_number"]);
  assert.deepEqual(required(["phone"], ["email"]), ["phone_number"]);
  assert.deepEqual(required(["email", "phone"], ["email"]), ["email"]);
  assert.deepEqual(required(["username", "phone"], ["phone_number"]), []);
});

// zod 4 reports a record key that fails its refinement as "Invalid key in record", with the
// schema's own explanation nested inside; the message must carry the explanation.
test("config: an unknown attribute name is explained, not only located", () => {
  rejects(withPool((p) => (p.users[0].attributes = { favourite_colour: "blue" })), "not a standard attribute, email_verified, phone_number_verified or custom:*");
});
