// Rule: /token-to-credentials (each call may verify a token, write an identity and, in sts mode,
// call STS) is limited per caller IP, like the other public endpoints: past the limit it answers
// 429 TooManyRequestsException with Retry-After, whatever the body.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { startServer, type RunningServer } from "../support/server.ts";
import { OPEN_POOL, credentialsConfig, tokenToCredentials } from "../support/identity-credentials.ts";
import { RATE_RULES } from "../../lib/security/rate-limit.ts";

const TOKEN_TO_CREDENTIALS_RATE = RATE_RULES.credentialsPerIp;

let server: RunningServer;
// The rule's limit scaled down to a handful (GATEHOUSE_RATE_LIMIT_FACTOR), so the test reaches it.
const FACTOR = 5 / TOKEN_TO_CREDENTIALS_RATE.limit;

before(async () => {
  server = await startServer({ config: credentialsConfig(), env: { GATEHOUSE_RATE_LIMIT_FACTOR: String(FACTOR) } });
});
after(async () => {
  await server?.stop();
});

test("the sixth call in the window from one IP is refused with 429 and Retry-After; invalid calls count too", async () => {
  const statuses: number[] = [];
  for (let i = 0; i < 5; i++) statuses.push((await tokenToCredentials(server, i % 2 ? { identityPoolId: OPEN_POOL } : {})).status);
  assert.deepEqual(statuses, [400, 200, 400, 200, 400]);
  const refused = await tokenToCredentials(server, { identityPoolId: OPEN_POOL });
  assert.equal(refused.status, 429);
  assert.equal(refused.body.__type, "TooManyRequestsException");
  const retryAfter = Number(refused.headers.get("retry-after"));
  assert.ok(retryAfter > 0 && retryAfter <= TOKEN_TO_CREDENTIALS_RATE.windowSeconds, String(retryAfter));
});
