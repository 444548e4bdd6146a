// A handler's return value becomes the HTTP answer as API Gateway's HTTP API (payload 2.0) makes it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { answerFor } from "../../scripts/api-host/response.ts";
import { apiGatewayClaims, isTextContentType } from "../../scripts/api-host/event.ts";

const text = (answer: ReturnType<typeof answerFor>) => answer?.body.toString("utf8");

test("a result without statusCode is a 200 application/json answer of the result itself", () => {
  const object = answerFor({ message: "hi" });
  assert.equal(object?.status, 200);
  assert.deepEqual(object?.headers, [["content-type", "application/json"]]);
  assert.equal(text(object), '{"message":"hi"}');
  assert.equal(text(answerFor("Hello from Lambda!")), "Hello from Lambda!", "a string is the body as it is");
  assert.equal(text(answerFor([1, 2])), "[1,2]");
  assert.equal(text(answerFor(null)), "null");
});

test("a structured result: status, headers, one Set-Cookie per cookie, base64 bodies decoded, multiValueHeaders ignored", () => {
  const answer = answerFor({
    statusCode: 201, headers: { "Content-Type": "image/png", "X-Count": 3 }, cookies: ["a=1; Path=/", "b=2"],
    multiValueHeaders: { "X-Ignored": ["1", "2"] }, body: Buffer.from([0, 255]).toString("base64"), isBase64Encoded: true,
  });
  assert.equal(answer?.status, 201);
  assert.deepEqual(answer?.headers, [["content-type", "image/png"], ["x-count", "3"], ["set-cookie", "a=1; Path=/"], ["set-cookie", "b=2"]]);
  assert.deepEqual([...answer.body], [0, 255]);
  assert.equal(text(answerFor({ statusCode: 204 })), "");
});

test("a malformed structured result is refused (API Gateway answers 500)", () => {
  assert.equal(answerFor({ statusCode: "200" }), null);
  assert.equal(answerFor({ statusCode: 200, body: { not: "a string" } }), null);
  assert.equal(answerFor({ statusCode: 200, headers: { x: ["a"] } }), null);
  assert.equal(answerFor({ statusCode: 99 }), null);
});

test("claims reach the handler as strings, the way API Gateway's JWT authorizer renders them", () => {
  assert.deepEqual(
    apiGatewayClaims({ sub: "s", exp: 1795730908, email_verified: true, "cognito:groups": ["admins", "staff"], identities: [{ userId: "1", providerName: "Google" }], none: null }),
    { sub: "s", exp: "1795730908", email_verified: "true", "cognito:groups": "[admins staff]", identities: "[map[providerName:Google userId:1]]", none: "<nil>" },
  );
});

test("bodies pass as text only for text/*, JSON, XML and JavaScript", () => {
  for (const type of ["text/plain", "text/html; charset=utf-8", "application/json", "Application/JSON; charset=utf-8", "application/xml", "application/javascript"]) assert.equal(isTextContentType(type), true, type);
  for (const type of [undefined, "", "application/octet-stream", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "image/png"]) assert.equal(isTextContentType(type), false, String(type));
});
