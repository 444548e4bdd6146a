// The Cognito API's wire, seen raw: what a browser's preflight gets, what malformed or mistyped
// input gets (a named Cognito error with its header, never a 500), and that a refused call writes
// nothing.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { startServer, type RunningServer } from "../support/server.ts";
import { API_PASSWORD, cognitoApiConfig } from "../support/cognito-api.ts";

let server: RunningServer;
before(async () => {
  server = await startServer({ config: cognitoApiConfig() });
});
after(async () => server?.stop());

async function call(target: string | null, body: string, contentType = "application/x-amz-json-1.1") {
  const headers: Record<string, string> = { "content-type": contentType };
  if (target) headers["x-amz-target"] = target;
  const response = await fetch(`${server.url}/`, { method: "POST", headers, body });
  const text = await response.text();
  return { status: response.status, type: response.headers.get("x-amzn-errortype"), body: text ? JSON.parse(text) : null, headers: response.headers };
}
const op = (name: string) => `AWSCognitoIdentityProviderService.${name}`;

test("a browser's preflight is answered as Cognito's: any origin, the SDKs' headers, POST", async () => {
  const response = await fetch(`${server.url}/`, {
    method: "OPTIONS",
    headers: { origin: "https://app.example.org", "access-control-request-method": "POST", "access-control-request-headers": "content-type,x-amz-target,x-amz-user-agent" },
  });
  assert.equal(response.status, 200);
  assert.equal(response.headers.get("access-control-allow-origin"), "*");
  assert.match(response.headers.get("access-control-allow-methods")!, /POST/);
  const allowed = response.headers.get("access-control-allow-headers")!.split(/,\s*/);
  for (const header of ["content-type", "x-amz-target", "x-amz-user-agent", "cache-control", "amz-sdk-invocation-id", "amz-sdk-request", "authorization", "x-amz-date", "x-amz-security-token"]) assert.ok(allowed.includes(header), header);
  const answer = await call(op("InitiateAuth"), JSON.stringify({ ClientId: "spa", AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: "nobody@example.com", PASSWORD: "x" } }));
  assert.equal(answer.headers.get("access-control-allow-origin"), "*");
  assert.match(answer.headers.get("access-control-expose-headers")!, /x-amzn-ErrorType/i);
});

test("errors have Cognito's shape: status 400, __type and message, and x-amzn-ErrorType", async () => {
  const answer = await call(op("InitiateAuth"), JSON.stringify({ ClientId: "spa", AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: "nobody@example.com", PASSWORD: "Wrong-passw0rd" } }));
  assert.equal(answer.status, 400);
  assert.deepEqual(answer.body, { __type: "NotAuthorizedException", message: "Incorrect username or password." });
  assert.equal(answer.type, "NotAuthorizedException:");
  assert.equal(answer.headers.get("content-type"), "application/x-amz-json-1.1");
});

test("malformed JSON, an unknown or missing operation, and a wrong content type are named errors", async () => {
  assert.deepEqual([(await call(op("InitiateAuth"), "{not json")).status, (await call(op("InitiateAuth"), "{not json")).body.__type], [400, "SerializationException"]);
  assert.equal((await call(op("InitiateAuth"), "[1, 2]")).body.__type, "SerializationException");
  assert.equal((await call(op("DoSomethingElse"), "{}")).body.__type, "UnknownOperationException");
  assert.equal((await call(op("constructor"), "{}")).body.__type, "UnknownOperationException");
  assert.equal((await call("SomeOtherService.InitiateAuth", "{}")).body.__type, "UnknownOperationException");
  assert.equal((await call(null, "{}")).body.__type, "UnknownOperationException");
  const json = await call(op("InitiateAuth"), JSON.stringify({ ClientId: "spa", AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: "alice@example.com", PASSWORD: API_PASSWORD } }), "application/json");
  assert.equal(json.status, 200);
  assert.ok(json.body.AuthenticationResult.AccessToken);
});

test("missing fields, wrong types and oversized values get InvalidParameterException or SerializationException, never a 500", async () => {
  const missing = await call(op("SignUp"), JSON.stringify({ ClientId: "spa", Password: API_PASSWORD }));
  assert.equal(missing.body.__type, "InvalidParameterException");
  assert.match(missing.body.message, /^1 validation error detected: Value null at 'username' failed to satisfy constraint: Member must not be null$/);
  const wrongType = await call(op("SignUp"), JSON.stringify({ ClientId: 5, Username: "a@example.com", Password: API_PASSWORD }));
  assert.equal(wrongType.body.__type, "SerializationException");
  const wrongNested = await call(op("SignUp"), JSON.stringify({ ClientId: "spa", Username: "a@example.com", Password: API_PASSWORD, UserAttributes: [{ Name: "email", Value: 7 }] }));
  assert.equal(wrongNested.body.__type, "SerializationException");
  const long = await call(op("SignUp"), JSON.stringify({ ClientId: "spa", Username: `${"a".repeat(200)}@example.com`, Password: API_PASSWORD }));
  assert.equal(long.body.__type, "InvalidParameterException");
  assert.match(long.body.message, /Member must have length less than or equal to 128/);
  const badFlow = await call(op("InitiateAuth"), JSON.stringify({ ClientId: "spa", AuthFlow: "MAGIC" }));
  assert.equal(badFlow.body.__type, "InvalidParameterException");
  const noParams = await call(op("InitiateAuth"), JSON.stringify({ ClientId: "spa", AuthFlow: "USER_PASSWORD_AUTH" }));
  assert.deepEqual(noParams.body, { __type: "InvalidParameterException", message: "Missing required parameter USERNAME" });
  const huge = await call(op("SignUp"), JSON.stringify({ ClientId: "spa", Username: "a@example.com", Password: API_PASSWORD, ClientMetadata: { x: "y".repeat(300_000) } }));
  assert.equal(huge.status, 400);
  assert.equal(huge.body.__type, "InvalidParameterException");
  const session = await call(op("RespondToAuthChallenge"), JSON.stringify({ ClientId: "spa", ChallengeName: "PASSWORD_VERIFIER", Session: "x".repeat(40), ChallengeResponses: { USERNAME: "alice" } }));
  assert.equal(session.body.__type, "NotAuthorizedException");
  const unknownChallenge = await call(op("RespondToAuthChallenge"), JSON.stringify({ ClientId: "spa", ChallengeName: "ADMIN_NO_SRP_AUTH", Session: "x".repeat(40), ChallengeResponses: { USERNAME: "alice" } }));
  assert.equal(unknownChallenge.body.__type, "InvalidParameterException");
});

test("a refused sign-up writes nothing: the same username can sign up once the input is right", async () => {
  const refused = await call(op("SignUp"), JSON.stringify({ ClientId: "spa", Username: "halfmade@example.com", Password: API_PASSWORD, UserAttributes: [{ Name: "custom:nope", Value: "x" }] }));
  assert.equal(refused.body.__type, "InvalidParameterException");
  const accepted = await call(op("SignUp"), JSON.stringify({ ClientId: "spa", Username: "halfmade@example.com", Password: API_PASSWORD }));
  assert.equal(accepted.status, 200, JSON.stringify(accepted.body));
  assert.equal(accepted.body.UserConfirmed, false);
});

test("GET / is still the home page", async () => {
  const response = await fetch(`${server.url}/`);
  assert.equal(response.status, 200);
  assert.match(response.headers.get("content-type")!, /text\/html/);
});
