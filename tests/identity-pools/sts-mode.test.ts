// An identity pool in `sts` mode: Gatehouse asks an STS for the credentials with
// AssumeRoleWithWebIdentity and its own OpenID token. The STS here is a local stand-in speaking
// AWS's query protocol (tests/support/sts), which, as IAM does with an OIDC provider, verifies the
// token against Gatehouse's /identity discovery and JWKS and evaluates the role's trust policy.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { AssumeRoleWithWebIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { SignJWT, generateKeyPair } from "jose";
import { freePort, startServer, type RunningServer } from "../support/server.ts";
import { CREDS_POOL, ROLE, identityPoolConfig, signIn, tokenToCredentials, userPoolConfig, type CredentialsBody } from "../support/identity-credentials.ts";
import { identityPoolTrustPolicy, startStsStandIn } from "../support/sts/sts.ts";

const STS_POOL = "us-east-1:5a5a5a5a-1b1b-4c2c-8d3d-4e4e4e4e4e4e";
/** An sts-mode pool whose audience the OIDC provider in IAM does not list. */
const UNLISTED_POOL = "us-east-1:6b6b6b6b-1b1b-4c2c-8d3d-4e4e4e4e4e4e";
/** An sts-mode pool whose STS cannot be reached. */
const UNREACHABLE_POOL = "us-east-1:7c7c7c7c-1b1b-4c2c-8d3d-4e4e4e4e4e4e";

let server: RunningServer;
let stsStandIn: Awaited<ReturnType<typeof startStsStandIn>>;
let issuer: string;

before(async () => {
  stsStandIn = await startStsStandIn();
  const credentials = { mode: "sts", endpoint: stsStandIn.url, region: "us-east-1", durationSeconds: 900 };
  server = await startServer({
    config: { pools: [userPoolConfig()], identityPools: [identityPoolConfig(STS_POOL, { credentials }), identityPoolConfig(UNLISTED_POOL, { credentials }),
      identityPoolConfig(UNREACHABLE_POOL, { credentials: { ...credentials, endpoint: `http://127.0.0.1:${await freePort()}` } })] },
  });
  issuer = `${server.url}/identity`;
  // IAM's set-up, as the README gives it: an OIDC provider for {PUBLIC_URL}/identity whose audience is the identity pool id, and roles trusting it.
  stsStandIn.addProvider(issuer, [STS_POOL]);
  stsStandIn.putRole(ROLE("Eng"), identityPoolTrustPolicy(issuer, STS_POOL, "authenticated"));
  stsStandIn.putRole(ROLE("AppGuest"), identityPoolTrustPolicy(issuer, STS_POOL, "unauthenticated"));
  // Misconfigured on purpose: the authenticated role trusts only guests.
  stsStandIn.putRole(ROLE("AppUser"), identityPoolTrustPolicy(issuer, STS_POOL, "unauthenticated"));
});
after(async () => {
  await server?.stop();
  await stsStandIn?.stop();
});

test("a signed-in user's credentials are the STS's, for the mapped role, after it verified Gatehouse's OpenID token through the JWKS", async () => {
  const fetchesBefore = stsStandIn.jwksFetches();
  const answer = await tokenToCredentials(server, { identityPoolId: STS_POOL, idToken: (await signIn(server, "alice")).idToken });
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  const body = answer.body as CredentialsBody;
  assert.equal(body.roleArn, ROLE("Eng"));
  const call = stsStandIn.calls.at(-1)!;
  assert.equal(body.credentials.accessKeyId, call.accessKeyId, "the STS's credentials, handed back");
  assert.ok(Math.abs(Date.parse(body.credentials.expiration) - (Date.now() + 900_000)) < 60_000, "durationSeconds reached the STS");
  assert.equal(call.roleArn, ROLE("Eng"));
  assert.equal(call.sessionName, "CognitoIdentityCredentials");
  assert.equal(call.claims.iss, issuer);
  assert.equal(call.claims.aud, STS_POOL);
  assert.equal(call.claims.sub, body.identityId);
  assert.ok((call.claims.amr as string[]).includes("authenticated"));
  const provider = `${new URL(server.url).host}/${CREDS_POOL}`;
  assert.ok((call.claims.amr as string[]).includes(provider), "amr names the user pool that vouched");
  assert.ok((call.claims.amr as string[]).some((a) => a.startsWith(`${provider}:CognitoSignIn:`)));
  assert.ok(stsStandIn.jwksFetches() > fetchesBefore, "the stand-in fetched Gatehouse's JWKS");
});

test("a guest's credentials come from the STS for the unauthenticated role (amr unauthenticated)", async () => {
  const answer = await tokenToCredentials(server, { identityPoolId: STS_POOL });
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  assert.equal(answer.body.roleArn, ROLE("AppGuest"));
  assert.deepEqual(stsStandIn.calls.at(-1)!.claims.amr, ["unauthenticated"]);
});

test("the trust policy refusing (AccessDenied) is InvalidIdentityPoolConfigurationException, as Cognito says it", async () => {
  const answer = await tokenToCredentials(server, { identityPoolId: STS_POOL, idToken: (await signIn(server, "bob")).idToken });
  assert.equal(answer.status, 400, JSON.stringify(answer.body));
  assert.equal(answer.body.__type, "InvalidIdentityPoolConfigurationException");
  assert.match(String(answer.body.message), /AccessDenied/);
  assert.equal(stsStandIn.refusals.at(-1)!.code, "AccessDenied");
});

test("an identity pool the OIDC provider does not list as an audience: the STS refuses the token (InvalidIdentityToken)", async () => {
  const answer = await tokenToCredentials(server, { identityPoolId: UNLISTED_POOL, idToken: (await signIn(server, "alice")).idToken });
  assert.equal(answer.status, 400);
  assert.equal(answer.body.__type, "InvalidIdentityPoolConfigurationException");
  assert.match(String(answer.body.message), /InvalidIdentityToken/);
  assert.match(stsStandIn.refusals.at(-1)!.message, /audience/);
});

test("the stand-in's check is real: a token with Gatehouse's issuer signed by another key is refused", async () => {
  const { privateKey } = await generateKeyPair("RS256");
  // Gatehouse's own key id, so only the signature itself can give the forgery away.
  const { keys } = (await (await fetch(`${issuer}/.well-known/jwks.json`)).json()) as { keys: { kid: string }[] };
  const kid = keys[0]!.kid;
  const forged = await new SignJWT({ amr: ["authenticated"] }).setProtectedHeader({ alg: "RS256", kid })
    .setIssuer(issuer).setAudience(STS_POOL).setSubject("us-east-1:00000000-0000-4000-8000-000000000000").setIssuedAt().setExpirationTime("5m").sign(privateKey);
  const client = new STSClient({ endpoint: stsStandIn.url, region: "us-east-1", maxAttempts: 1 });
  await assert.rejects(
    client.send(new AssumeRoleWithWebIdentityCommand({ RoleArn: ROLE("Eng"), RoleSessionName: "forged", WebIdentityToken: forged })),
    (error: Error) => error.name === "InvalidIdentityTokenException" && /signature/i.test(error.message),
  );
  client.destroy();
});

test("an STS that cannot be reached is ExternalServiceException, a 502 at /token-to-credentials", async () => {
  const answer = await tokenToCredentials(server, { identityPoolId: UNREACHABLE_POOL });
  assert.equal(answer.status, 502, JSON.stringify(answer.body));
  assert.equal(answer.body.__type, "ExternalServiceException");
});
