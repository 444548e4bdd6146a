// An authorization code is redeemed once, even by requests that arrive together (one conditional
// update consumes it). Any second redemption is refused and, as OAuth 2.0 asks (RFC 6749 §4.1.2),
// revokes the tokens the first one issued.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { startServer, type RunningServer } from "../support/server.ts";
import { CONFIDENTIAL_SECRET, POOL, testConfig } from "../support/fixtures.ts";
import { redeemCode, refresh, signInForCode, userInfoStatus, type TokenAnswer } from "../support/token-grants.ts";

const client = { id: "confidential", secret: CONFIDENTIAL_SECRET };
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

async function assertRevoked(issued: TokenAnswer["body"]) {
  const again = await refresh(issuer, client, issued.refresh_token!);
  assert.equal(again.status, 400);
  assert.equal(again.body.error, "invalid_grant");
  assert.equal(await userInfoStatus(issuer, issued.access_token!), 401);
}

test(`${PARALLEL} parallel redemptions of one code: exactly one wins, and the reuse revokes what it issued`, async () => {
  for (let round = 0; round < 3; round++) {
    const grant = await signInForCode(server.url, { pool: POOL, clientId: client.id });
    const answers = await Promise.all(Array.from({ length: PARALLEL }, () => redeemCode(issuer, client, grant)));
    const won = answers.filter((a) => a.status === 200);
    assert.equal(won.length, 1, `round ${round}: ${won.length} redemptions succeeded: ${JSON.stringify(answers.map((a) => a.status))}`);
    for (const lost of answers.filter((a) => a.status !== 200)) {
      assert.equal(lost.status, 400);
      assert.equal(lost.body.error, "invalid_grant");
    }
    await assertRevoked(won[0]!.body);
  }
});

test("a code redeemed a second time later is refused and revokes the first redemption's tokens", async () => {
  const grant = await signInForCode(server.url, { pool: POOL, clientId: client.id });
  const first = await redeemCode(issuer, client, grant);
  assert.equal(first.status, 200, JSON.stringify(first.body));
  assert.equal(await userInfoStatus(issuer, first.body.access_token!), 200);
  const second = await redeemCode(issuer, client, grant);
  assert.equal(second.status, 400);
  assert.equal(second.body.error, "invalid_grant");
  await assertRevoked(first.body);
});
