// Rule: a recovery code signs in once. Used, it is refused; two requests racing with the same
// code (two sign-ins, each at its TOTP challenge) get one sign-in between them.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { InitiateAuthCommand, RespondToAuthChallengeCommand } from "@aws-sdk/client-cognito-identity-provider";
import { startServer, type RunningServer } from "../support/server.ts";
import { PASSWORD } from "../support/fixtures.ts";
import { sdkClient } from "../support/cognito-api.ts";
import { enrol, RECOVERY_CLIENT, recoveryConfig } from "../support/recovery.ts";

let server: RunningServer;
before(async () => {
  server = await startServer({ config: recoveryConfig() });
});
after(async () => {
  await server?.stop();
});

async function atChallenge(email: string): Promise<string> {
  const started = await sdkClient(server).send(new InitiateAuthCommand({ ClientId: RECOVERY_CLIENT, AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: email, PASSWORD } }));
  assert.equal(started.ChallengeName, "SOFTWARE_TOKEN_MFA");
  return started.Session!;
}

function answer(email: string, session: string, code: string) {
  return sdkClient(server).send(new RespondToAuthChallengeCommand({
    ClientId: RECOVERY_CLIENT, ChallengeName: "SOFTWARE_TOKEN_MFA", Session: session, ChallengeResponses: { USERNAME: email, RECOVERY_CODE: code },
  }));
}

test("recovery codes are single use: a used code is refused", async () => {
  const { codes } = await enrol(server.url, "rita@example.com");
  assert.ok((await answer("rita@example.com", await atChallenge("rita@example.com"), codes[0]!)).AuthenticationResult);
  await assert.rejects(answer("rita@example.com", await atChallenge("rita@example.com"), codes[0]!), { name: "CodeMismatchException" });
  // Another code of the set still works.
  assert.ok((await answer("rita@example.com", await atChallenge("rita@example.com"), codes[1]!)).AuthenticationResult);
});

test("recovery codes are single use: of sign-ins racing with the same code, one wins", async () => {
  const { codes } = await enrol(server.url, "sam@example.com");
  // Four at once (the three that lose count as wrong codes, below the lockout's five).
  const sessions = await Promise.all([1, 2, 3, 4].map(() => atChallenge("sam@example.com")));
  const results = await Promise.allSettled(sessions.map((session) => answer("sam@example.com", session, codes[0]!)));
  const won = results.filter((r) => r.status === "fulfilled");
  const lost = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
  assert.equal(won.length, 1, `${won.length} sign-ins with one code`);
  for (const r of lost) assert.equal((r.reason as Error).name, "CodeMismatchException");
});
