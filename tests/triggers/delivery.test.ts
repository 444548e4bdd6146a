// Webhook delivery, end to end: triggers configured in the config file and the admin API, a test
// event sent through the admin API to a real HTTP server, and what Gatehouse does with each kind
// of answer (Cognito's 5-second timeout, 3 tries on timeouts and 5xx, no retry on a 4xx or a
// handler's error, UserLambdaValidationException's text).
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { verifySignature } from "../../lib/triggers/signature.ts";
import { ADMIN_EMAIL, ADMIN_PASSWORD, apiClient, createApiKey } from "../support/console.ts";
import { POOL, testConfig } from "../support/fixtures.ts";
import { startServer, type RunningServer } from "../support/server.ts";
import { startWebhookReceiver, type WebhookReceiver } from "../support/webhook-receiver.ts";

const SECRET = "whsec_delivery-test-secret-0001";
let server: RunningServer;
let receiver: WebhookReceiver;
let api: ReturnType<typeof apiClient>;

type TestResult = { ok: boolean; durationMs: number; triggerSource: string; response?: Record<string, unknown>; error?: string };

before(async () => {
  receiver = await startWebhookReceiver();
  const config = testConfig();
  (config.pools[0] as Record<string, unknown>).triggers = { preSignUp: { url: `${receiver.url}/pre-sign-up`, secret: SECRET } };
  server = await startServer({ config, env: { GATEHOUSE_ADMIN_EMAIL: ADMIN_EMAIL, GATEHOUSE_ADMIN_PASSWORD: ADMIN_PASSWORD } });
  api = apiClient(server.url, await createApiKey(server.url));
});
after(async () => {
  await server?.stop();
  await receiver?.stop();
});

async function sendTest(trigger = "preSignUp"): Promise<TestResult> {
  const { status, body } = await api("POST", `/pools/${POOL}/triggers/${trigger}/test`);
  assert.equal(status, 200, JSON.stringify(body));
  return body as TestResult;
}

/** Points preSignUp at a fresh path, so each test counts its own requests. */
async function preSignUpAt(path: string) {
  const { status, body } = await api("PUT", `/pools/${POOL}/triggers`, { preSignUp: { url: `${receiver.url}${path}`, secret: SECRET } });
  assert.equal(status, 200, JSON.stringify(body));
}

describe("configuration", () => {
  test("triggers from the config file are read back without their secret", async () => {
    const { status, body } = await api("GET", `/pools/${POOL}/triggers`);
    assert.equal(status, 200);
    assert.deepEqual(body, { triggers: { preSignUp: { url: `${receiver.url}/pre-sign-up`, hasSecret: true } } });
    assert.ok(!JSON.stringify(body).includes(SECRET));
  });

  test("a PUT replaces the whole set; a webhook without secret keeps its stored one only for the same url", async () => {
    const lambdaArn = "arn:aws:lambda:us-east-1:123456789012:function:post-confirmation";
    const replaced = await api("PUT", `/pools/${POOL}/triggers`, {
      preSignUp: { url: `${receiver.url}/kept` , secret: SECRET },
      postConfirmation: { lambdaArn },
      preTokenGeneration: { url: `${receiver.url}/tokens`, secret: "whsec_tokens-secret-000001", version: "V2_0" },
    });
    assert.equal(replaced.status, 200, JSON.stringify(replaced.body));
    assert.deepEqual(replaced.body.triggers, {
      preSignUp: { url: `${receiver.url}/kept`, hasSecret: true }, postConfirmation: { lambdaArn },
      preTokenGeneration: { url: `${receiver.url}/tokens`, hasSecret: true, version: "V2_0" },
    });

    // Without secret, same url: the stored secret still signs.
    const kept = await api("PUT", `/pools/${POOL}/triggers`, { preSignUp: { url: `${receiver.url}/kept` } });
    assert.equal(kept.status, 200, JSON.stringify(kept.body));
    assert.deepEqual(kept.body.triggers, { preSignUp: { url: `${receiver.url}/kept`, hasSecret: true } }, "the triggers not given are gone");
    assert.equal((await sendTest()).ok, true);
    const last = receiver.at("/kept").at(-1)!;
    assert.ok(verifySignature(SECRET, last.body, last.headers["gatehouse-signature"] as string));

    // Without secret, another url: refused (the old secret is not sent to a new place).
    const moved = await api("PUT", `/pools/${POOL}/triggers`, { preSignUp: { url: `${receiver.url}/elsewhere` } });
    assert.equal(moved.status, 400);
    assert.equal(moved.body.error.code, "InvalidParameterException");
    assert.equal(moved.body.error.field, "preSignUp.secret");
  });

  test("the OpenAPI document describes the trigger endpoints", async () => {
    const doc = (await (await fetch(`${server.url}/api/admin/openapi.json`)).json()) as { paths: Record<string, Record<string, { operationId: string; requestBody?: unknown }>> };
    assert.equal(doc.paths["/pools/{poolId}/triggers"]!.get!.operationId, "getTriggers");
    assert.match(JSON.stringify(doc.paths["/pools/{poolId}/triggers"]!.put!.requestBody), /preTokenGeneration/);
    assert.equal(doc.paths["/pools/{poolId}/triggers/deliveries"]!.get!.operationId, "listTriggerDeliveries");
    assert.equal(doc.paths["/pools/{poolId}/triggers/{trigger}/test"]!.post!.operationId, "sendTriggerTestEvent");
  });

  test("invalid triggers are refused with the field named", async () => {
    const cases: [unknown, RegExp][] = [
      [{ preSignUp: { url: "ftp://hooks.example.com/x", secret: SECRET } }, /url/],
      [{ preSignUp: { url: `${receiver.url}/x`, secret: "short" } }, /secret must be at least 16/],
      [{ preSignUp: { lambdaArn: "arn:aws:lambda:us-east-1:1:function:x" } }, /lambdaArn/],
      [{ preSignUp: { url: `${receiver.url}/x`, secret: SECRET, version: "V2_0" } }, /version is for preTokenGeneration only/],
      [{ defineAuthChallenge: { lambdaArn: "arn:aws:lambda:us-east-1:123456789012:function:define" } }, /custom authentication needs all three/],
      [{ preSignup: { url: `${receiver.url}/x`, secret: SECRET } }, /preSignup/],
    ];
    for (const [input, message] of cases) {
      const { status, body } = await api("PUT", `/pools/${POOL}/triggers`, input);
      assert.equal(status, 400, JSON.stringify(input));
      assert.match(body.error.message, message);
    }
  });

  test("the audit log records a change of triggers with the secrets redacted", async () => {
    await preSignUpAt("/audited");
    const { body } = await api("GET", `/audit-events?type=admin.setTriggers&poolId=${POOL}`);
    assert.ok(body.events.length > 0);
    assert.ok(!JSON.stringify(body.events).includes(SECRET));
    assert.equal(body.events[0].details.request.preSignUp.secret, "[redacted]");
  });

  test("an export carries the triggers without secrets, and its import keeps the stored secret", async () => {
    await preSignUpAt("/exported");
    const exported = await api("GET", `/pools/${POOL}/export?users=false`);
    assert.deepEqual(exported.body.triggers, { preSignUp: { url: `${receiver.url}/exported` } });
    assert.ok(!JSON.stringify(exported.body).includes(SECRET));
    const imported = await api("POST", "/pools/import", exported.body);
    assert.equal(imported.status, 200, JSON.stringify(imported.body));
    assert.equal((await sendTest()).ok, true);
    const last = receiver.at("/exported").at(-1)!;
    assert.ok(verifySignature(SECRET, last.body, last.headers["gatehouse-signature"] as string));
  });
});

describe("delivery", () => {
  test("the event is POSTed as JSON with a Gatehouse-Signature the receiver verifies with the secret", async () => {
    await preSignUpAt("/signed");
    receiver.answer("/signed", (r) => ({ json: { ...r.event, response: { autoConfirmUser: true, autoVerifyEmail: true, autoVerifyPhone: false } } }));
    const result = await sendTest();
    assert.equal(result.ok, true);
    assert.equal(result.triggerSource, "PreSignUp_SignUp");
    assert.deepEqual(result.response, { autoConfirmUser: true, autoVerifyEmail: true, autoVerifyPhone: false });
    const [request] = receiver.at("/signed");
    assert.equal(request!.headers["content-type"], "application/json");
    const header = request!.headers["gatehouse-signature"] as string;
    assert.match(header, /^t=\d+,v1=[0-9a-f]{64}$/);
    assert.ok(verifySignature(SECRET, request!.body, header));
    assert.ok(!verifySignature("whsec_not-the-right-secret-01", request!.body, header));
    assert.ok(!verifySignature(SECRET, request!.body.replace("PreSignUp_SignUp", "PreSignUp_AdminCreateUser"), header), "the signature covers the body");
    type Event = { version: string; triggerSource: string; region: string; userPoolId: string; userName: string; callerContext: { awsSdkVersion: string; clientId: string }; request: { userAttributes: { email?: string } }; response: object };
    const event = request!.event as Event;
    assert.equal(event.version, "1");
    assert.equal(event.triggerSource, "PreSignUp_SignUp");
    assert.equal(event.region, "local");
    assert.equal(event.userPoolId, POOL);
    assert.equal(typeof event.userName, "string");
    assert.equal(event.callerContext.awsSdkVersion, "aws-sdk-unknown-unknown");
    assert.equal(typeof event.callerContext.clientId, "string");
    assert.equal(typeof event.request.userAttributes.email, "string");
    assert.deepEqual(event.response, { autoConfirmUser: false, autoVerifyEmail: false, autoVerifyPhone: false });
  });

  test("a handler's errorMessage fails at once with UserLambdaValidationException's text", async () => {
    await preSignUpAt("/refuses");
    receiver.answer("/refuses", () => ({ json: { errorMessage: "Domain not allowed.", errorType: "Error" } }));
    const result = await sendTest();
    assert.equal(result.ok, false);
    assert.equal(result.error, "PreSignUp failed with error Domain not allowed.");
    assert.equal(receiver.at("/refuses").length, 1);
  });

  test("a 5xx answer is retried, up to 3 tries", async () => {
    await preSignUpAt("/flaky");
    receiver.answer("/flaky", (r, n) => (n < 3 ? { status: 503, text: "busy" } : { json: r.event }));
    assert.equal((await sendTest()).ok, true);
    assert.equal(receiver.at("/flaky").length, 3);

    await preSignUpAt("/down");
    receiver.answer("/down", () => ({ status: 500, json: { errorMessage: "Internal failure" } }));
    const result = await sendTest();
    assert.equal(result.ok, false);
    assert.equal(result.error, "PreSignUp failed with error Internal failure.");
    assert.equal(receiver.at("/down").length, 3, "no fourth try");
  });

  test("a 4xx answer is not retried", async () => {
    await preSignUpAt("/bad-request");
    receiver.answer("/bad-request", () => ({ status: 400, text: "no" }));
    const result = await sendTest();
    assert.equal(result.ok, false);
    assert.equal(result.error, "PreSignUp failed with error the handler answered 400.");
    assert.equal(receiver.at("/bad-request").length, 1);
  });

  test("an answer that is not JSON fails without a retry", async () => {
    await preSignUpAt("/html");
    receiver.answer("/html", () => ({ text: "<html>ok</html>" }));
    const result = await sendTest();
    assert.equal(result.ok, false);
    assert.equal(result.error, "PreSignUp failed with error the handler's answer is not JSON.");
    assert.equal(receiver.at("/html").length, 1);
  });

  test("a handler slower than 5 seconds times out and is tried again", async () => {
    await preSignUpAt("/slow");
    receiver.answer("/slow", (r, n) => (n === 1 ? { delayMs: 5_600, json: r.event } : { json: r.event }));
    const result = await sendTest();
    assert.equal(result.ok, true);
    assert.equal(receiver.at("/slow").length, 2);
    assert.ok(result.durationMs >= 5_000, `took ${result.durationMs} ms`);
  });

  test("an unreachable handler is tried 3 times, then fails", async () => {
    const { status } = await api("PUT", `/pools/${POOL}/triggers`, { preSignUp: { url: "http://127.0.0.1:9/nothing-listens", secret: SECRET } });
    assert.equal(status, 200);
    const result = await sendTest();
    assert.equal(result.ok, false);
    assert.equal(result.error, "PreSignUp failed with error the handler could not be reached.");
  });

  test("deliveries are listed newest first with source, status, tries, duration and error", async () => {
    const { status, body } = await api("GET", `/pools/${POOL}/triggers/deliveries?trigger=preSignUp`);
    assert.equal(status, 200);
    const deliveries = body.deliveries as { triggerSource: string; ok: boolean; status: number | null; tries: number; durationMs: number; error: string | null; createdAt: string }[];
    assert.ok(deliveries.length >= 8 && deliveries.length <= 20);
    const [unreachable, slow] = deliveries;
    assert.deepEqual({ ok: unreachable!.ok, status: unreachable!.status, tries: unreachable!.tries }, { ok: false, status: null, tries: 3 });
    assert.equal(unreachable!.error, "the handler could not be reached");
    assert.deepEqual({ ok: slow!.ok, status: slow!.status, tries: slow!.tries, error: slow!.error }, { ok: true, status: 200, tries: 2, error: null });
    assert.equal(slow!.triggerSource, "PreSignUp_SignUp");
    const times = deliveries.map((d) => Date.parse(d.createdAt));
    assert.deepEqual(times, [...times].sort((a, b) => b - a));
    const other = await api("GET", `/pools/${POOL}/triggers/deliveries?trigger=postConfirmation`);
    assert.deepEqual(other.body.deliveries, []);
    assert.equal((await api("GET", `/pools/${POOL}/triggers/deliveries?trigger=nope`)).status, 400);
  });

  test("a test event for a trigger the pool does not have is refused", async () => {
    const { status, body } = await api("POST", `/pools/${POOL}/triggers/customMessage/test`);
    assert.equal(status, 400);
    assert.equal(body.error.code, "InvalidParameterException");
  });
});
