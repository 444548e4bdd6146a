// `npm run trigger-host` serves Cognito trigger modules unchanged: each example under
// examples/triggers/ answers signed events as its Lambda would, and unsigned ones are refused.
import { after, describe, test } from "node:test";
import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { signBody } from "../../lib/triggers/signature.ts";
import { freePort } from "../support/server.ts";

const SECRET = "whsec_trigger-host-test-secret";
const running: ChildProcess[] = [];
after(() => {
  for (const child of running) child.kill();
});

async function host(example: string): Promise<string> {
  const port = await freePort();
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/trigger-host.ts", `examples/triggers/${example}`, "--port", String(port), "--secret", SECRET], { stdio: ["ignore", "pipe", "pipe"] });
  running.push(child);
  let output = "";
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`trigger-host did not start:\n${output}`)), 20_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("listening on")) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("exit", (code) => reject(new Error(`trigger-host exited (${code}):\n${output}`)));
  });
  return `http://127.0.0.1:${port}/`;
}

async function post(url: string, event: object, signature?: string) {
  const body = JSON.stringify(event);
  const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json", "gatehouse-signature": signature ?? signBody(SECRET, body) }, body });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

function event(triggerSource: string, request: object, response: object = {}, userName = "4f8e2a6c-1b3d-4e5f-9a7b-0c1d2e3f4a5b") {
  return { version: "1", triggerSource, region: "local", userPoolId: "local_Trigger01", userName, callerContext: { awsSdkVersion: "aws-sdk-unknown-unknown", clientId: "client" }, request, response };
}

describe("trigger-host", () => {
  test("auto-confirm-domain confirms and verifies a user of the allowed domain", async () => {
    const url = await host("auto-confirm-domain.mjs");
    const answer = await post(url, event("PreSignUp_SignUp", { userAttributes: { email: "ann@example.com" }, validationData: null }, { autoConfirmUser: false, autoVerifyEmail: false, autoVerifyPhone: false }));
    assert.equal(answer.status, 200);
    assert.deepEqual(answer.json.response, { autoConfirmUser: true, autoVerifyEmail: true, autoVerifyPhone: false });
    assert.equal(answer.json.triggerSource, "PreSignUp_SignUp");

    const refused = await post(url, event("PreSignUp_SignUp", { userAttributes: { email: "eve@elsewhere.test" } }, {}));
    assert.equal(refused.status, 200, "a handler's error is an answer, not a failure to retry");
    assert.deepEqual(refused.json, { errorMessage: "Domain not allowed.", errorType: "Error" });
  });

  test("a request without a valid signature is refused with 401", async () => {
    const url = await host("auto-confirm-domain.mjs");
    const payload = event("PreSignUp_SignUp", { userAttributes: { email: "ann@example.com" } });
    assert.equal((await post(url, payload, "t=1,v1=" + "0".repeat(64))).status, 401);
    assert.equal((await post(url, payload, signBody("whsec_some-other-secret-value", JSON.stringify(payload)))).status, 401);
    const stale = Math.floor(Date.now() / 1000) - 3600;
    assert.equal((await post(url, payload, signBody(SECRET, JSON.stringify(payload), stale))).status, 401, "an old signature is a replay");
    const response = await fetch(url, { method: "POST", body: JSON.stringify(payload) });
    assert.equal(response.status, 401);
  });

  test("pre-token-v2 adds a claim to both tokens and a scope to the access token", async () => {
    const url = await host("pre-token-v2.mjs");
    const answer = await post(url, { ...event("TokenGeneration_HostedAuth", { userAttributes: { sub: "x" }, groupConfiguration: {}, scopes: ["openid"] }, { claimsAndScopeOverrideDetails: null }), version: "2" });
    assert.equal(answer.status, 200);
    assert.deepEqual(answer.json.response, {
      claimsAndScopeOverrideDetails: {
        idTokenGeneration: { claimsToAddOrOverride: { department: "engineering" } },
        accessTokenGeneration: { claimsToAddOrOverride: { department: "engineering" }, scopesToAdd: ["orders/read"] },
      },
    });
  });

  test("migrate-users (callback style) hands over a legacy user with the right password only", async () => {
    const url = await host("migrate-users.mjs");
    const migrated = await post(url, event("UserMigration_Authentication", { password: "Legacy-Passw0rd!", validationData: null }, { userAttributes: null, finalUserStatus: null, messageAction: null }, "legacy.user@example.com"));
    assert.equal(migrated.status, 200);
    assert.deepEqual(migrated.json.response, {
      userAttributes: { email: "legacy.user@example.com", email_verified: "true", name: "Legacy User" }, finalUserStatus: "CONFIRMED", messageAction: "SUPPRESS",
    });
    const wrong = await post(url, event("UserMigration_Authentication", { password: "guess" }, {}, "legacy.user@example.com"));
    assert.deepEqual(wrong.json, { errorMessage: "Bad password", errorType: "Error" });
    const forgot = await post(url, event("UserMigration_ForgotPassword", {}, {}, "old.timer@example.com"));
    assert.equal((forgot.json.response as { messageAction: string }).messageAction, "SUPPRESS");
  });
});
