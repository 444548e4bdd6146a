// What stops a federated OIDC/OAuth sign-in from being forged, replayed or misread: one named test
// per rule, each against a real local IdP (tests/support/idps) that is made to misbehave.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { generateKeyPair } from "jose";
import { beginOidcSignIn, finishOidcSignIn, type OidcDeps } from "../../lib/federation/oidc.ts";
import { IdentityProviderSchema, mergeIdentityProviders, type StoredIdentityProvider } from "../../lib/federation/config.ts";
import { FederationError, type FederationPending } from "../../lib/federation/profile.ts";
import { createSecrets, randomToken } from "../../lib/security/secrets.ts";
import { signInThrough, startOidcIdp, type OidcIdp } from "../support/idps/oidc-idp.ts";
import { startFacebookIdp, type FacebookIdp } from "../support/idps/facebook-idp.ts";

const secrets = createSecrets("federation-oidc-security-test");
const deps: OidcDeps = { secrets };
const REDIRECT = "http://127.0.0.1:9/us-east-1_Test/oauth2/idpresponse";
const ACCOUNTS = { alice: { email: "alice@example.com", email_verified: true, name: "Alice" } };

function provider(input: { name: string; type: string; details: Record<string, string> }): StoredIdentityProvider {
  const merged = mergeIdentityProviders(secrets, [], [IdentityProviderSchema.parse(input)]);
  if (!Array.isArray(merged)) throw new Error("secret missing");
  return merged[0]!;
}

async function start(idp: StoredIdentityProvider, state = randomToken()) {
  const { url, pending } = await beginOidcSignIn(deps, { idp, redirectUri: REDIRECT, state });
  const { params } = await signInThrough(url, REDIRECT);
  return { pending, params };
}

function finish(idp: StoredIdentityProvider, pending: FederationPending, params: Record<string, string>) {
  return finishOidcSignIn(deps, { idp, redirectUri: REDIRECT, pending, params });
}

/** Asserts a FederationError of `kind` whose message matches `pattern`. */
function refused(kind: FederationError["error"], pattern: RegExp) {
  return (error: unknown) => {
    assert.ok(error instanceof FederationError, `expected a FederationError, got ${String(error)}`);
    assert.equal(error.error, kind, error.message);
    assert.match(error.message, pattern);
    return true;
  };
}

describe("OIDC answers", () => {
  let idp: OidcIdp;
  let corp: StoredIdentityProvider;
  before(async () => {
    idp = await startOidcIdp({
      clients: [
        { client_id: "gatehouse", client_secret: "s1", redirect_uris: [REDIRECT] },
        { client_id: "someone-else", client_secret: "s2", redirect_uris: [REDIRECT] },
      ],
      accounts: ACCOUNTS,
    });
    corp = provider({ name: "Corp", type: "OIDC", details: { client_id: "gatehouse", client_secret: "s1", oidc_issuer: idp.issuer, authorize_scopes: "openid email" } });
  });
  after(() => idp.stop());

  test("an answer with another state is refused", async () => {
    const { pending, params } = await start(corp);
    await assert.rejects(finish(corp, pending, { ...params, state: randomToken() }), refused("invalid_request", /state does not match/));
    await assert.rejects(finish(corp, pending, { code: params.code! }), refused("invalid_request", /state does not match/));
  });

  test("an answer kept for another provider is refused", async () => {
    const { pending, params } = await start(corp);
    await assert.rejects(finish(corp, { ...pending, provider: "Other" }, params), refused("invalid_request", /started with Other/));
  });

  test("an answer that comes after the flow's lifetime is refused", async () => {
    const { pending, params } = await start(corp);
    await assert.rejects(finish(corp, { ...pending, sentAt: Date.now() - 2 * 3600_000 }, params), refused("invalid_request", /too late/));
  });

  test("an ID token with another nonce is refused", async () => {
    const { pending, params } = await start(corp);
    idp.tamperNextIdToken((p) => ({ ...p, nonce: "replayed-nonce" }));
    await assert.rejects(finish(corp, pending, params), refused("invalid_request", /nonce/));
  });

  test("an answer replayed into another sign-in (same state, its own nonce and verifier) is refused", async () => {
    const state = randomToken();
    const first = await start(corp, state);
    const second = await beginOidcSignIn(deps, { idp: corp, redirectUri: REDIRECT, state });
    // The second flow's own PKCE verifier does not match the first code's challenge.
    await assert.rejects(finish(corp, second.pending, first.params), refused("invalid_request", /invalid_grant/));
    // Even with the first flow's verifier, the ID token's nonce is the first flow's.
    const replay = await start(corp, state);
    const third = await beginOidcSignIn(deps, { idp: corp, redirectUri: REDIRECT, state });
    await assert.rejects(finish(corp, { ...third.pending, codeVerifier: replay.pending.codeVerifier }, replay.params), refused("invalid_request", /nonce/));
  });

  test("a code is good for one sign-in only", async () => {
    const { pending, params } = await start(corp);
    assert.equal((await finish(corp, pending, params)).subject, "alice");
    await assert.rejects(finish(corp, pending, params), refused("invalid_request", /invalid_grant/));
  });

  test("a PKCE verifier that does not match the challenge is refused", async () => {
    const { pending, params } = await start(corp);
    await assert.rejects(finish(corp, { ...pending, codeVerifier: randomToken(40) }, params), refused("invalid_request", /invalid_grant/));
  });

  test("an ID token for another audience is refused", async () => {
    const { pending, params } = await start(corp);
    idp.tamperNextIdToken((p) => ({ ...p, aud: "someone-else" }));
    await assert.rejects(finish(corp, pending, params), refused("invalid_request", /aud/));
  });

  test("an ID token from another issuer is refused", async () => {
    const { pending, params } = await start(corp);
    idp.tamperNextIdToken((p) => ({ ...p, iss: "https://evil.example" }));
    await assert.rejects(finish(corp, pending, params), refused("invalid_request", /iss/));
  });

  test("an expired ID token is refused", async () => {
    const { pending, params } = await start(corp);
    const now = Math.floor(Date.now() / 1000);
    idp.tamperNextIdToken((p) => ({ ...p, iat: now - 3600, exp: now - 600 }));
    await assert.rejects(finish(corp, pending, params), refused("invalid_request", /exp|timestamp/i));
  });

  test("an ID token not signed by the IdP's keys is refused", async () => {
    const { pending, params } = await start(corp);
    const { privateKey } = await generateKeyPair("RS256");
    idp.tamperNextIdToken((p) => p, privateKey);
    await assert.rejects(finish(corp, pending, params), refused("invalid_request", /signature/i));
  });

  test("the user cancelling at the IdP is access_denied", async () => {
    idp.cancelNext();
    const { pending, params } = await start(corp);
    assert.equal(params.error, "access_denied");
    await assert.rejects(finish(corp, pending, params), refused("access_denied", /You cancelled signing in with Corp/));
  });

  test("Apple's user_cancelled_authorize is access_denied too", async () => {
    const { pending } = await beginOidcSignIn(deps, { idp: corp, redirectUri: REDIRECT, state: "st" });
    await assert.rejects(finish(corp, pending, { state: "st", error: "user_cancelled_authorize" }), refused("access_denied", /cancelled/));
  });

  test("another IdP error is invalid_request naming the IdP's code", async () => {
    const { pending } = await beginOidcSignIn(deps, { idp: corp, redirectUri: REDIRECT, state: "st" });
    await assert.rejects(finish(corp, pending, { state: "st", error: "invalid_scope", error_description: "scope not allowed" }), refused("invalid_request", /Corp refused the sign-in: invalid_scope \(scope not allowed\)/));
  });

  test("an IdP answering 5xx at its token endpoint is temporarily_unavailable", async () => {
    const { pending, params } = await start(corp);
    idp.failNextToken(503);
    await assert.rejects(finish(corp, pending, params), refused("temporarily_unavailable", /could not be reached or is failing/));
  });

  test("a client secret the IdP refuses is invalid_request without the secret in the message", async () => {
    const wrong = provider({ name: "Corp", type: "OIDC", details: { client_id: "gatehouse", client_secret: "not-s1", oidc_issuer: idp.issuer } });
    const { pending, params } = await start(wrong);
    await assert.rejects(finish(wrong, pending, params), (e: unknown) => refused("invalid_request", /invalid_client/)(e) && !(e as Error).message.includes("not-s1"));
  });
});

describe("IdP down", () => {
  test("an unreachable IdP is temporarily_unavailable, at the start (discovery) and at the end (token)", async () => {
    const idp = await startOidcIdp({ clients: [{ client_id: "gatehouse", client_secret: "s1", redirect_uris: [REDIRECT] }], accounts: ACCOUNTS });
    const corp = provider({ name: "Corp", type: "OIDC", details: { client_id: "gatehouse", client_secret: "s1", oidc_issuer: idp.issuer } });
    const { pending, params } = await start(corp);
    await idp.stop();
    await assert.rejects(finish(corp, pending, params), refused("temporarily_unavailable", /Try again later/));

    const gone = provider({ name: "Gone", type: "OIDC", details: { client_id: "gatehouse", client_secret: "s1", oidc_issuer: "http://127.0.0.1:9/never" } });
    await assert.rejects(beginOidcSignIn(deps, { idp: gone, redirectUri: REDIRECT, state: "s" }), refused("temporarily_unavailable", /Gone/));
  });

  test("a Facebook Graph API that is down is temporarily_unavailable", async () => {
    const fb = await startFacebookIdp({ clientId: "1", clientSecret: "fb", redirectUris: [REDIRECT], accounts: [{ id: "42" }] });
    const facebook = provider({ name: "Facebook", type: "Facebook", details: { client_id: "1", client_secret: "fb", ...fb.details } });
    const { pending, params } = await start(facebook);
    await fb.stop();
    await assert.rejects(finish(facebook, pending, params), refused("temporarily_unavailable", /Facebook/));
  });
});

describe("Facebook answers", () => {
  let fb: FacebookIdp;
  let facebook: StoredIdentityProvider;
  before(async () => {
    fb = await startFacebookIdp({ clientId: "1", clientSecret: "fb", redirectUris: [REDIRECT], accounts: [{ id: "42", name: "Alice" }] });
    facebook = provider({ name: "Facebook", type: "Facebook", details: { client_id: "1", client_secret: "fb", ...fb.details } });
  });
  after(() => fb.stop());

  test("Facebook: the user clicking Cancel is access_denied", async () => {
    fb.cancelNext();
    const { pending, params } = await start(facebook);
    assert.equal(params.error_reason, "user_denied");
    await assert.rejects(finish(facebook, pending, params), refused("access_denied", /You cancelled signing in with Facebook/));
  });

  test("Facebook: an answer with another state is refused", async () => {
    const { pending, params } = await start(facebook);
    await assert.rejects(finish(facebook, pending, { ...params, state: "forged" }), refused("invalid_request", /state/));
  });

  test("Facebook: a wrong app secret is refused with Facebook's message, not the secret", async () => {
    const wrong = provider({ name: "Facebook", type: "Facebook", details: { client_id: "1", client_secret: "wrong-fb-secret", ...fb.details } });
    const { pending, params } = await start(wrong);
    await assert.rejects(finish(wrong, pending, params), (e: unknown) => refused("invalid_request", /Signing in with Facebook failed/)(e) && !(e as Error).message.includes("wrong-fb-secret"));
  });
});

describe("https only, except loopback", () => {
  const base = { name: "Corp", type: "OIDC", details: { client_id: "c", client_secret: "s" } };
  test("an http issuer or endpoint on another host is refused by the provider schema", () => {
    for (const key of ["oidc_issuer", "authorize_url", "token_url", "attributes_url", "jwks_uri"]) {
      const result = IdentityProviderSchema.safeParse({ ...base, details: { ...base.details, oidc_issuer: "https://idp.example", [key]: "http://idp.example/x" } });
      assert.equal(result.success, false, key);
    }
  });
  test("http on localhost, 127.0.0.1 and [::1] is accepted (development and tests)", () => {
    for (const host of ["localhost", "127.0.0.1", "[::1]"]) {
      assert.equal(IdentityProviderSchema.safeParse({ ...base, details: { ...base.details, oidc_issuer: `http://${host}:4000` } }).success, true, host);
    }
  });
  test("a stored provider with an http endpoint elsewhere is refused before any request", async () => {
    const corp: StoredIdentityProvider = { name: "Corp", type: "OIDC", details: { client_id: "c", oidc_issuer: "https://idp.example", authorize_url: "http://idp.example/a", token_url: "https://idp.example/t", jwks_uri: "https://idp.example/k" }, attributeMapping: {}, idpIdentifiers: [] };
    await assert.rejects(beginOidcSignIn(deps, { idp: corp, redirectUri: REDIRECT, state: "s" }), refused("invalid_request", /not https/));
  });
});
