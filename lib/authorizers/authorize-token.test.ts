import { test } from "node:test";
import assert from "node:assert/strict";
import { generateKeyPairSync } from "node:crypto";
import { SignJWT, createLocalJWKSet, exportJWK } from "jose";
import type { Runtime } from "../runtime.ts";
import { noteRevocation } from "../tokens/revocations.ts";
import { authorizeToken, bearerToken } from "./authorize-token.ts";
import type { TokenAuthorizer } from "./config.ts";
import { createTokenCache } from "./token-cache.ts";

const PUBLIC_URL = "http://gatehouse.test";
const POOL = "local_Unit00001";

/**
 * A runtime whose database only counts and answers the liveness check's one statement, and one
 * pool whose keys are a fresh RSA pair: the real verifier, checker, cache and revocation epoch.
 */
async function setUp() {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const jwk = { ...(await exportJWK(publicKey)), kid: "k1", alg: "RS256", use: "sig" };
  const entry = { verificationKeys: createLocalJWKSet({ keys: [jwk] }) };
  const reads: string[] = [];
  const live = { grant: true, enabled: true };
  // The grant and the user in one row, as lib/tokens/verify-pool-token.queries.ts selects them.
  const db = {
    $queryRaw: async () => (reads.push("live"), [{ grantFound: live.grant, grantExpiresAt: null, userFound: true, enabled: live.enabled }]),
  };
  const rt = { env: { publicUrl: PUBLIC_URL }, providers: { get: async () => entry }, db } as unknown as Pick<Runtime, "env" | "providers" | "db">;
  const sign = (claims: Record<string, unknown>) =>
    new SignJWT({
      iss: `${PUBLIC_URL}/${POOL}`, sub: "u-1", token_use: "access", client_id: "spa", username: "alice", origin_jti: "g-1",
      scope: "aws.cognito.signin.user.admin", "cognito:groups": ["staff"], exp: Math.floor(Date.now() / 1000) + 600, iat: Math.floor(Date.now() / 1000), ...claims,
    }).setProtectedHeader({ alg: "RS256", kid: "k1" }).sign(privateKey);
  return { rt, reads, live, sign };
}

const authorizer: TokenAuthorizer = {
  name: "orders", type: "COGNITO_USER_POOLS", poolIds: [POOL], tokenUse: "access", clientIds: ["spa"],
  rules: [{ path: "/admin/*", groups: ["admins"] }, { methods: ["POST"], path: "/orders/*", scopes: ["https://api.example.com/write"] }],
};

test("the hot path: a token seen before is answered without a database read until a revocation is noted in its pool", async () => {
  const { rt, reads, live, sign } = await setUp();
  const cache = createTokenCache();
  const token = await sign({});
  const ask = () => authorizeToken(rt, { authorizer, cache, method: "GET", path: "/orders/1", authorization: `Bearer ${token}` });
  assert.equal((await ask()).status, 200);
  assert.deepEqual(reads, ["live"]);
  for (let i = 0; i < 100; i++) assert.equal((await ask()).status, 200);
  assert.equal(reads.length, 1, "no read for a cached token");

  await noteRevocation("local_Other0001");
  await ask();
  assert.equal(reads.length, 1, "another pool's revocation does not touch this one's answers");

  live.grant = false;
  assert.equal((await ask()).status, 200, "unnoticed without a note: which is why every revocation path notes one");
  await noteRevocation(POOL);
  const refused = await ask();
  assert.equal(refused.status, 401);
  assert.match(refused.status === 401 ? refused.wwwAuthenticate ?? "" : "", /revoked or its user signed out/);
});

test("an allowed request carries who the token stands for; a rule not met is a 403 naming it", async () => {
  const { rt, sign } = await setUp();
  const cache = createTokenCache();
  const authorization = `Bearer ${await sign({})}`;
  const allowed = await authorizeToken(rt, { authorizer, cache, method: "GET", path: "/orders/1", authorization });
  assert.equal(allowed.status, 200);
  if (allowed.status !== 200) return;
  assert.equal(allowed.headers["X-Gatehouse-Username"], "alice");
  assert.equal(allowed.headers["X-Gatehouse-Groups"], "staff");
  assert.equal(allowed.headers["X-Gatehouse-Client-Id"], "spa");
  assert.equal(JSON.parse(Buffer.from(allowed.headers["X-Gatehouse-Claims"]!, "base64url").toString()).origin_jti, "g-1");
  assert.deepEqual(await authorizeToken(rt, { authorizer, cache, method: "GET", path: "/admin", authorization }), { status: 403, message: "The user is not in the group admins that /admin/* needs" });
  assert.equal((await authorizeToken(rt, { authorizer, cache, method: "POST", path: "/orders/9", authorization })).status, 403);
});

test("a Bearer token, or a bare one as API Gateway takes it; anything else is no token", () => {
  assert.equal(bearerToken("Bearer a.b.c"), "a.b.c");
  assert.equal(bearerToken("bearer   a.b.c "), "a.b.c");
  assert.equal(bearerToken("a.b.c"), "a.b.c");
  for (const none of [undefined, "", "Bearer", "Bearer ", "Basic dXNlcjpwdw==", "Bearer a b"]) assert.equal(bearerToken(none), null, String(none));
});
