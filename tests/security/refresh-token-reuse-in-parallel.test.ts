// A rotated refresh token is used once, even by requests that arrive together: consuming it is one
// conditional update, so exactly one parallel refresh wins and the others are reuse, which revokes
// the whole grant (the winner's new tokens included), as a sequential reuse does.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { startServer, type RunningServer } from "../support/server.ts";
import { CONFIDENTIAL_SECRET, POOL, testConfig } from "../support/fixtures.ts";
import { redeemCode, refresh, signInForCode, userInfoStatus } from "../support/token-grants.ts";

const client = { id: "confidential", secret: CONFIDENTIAL_SECRET }; // refreshTokenRotation: true
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
    const won = answers.filter((a) => a.status === 200);
    assert.equal(won.length, 1, `round ${round}: ${won.length} refreshes succeeded: ${JSON.stringify(answers.map((a) => a.status))}`);
    for (const lost of answers.filter((a) => a.status !== 200)) {
      assert.equal(lost.status, 400);
      assert.equal(lost.body.error, "invalid_grant");
    }

    // Reuse revoked the grant: every token of the chain is dead, the winner's new ones too.
    const winner = won[0]!.body;
    for (const dead of [winner.refresh_token!, token, tokens.body.refresh_token!]) {
      const again = await refresh(issuer, client, dead);
      assert.equal(again.status, 400);
      assert.equal(again.body.error, "invalid_grant");
    }
    assert.equal(await userInfoStatus(issuer, winner.access_token!), 401);
    assert.equal(await userInfoStatus(issuer, rotated.body.access_token!), 401);
  }
});

test("a sequential reuse of a rotated token is refused and revokes the grant", async () => {
  const tokens = await redeemCode(issuer, client, await signInForCode(server.url, { pool: POOL, clientId: client.id }));
  const first = await refresh(issuer, client, tokens.body.refresh_token!);
  assert.equal(first.status, 200);
  const reuse = await refresh(issuer, client, tokens.body.refresh_token!);
  assert.equal(reuse.status, 400);
  assert.equal(reuse.body.error, "invalid_grant");
  const newest = await refresh(issuer, client, first.body.refresh_token!);
  assert.equal(newest.body.error, "invalid_grant");
  assert.equal(await userInfoStatus(issuer, first.body.access_token!), 401);
});
