// `kill -9` of the server in the middle of a token exchange. A proxy between the server and
// PostgreSQL (tests/support/pg-proxy.ts) holds a chosen statement — the write that spends the
// authorization code or the refresh token, or the one that stores its successor — so the server
// dies at that exact point with the request in flight. After a restart nothing is spent twice: a
// code is accepted at most once, a used code or rotated refresh token is refused, and nothing the
// killed request wrote can be used instead.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import type pg from "pg";
import type { RunningServer } from "../support/server.ts";
import { crashWhileHeld, type Hold, type PgProxy, type Statement } from "../support/pg-proxy.ts";
import { startServerBehindPgProxy } from "../support/server-behind-pg-proxy.ts";
import { POOL, testConfig } from "../support/fixtures.ts";
import { CONFIDENTIAL_CLIENT, assertInvalidGrant, redeemCode, refresh as refreshAt, signInForCode, type TokenAnswer } from "../support/token-grants.ts";

let proxy: PgProxy, server: RunningServer, db: pg.Client;
let stop = async () => {};
before(async () => {
  ({ proxy, server, db, stop } = await startServerBehindPgProxy({ config: testConfig() }));
});
after(() => stop());

/** Signs alice in with the confidential client (refresh tokens rotate) and returns a fresh code. */
async function authorizationCode(): Promise<{ exchange: () => Promise<TokenAnswer>; code: string }> {
  const grant = await signInForCode(server.url, { pool: POOL, clientId: CONFIDENTIAL_CLIENT.id });
  return { code: grant.code, exchange: () => redeemCode(`${server.url}/${POOL}`, CONFIDENTIAL_CLIENT, grant) };
}

const refresh = (token: string) => refreshAt(`${server.url}/${POOL}`, CONFIDENTIAL_CLIENT, token);

const writes = (verb: "INSERT" | "UPDATE", model: string) => (s: Statement) =>
  new RegExp(`^\\s*${verb}\\b[^]*"OidcPayload"`, "i").test(s.sql) && s.params.includes(`${POOL}/${model}`);
/** The write that marks an artifact used (oidc-provider's `consume`). */
const consumptionOf = (model: string): Hold["when"] => (s) => writes("UPDATE", model)(s) && /"consumedAt"/.test(s.sql);
/** The write that stores a new artifact. */
const storageOf = (model: string): Hold["when"] => writes("INSERT", model);

/** Refresh tokens of a grant that the database still holds unspent (what a killed request may have left). */
async function unspentRefreshTokens(grantId: string, except?: string): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    `SELECT id FROM "OidcPayload" WHERE type = $1 AND "grantId" = $2 AND "consumedAt" IS NULL AND id <> $3`,
    [`${POOL}/RefreshToken`, grantId, except ?? ""],
  );
  return rows.map((r) => r.id);
}

async function grantOf(type: "AuthorizationCode" | "RefreshToken", id: string): Promise<string> {
  const { rows } = await db.query<{ grantId: string }>(`SELECT "grantId" FROM "OidcPayload" WHERE type = $1 AND id = $2`, [`${POOL}/${type}`, id]);
  assert.ok(rows[0]?.grantId, `no ${type} ${id} in the database`);
  return rows[0].grantId;
}

// `spent`: the killed request's write of the code (or token) reached the database; `left`: how many
// refresh tokens it stored that its client never received.
const CODE_CRASHES: { at: string; hold: Hold; spent: boolean; left: number }[] = [
  { at: "just after the code is marked used", hold: { when: consumptionOf("AuthorizationCode"), phase: "after" }, spent: true, left: 0 },
  { at: "just after the new refresh token is stored", hold: { when: storageOf("RefreshToken"), phase: "after" }, spent: true, left: 1 },
  { at: "just before the code is marked used", hold: { when: consumptionOf("AuthorizationCode"), phase: "before" }, spent: false, left: 0 },
];

for (const { at, hold, spent, left } of CODE_CRASHES) {
  test(`authorization code, killed ${at}: it is accepted at most once, and nothing the killed request stored works`, async () => {
    const { code, exchange } = await authorizationCode();
    await crashWhileHeld(proxy, server, hold, exchange);
    const grantId = await grantOf("AuthorizationCode", code);
    const leftovers = await unspentRefreshTokens(grantId);
    assert.equal(leftovers.length, left, "refresh tokens the killed request stored");

    if (spent) {
      assertInvalidGrant(await exchange(), "the code used by the killed request");
    } else {
      const first = await exchange();
      assert.equal(first.status, 200, `the code the killed request never spent is accepted once: ${JSON.stringify(first.body)}`);
      assertInvalidGrant(await exchange(), "the same code a second time");
      // Reuse of a code revokes what it was exchanged for (RFC 6749 4.1.2).
      assertInvalidGrant(await refresh(first.body.refresh_token!), "the refresh token of a code used twice");
    }
    for (const token of leftovers) assertInvalidGrant(await refresh(token), "a refresh token stored by the killed request");
  });
}

const REFRESH_CRASHES: { at: string; hold: Hold; spent: boolean; left: number }[] = [
  { at: "just after the old token is marked used", hold: { when: consumptionOf("RefreshToken"), phase: "after" }, spent: true, left: 0 },
  { at: "just after its successor is stored", hold: { when: storageOf("RefreshToken"), phase: "after" }, spent: true, left: 1 },
  { at: "just before the old token is marked used", hold: { when: consumptionOf("RefreshToken"), phase: "before" }, spent: false, left: 0 },
];

for (const { at, hold, spent, left } of REFRESH_CRASHES) {
  test(`rotating refresh token, killed ${at}: it is accepted at most once, and no successor of the killed request works`, async () => {
    const { exchange } = await authorizationCode();
    const tokens = await exchange();
    assert.equal(tokens.status, 200);
    const old = tokens.body.refresh_token!;
    await crashWhileHeld(proxy, server, hold, () => refresh(old));
    const leftovers = await unspentRefreshTokens(await grantOf("RefreshToken", old), old);
    assert.equal(leftovers.length, left, "successors the killed request stored");

    if (spent) {
      assertInvalidGrant(await refresh(old), "the refresh token spent by the killed request");
    } else {
      const first = await refresh(old);
      assert.equal(first.status, 200, `the token the killed request never spent is accepted once: ${JSON.stringify(first.body)}`);
      assert.notEqual(first.body.refresh_token, old, "it rotates");
      assertInvalidGrant(await refresh(old), "the same refresh token a second time");
      // Reuse of a rotated token revokes the grant, the successor included.
      assertInvalidGrant(await refresh(first.body.refresh_token!), "the successor of a token used twice");
    }
    for (const token of leftovers) assertInvalidGrant(await refresh(token), "a successor stored by the killed request");
  });
}
