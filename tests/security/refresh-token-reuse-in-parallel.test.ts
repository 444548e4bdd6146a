// A rotated refresh token is used once, even by requests that arrive together: consuming it is one
// conditional update, so exactly one parallel refresh wins and the others are reuse, which revokes
// the whole grant (the winner's new tokens included), as a sequential reuse does.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { startServer, type RunningServer } from "../support/server.ts";
import { POOL, testConfig } from "../support/fixtures.ts";
import { CONFIDENTIAL_CLIENT as client, assertInvalidGrant, redeemCode, refresh, signInForCode, soleWinner, userInfoStatus } from "../support/token-grants.ts";

const PARALLEL = 8;

let server: RunningServer;
let issuer: string;
before(async () => {
  server = await startServer({ config: testConfig() });
  issuer = `${server.url}/${POOL}`;
});
after(async () => {
  await server?.stop();
});

test(`${PARALLEL} parallel refreshes with one rotated token: one wins, the rest are reuse, and the chain is dead`, async () => {
  // A few rounds: a race that is lost only sometimes must still be caught.
  for (let round = 0; round < 3; round++) {
    const tokens = await redeemCode(issuer, client, await signInForCode(server.url, { pool: POOL, clientId: client.id }));
    assert.equal(tokens.status, 200, JSON.stringify(tokens.body));
    // Rotate once, so the token raced on is itself a rotated one.
    const rotated = await refresh(issuer, client, tokens.body.refresh_token!);
    assert.equal(rotated.status, 200, JSON.stringify(rotated.body));
    const token = rotated.body.refresh_token!;
    assert.notEqual(token, tokens.body.refresh_token);

    const answers = await Promise.all(Array.from({ length: PARALLEL }, () => refresh(issuer, client, token)));
    const winner = soleWinner(answers, `round ${round}: refreshes`);

    // Reuse revoked the grant: every token of the chain is dead, the winner's new ones too.
    for (const dead of [winner.refresh_token!, token, tokens.body.refresh_token!]) {
      assertInvalidGrant(await refresh(issuer, client, dead), "a token of the revoked chain");
    }
    assert.equal(await userInfoStatus(issuer, winner.access_token!), 401);
    assert.equal(await userInfoStatus(issuer, rotated.body.access_token!), 401);
  }
});

test("a sequential reuse of a rotated token is refused and revokes the grant", async () => {
  const tokens = await redeemCode(issuer, client, await signInForCode(server.url, { pool: POOL, clientId: client.id }));
  const first = await refresh(issuer, client, tokens.body.refresh_token!);
  assert.equal(first.status, 200);
  assertInvalidGrant(await refresh(issuer, client, tokens.body.refresh_token!), "the rotated token used again");
  const newest = await refresh(issuer, client, first.body.refresh_token!);
  assert.equal(newest.body.error, "invalid_grant");
  assert.equal(await userInfoStatus(issuer, first.body.access_token!), 401);
});
