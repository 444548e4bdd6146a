// An authorization code is redeemed once, even by requests that arrive together (one conditional
// update consumes it). Any second redemption is refused and, as OAuth 2.0 asks (RFC 6749 §4.1.2),
// revokes the tokens the first one issued.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { startServer, type RunningServer } from "../support/server.ts";
import { POOL, testConfig } from "../support/fixtures.ts";
import {
  CONFIDENTIAL_CLIENT as client, assertInvalidGrant, redeemCode, refresh, signInForCode, soleWinner, userInfoStatus, type TokenAnswer,
} from "../support/token-grants.ts";

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
  assertInvalidGrant(await refresh(issuer, client, issued.refresh_token!), "the refresh token of a reused code");
  assert.equal(await userInfoStatus(issuer, issued.access_token!), 401);
}

test(`${PARALLEL} parallel redemptions of one code: exactly one wins, and the reuse revokes what it issued`, async () => {
  for (let round = 0; round < 3; round++) {
    const grant = await signInForCode(server.url, { pool: POOL, clientId: client.id });
    const answers = await Promise.all(Array.from({ length: PARALLEL }, () => redeemCode(issuer, client, grant)));
    await assertRevoked(soleWinner(answers, `round ${round}: redemptions`));
  }
});

test("a code redeemed a second time later is refused and revokes the first redemption's tokens", async () => {
  const grant = await signInForCode(server.url, { pool: POOL, clientId: client.id });
  const first = await redeemCode(issuer, client, grant);
  assert.equal(first.status, 200, JSON.stringify(first.body));
  assert.equal(await userInfoStatus(issuer, first.body.access_token!), 200);
  assertInvalidGrant(await redeemCode(issuer, client, grant), "the code redeemed a second time");
  await assertRevoked(first.body);
});
