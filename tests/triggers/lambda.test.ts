// The Lambda path: a trigger named by `lambdaArn` (with `endpoint`) is invoked with the AWS SDK and
// the default credential chain, against a local stand-in for the Lambda Invoke API
// (POST /2015-03-31/functions/{name}/invocations), as Cognito invokes it: RequestResponse, the
// event as the payload, the function's answer (or its X-Amz-Function-Error) back.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createServer, type IncomingHttpHeaders } from "node:http";
import { ADMIN_EMAIL, ADMIN_PASSWORD, apiClient, createApiKey } from "../support/console.ts";
import { POOL, testConfig } from "../support/fixtures.ts";
import { startServer, type RunningServer } from "../support/server.ts";

const ACCESS_KEY = "AKIAGATEHOUSETEST01";
const FUNCTION_ARN = "arn:aws:lambda:eu-west-1:123456789012:function:pre-sign-up";

type Invocation = { path: string; headers: IncomingHttpHeaders; event: { triggerSource: string; request: { userAttributes: { email: string } }; response: object } };
const invocations: Invocation[] = [];
let server: RunningServer;
let lambda: ReturnType<typeof createServer>;
let endpoint: string;
let api: ReturnType<typeof apiClient>;

/** Lambda's Invoke API as far as Cognito uses it: a handler that refuses other domains with an Unhandled error. */
function startLambdaStandIn() {
  lambda = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const match = /^\/2015-03-31\/functions\/([^/]+)\/invocations$/.exec(request.url ?? "");
    if (request.method !== "POST" || !match) {
      response.writeHead(404, { "content-type": "application/json", "x-amzn-errortype": "ResourceNotFoundException" }).end(JSON.stringify({ message: "Function not found" }));
      return;
    }
    const event = JSON.parse(Buffer.concat(chunks).toString("utf8")) as Invocation["event"];
    invocations.push({ path: request.url!, headers: request.headers, event });
    const headers = { "content-type": "application/json", "x-amz-executed-version": "$LATEST", "x-amzn-requestid": "req-1" };
    const name = decodeURIComponent(match[1]!);
    if (name.endsWith(":unavailable")) {
      response.writeHead(503, { "content-type": "application/json", "x-amzn-errortype": "ServiceException" }).end(JSON.stringify({ message: "Service unavailable" }));
      return;
    }
    if (name.endsWith(":refuse-sign-up") || !event.request.userAttributes.email.endsWith("@example.com")) {
      response.writeHead(200, { ...headers, "x-amz-function-error": "Unhandled" }).end(JSON.stringify({ errorType: "Error", errorMessage: "Domain not allowed.", trace: [] }));
      return;
    }
    response.writeHead(200, headers).end(JSON.stringify({ ...event, response: { autoConfirmUser: true, autoVerifyEmail: true, autoVerifyPhone: false } }));
  });
  return new Promise<void>((resolve) => lambda.listen(0, "127.0.0.1", () => {
    endpoint = `http://127.0.0.1:${(lambda.address() as { port: number }).port}`;
    resolve();
  }));
}

before(async () => {
  await startLambdaStandIn();
  server = await startServer({
    config: testConfig(),
    // The default credential chain finds these first, as on a machine with AWS credentials.
    env: { GATEHOUSE_ADMIN_EMAIL: ADMIN_EMAIL, GATEHOUSE_ADMIN_PASSWORD: ADMIN_PASSWORD, AWS_ACCESS_KEY_ID: ACCESS_KEY, AWS_SECRET_ACCESS_KEY: "gatehouse-test-secret-access-key", AWS_EC2_METADATA_DISABLED: "true" },
  });
  api = apiClient(server.url, await createApiKey(server.url));
});
after(async () => {
  await server?.stop();
  lambda?.closeAllConnections();
  await new Promise((resolve) => lambda?.close(resolve));
});

describe("Lambda triggers", () => {
  test("a Lambda trigger is invoked with the event, signed with the default credential chain", async () => {
    const saved = await api("PUT", `/pools/${POOL}/triggers`, { preSignUp: { lambdaArn: FUNCTION_ARN, endpoint } });
    assert.equal(saved.status, 200, JSON.stringify(saved.body));
    assert.deepEqual(saved.body.triggers, { preSignUp: { lambdaArn: FUNCTION_ARN, endpoint } });

    const { body } = await api("POST", `/pools/${POOL}/triggers/preSignUp/test`);
    assert.equal(body.ok, true, JSON.stringify(body));
    assert.deepEqual(body.response, { autoConfirmUser: true, autoVerifyEmail: true, autoVerifyPhone: false });

    const [call] = invocations;
    assert.equal(decodeURIComponent(call!.path), `/2015-03-31/functions/${FUNCTION_ARN}/invocations`);
    assert.equal(call!.headers["x-amz-invocation-type"], "RequestResponse");
    assert.match(String(call!.headers.authorization), new RegExp(`^AWS4-HMAC-SHA256 Credential=${ACCESS_KEY}/\\d{8}/eu-west-1/lambda/aws4_request`));
    assert.equal(call!.event.triggerSource, "PreSignUp_SignUp");
  });

  test("a function error (X-Amz-Function-Error) fails with UserLambdaValidationException's text, without a retry", async () => {
    invocations.length = 0;
    const saved = await api("PUT", `/pools/${POOL}/triggers`, { preSignUp: { lambdaArn: FUNCTION_ARN.replace("pre-sign-up", "refuse-sign-up"), endpoint } });
    assert.equal(saved.status, 200);
    const { body } = await api("POST", `/pools/${POOL}/triggers/preSignUp/test`);
    assert.equal(body.ok, false);
    assert.equal(body.error, "PreSignUp failed with error Domain not allowed.");
    assert.equal(invocations.length, 1);
  });

  test("a Lambda service error (5xx) is retried, up to 3 tries", async () => {
    const saved = await api("PUT", `/pools/${POOL}/triggers`, { preSignUp: { lambdaArn: FUNCTION_ARN.replace("pre-sign-up", "unavailable"), endpoint } });
    assert.equal(saved.status, 200);
    const { body } = await api("POST", `/pools/${POOL}/triggers/preSignUp/test`);
    assert.equal(body.ok, false);
    assert.match(body.error, /^PreSignUp failed with error the function could not be invoked/);
    const { body: log } = await api("GET", `/pools/${POOL}/triggers/deliveries?trigger=preSignUp`);
    assert.deepEqual({ ok: log.deliveries[0].ok, status: log.deliveries[0].status, tries: log.deliveries[0].tries }, { ok: false, status: 503, tries: 3 });
  });
});
