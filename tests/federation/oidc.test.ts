// Federation over OAuth/OIDC end to end against real local IdPs: Google-type and generic OIDC
// providers (oidc-provider, discovery or explicit endpoints, userinfo by GET and POST), Sign in with
// Apple (form_post, the ES256 client secret checked by the IdP, the first sign-in's `user` field)
// and Facebook (code for token, Graph /me). Gatehouse's side is lib/federation/oidc.ts, called as
// the hosted UI calls it; the browser's trip through the IdP is signInThrough's.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { exportPKCS8, exportSPKI, generateKeyPair } from "jose";
import { beginOidcSignIn, finishOidcSignIn, type OidcDeps } from "../../lib/federation/oidc.ts";
import { IdentityProviderSchema, mergeIdentityProviders, type StoredIdentityProvider } from "../../lib/federation/config.ts";
import { FederationError } from "../../lib/federation/profile.ts";
import { createSecrets, randomToken } from "../../lib/security/secrets.ts";
import { signInThrough, startOidcIdp, type OidcIdp } from "../support/idps/oidc-idp.ts";
import { startFacebookIdp, type FacebookIdp } from "../support/idps/facebook-idp.ts";
import { CookieJar } from "../support/browser.ts";

const secrets = createSecrets("federation-oidc-test");
const deps: OidcDeps = { secrets };
const REDIRECT = "http://127.0.0.1:9/us-east-1_Test/oauth2/idpresponse";

/** A provider as the admin API would store it (validated by the real schema, secrets sealed). */
function provider(input: { name: string; type: string; details: Record<string, string> }): StoredIdentityProvider {
  const parsed = IdentityProviderSchema.parse(input);
  const merged = mergeIdentityProviders(secrets, [], [parsed]);
  if (!Array.isArray(merged)) throw new Error("secret missing");
  return merged[0]!;
}

async function signIn(idp: StoredIdentityProvider, hint?: string) {
  const state = randomToken();
  const { url, pending } = await beginOidcSignIn(deps, { idp, redirectUri: REDIRECT, state });
  const withHint = hint ? `${url}&login_hint=${encodeURIComponent(hint)}` : url;
  const answer = await signInThrough(withHint, REDIRECT);
  return { url: new URL(url), pending, answer, finish: () => finishOidcSignIn(deps, { idp, redirectUri: REDIRECT, pending, params: answer.params }) };
}

const ACCOUNTS = {
  "user-1": { email: "ana@example.com", email_verified: true, name: "Ana Lima", given_name: "Ana", family_name: "Lima", locale: "pt-BR" },
  "user-2": { email: "bo@example.com", email_verified: false, name: "Bo Berg" },
};

describe("Google-type provider", () => {
  let idp: OidcIdp;
  before(async () => {
    idp = await startOidcIdp({ kind: "google", clients: [{ client_id: "gatehouse-google", client_secret: "google-secret", redirect_uris: [REDIRECT] }], accounts: ACCOUNTS });
  });
  after(() => idp.stop());

  test("signs in through discovery at the overridden issuer, with state, nonce and S256 PKCE on the way out", async () => {
    const google = provider({ name: "Google", type: "Google", details: { client_id: "gatehouse-google", client_secret: "google-secret", oidc_issuer: idp.issuer } });
    const flow = await signIn(google);
    const q = flow.url.searchParams;
    assert.equal(q.get("state"), flow.pending.state);
    assert.equal(q.get("nonce"), flow.pending.nonce);
    assert.equal(q.get("code_challenge_method"), "S256");
    assert.ok(q.get("code_challenge") && flow.pending.codeVerifier);
    assert.equal(q.get("scope"), "openid email profile");
    assert.equal(flow.pending.provider, "Google");
    assert.equal(flow.answer.via, "query");
    const profile = await flow.finish();
    assert.equal(profile.providerName, "Google");
    assert.equal(profile.providerType, "Google");
    assert.equal(profile.subject, "user-1");
    assert.equal(profile.issuer, idp.issuer);
    assert.equal(profile.claims.email, "ana@example.com");
    assert.equal(profile.claims.email_verified, "true");
    assert.equal(profile.claims.name, "Ana Lima");
    assert.equal(profile.claims.sub, "user-1");
    assert.equal(profile.claims.nonce, undefined, "token plumbing is not an attribute");
  });

  test("signs in with explicit endpoints and no discovery, attributes from userinfo", async () => {
    const google = provider({
      name: "Google", type: "Google",
      details: { client_id: "gatehouse-google", client_secret: "google-secret", oidc_issuer: idp.issuer, authorize_url: `${idp.url}/auth`, token_url: `${idp.url}/token`, jwks_uri: `${idp.url}/jwks`, attributes_url: `${idp.url}/me` },
    });
    idp.signInAs("user-2");
    const profile = await (await signIn(google)).finish();
    idp.signInAs("user-1");
    assert.equal(profile.subject, "user-2");
    assert.equal(profile.claims.email_verified, "false");
    assert.equal(profile.claims.name, "Bo Berg");
  });
});

test("the test IdP signs in whichever account is chosen next, even in a browser that has a session there", async () => {
  const idp = await startOidcIdp({ clients: [{ client_id: "gatehouse", client_secret: "oidc-secret", redirect_uris: [REDIRECT] }], accounts: ACCOUNTS });
  try {
    const oidc = provider({ name: "Corp", type: "OIDC", details: { client_id: "gatehouse", client_secret: "oidc-secret", oidc_issuer: idp.issuer } });
    const jar = new CookieJar();
    for (const sub of ["user-1", "user-2", "user-1"]) {
      idp.signInAs(sub);
      const { url, pending } = await beginOidcSignIn(deps, { idp: oidc, redirectUri: REDIRECT, state: "st" });
      const { params } = await signInThrough(url, REDIRECT, jar);
      assert.equal((await finishOidcSignIn(deps, { idp: oidc, redirectUri: REDIRECT, pending, params })).subject, sub);
    }
  } finally {
    await idp.stop();
  }
});

describe("OIDC provider", () => {
  let idp: OidcIdp;
  before(async () => {
    idp = await startOidcIdp({ clients: [{ client_id: "gatehouse", client_secret: "oidc-secret", redirect_uris: [REDIRECT] }], accounts: ACCOUNTS });
  });
  after(() => idp.stop());

  for (const method of ["GET", "POST"] as const) {
    test(`signs in through discovery and reads userinfo by ${method}`, async () => {
      const oidc = provider({ name: "Corp", type: "OIDC", details: { client_id: "gatehouse", client_secret: "oidc-secret", oidc_issuer: idp.issuer, authorize_scopes: "openid email profile", attributes_request_method: method } });
      const profile = await (await signIn(oidc, "user-1")).finish();
      assert.equal(profile.providerName, "Corp");
      assert.equal(profile.providerType, "OIDC");
      assert.equal(profile.subject, "user-1");
      assert.equal(profile.issuer, idp.issuer);
      assert.equal(profile.claims.locale, "pt-BR");
      assert.equal(profile.claims.family_name, "Lima");
    });
  }

  test("discovery and the IdP's keys are fetched once, not on every sign-in, through deps.fetch", async () => {
    const fresh = await startOidcIdp({ clients: [{ client_id: "gatehouse", client_secret: "oidc-secret", redirect_uris: [REDIRECT] }], accounts: ACCOUNTS });
    try {
      const seen: string[] = [];
      const counting: OidcDeps = { secrets, fetch: (input, init) => { seen.push(new URL(input instanceof Request ? input.url : input).pathname); return fetch(input, init); } };
      const oidc = provider({ name: "Corp", type: "OIDC", details: { client_id: "gatehouse", client_secret: "oidc-secret", oidc_issuer: fresh.issuer } });
      for (let i = 0; i < 2; i++) {
        const state = randomToken();
        const { url, pending } = await beginOidcSignIn(counting, { idp: oidc, redirectUri: REDIRECT, state });
        const { params } = await signInThrough(url, REDIRECT);
        assert.equal((await finishOidcSignIn(counting, { idp: oidc, redirectUri: REDIRECT, pending, params })).subject, "user-1");
      }
      assert.deepEqual(seen.filter((p) => p === "/.well-known/openid-configuration").length, 1);
      assert.deepEqual(seen.filter((p) => p === "/jwks").length, 1);
      assert.deepEqual(seen.filter((p) => p === "/token").length, 2);
    } finally {
      await fresh.stop();
    }
  });

  test("asks for the openid scope even when the provider's scopes leave it out", async () => {
    const oidc = provider({ name: "Corp", type: "OIDC", details: { client_id: "gatehouse", client_secret: "oidc-secret", oidc_issuer: idp.issuer, authorize_scopes: "email" } });
    const flow = await signIn(oidc);
    assert.equal(flow.url.searchParams.get("scope"), "openid email");
    const profile = await flow.finish();
    assert.equal(profile.claims.email, "ana@example.com");
    assert.equal(profile.claims.name, undefined, "only what the scopes asked for");
  });
});

describe("Sign in with Apple", () => {
  let idp: OidcIdp;
  let privateKey: string;
  let otherKey: string;
  before(async () => {
    const pair = await generateKeyPair("ES256", { extractable: true });
    privateKey = await exportPKCS8(pair.privateKey);
    otherKey = await exportPKCS8((await generateKeyPair("ES256", { extractable: true })).privateKey);
    idp = await startOidcIdp({
      kind: "apple",
      clients: [{ client_id: "com.example.gatehouse", redirect_uris: [REDIRECT], apple: { publicKeyPem: await exportSPKI(pair.publicKey), keyId: "KEY1234567", teamId: "TEAM123456" } }],
      accounts: { "000123.apple": { email: "ana@privaterelay.appleid.com", email_verified: true, is_private_email: true, given_name: "Ana", family_name: "Lima" } },
    });
  });
  after(() => idp.stop());

  const apple = (key: string) => provider({
    name: "SignInWithApple", type: "SignInWithApple",
    details: { client_id: "com.example.gatehouse", team_id: "TEAM123456", key_id: "KEY1234567", private_key: key, oidc_issuer: idp.issuer, authorize_url: `${idp.url}/auth`, token_url: `${idp.url}/token`, jwks_uri: `${idp.url}/jwks` },
  });

  test("answers by form_post; the ES256 client secret is accepted; the first sign-in's user field gives the name", async () => {
    const flow = await signIn(apple(privateKey));
    assert.equal(flow.url.searchParams.get("response_mode"), "form_post");
    assert.equal(flow.url.searchParams.get("scope"), "name email");
    assert.equal(flow.answer.via, "form_post");
    assert.ok(flow.answer.params.user, "Apple posts the user's name on the first sign-in");
    const profile = await flow.finish();
    assert.equal(profile.providerType, "SignInWithApple");
    assert.equal(profile.subject, "000123.apple");
    assert.equal(profile.issuer, idp.issuer);
    assert.equal(profile.claims.email, "ana@privaterelay.appleid.com");
    assert.equal(profile.claims.is_private_email, "true");
    assert.equal(profile.claims.given_name, "Ana");
    assert.equal(profile.claims.family_name, "Lima");
    assert.equal(profile.claims.name, "Ana Lima");

    const again = await signIn(apple(privateKey));
    assert.equal(again.answer.params.user, undefined, "only the first sign-in carries the user field");
    const second = await again.finish();
    assert.equal(second.subject, "000123.apple");
    assert.equal(second.claims.name, undefined);
  });

  test("a client secret signed with another key is refused by the IdP", async () => {
    const flow = await signIn(apple(otherKey));
    const before = idp.rejectedClientSecrets.length;
    await assert.rejects(flow.finish(), (e: unknown) => e instanceof FederationError && e.error === "invalid_request" && /invalid_client/.test(e.message));
    assert.equal(idp.rejectedClientSecrets.length, before + 1);
    assert.equal(idp.rejectedClientSecrets.at(-1), "ERR_JWS_SIGNATURE_VERIFICATION_FAILED");
  });
});

describe("Facebook", () => {
  let fb: FacebookIdp;
  before(async () => {
    fb = await startFacebookIdp({
      clientId: "1234567890", clientSecret: "fb-app-secret", redirectUris: [REDIRECT],
      accounts: [{ id: "10229876", name: "Ana Lima", email: "ana@example.com", first_name: "Ana", last_name: "Lima", picture: "https://cdn.example/ana.jpg" }],
    });
  });
  after(() => fb.stop());

  test("trades the code for a token and reads the Graph profile (with appsecret_proof)", async () => {
    const facebook = provider({ name: "Facebook", type: "Facebook", details: { client_id: "1234567890", client_secret: "fb-app-secret", ...fb.details } });
    const flow = await signIn(facebook);
    assert.equal(flow.url.searchParams.get("scope"), "public_profile,email");
    assert.equal(flow.url.searchParams.get("nonce"), null, "Facebook Login is not OIDC");
    assert.equal(flow.pending.nonce, undefined);
    const profile = await flow.finish();
    assert.deepEqual(profile, {
      providerName: "Facebook", providerType: "Facebook", subject: "10229876", issuer: null,
      claims: { id: "10229876", name: "Ana Lima", email: "ana@example.com", first_name: "Ana", last_name: "Lima", picture: "https://cdn.example/ana.jpg" },
    });
    assert.deepEqual(fb.proofs.at(-1), { valid: true });
  });

  test("without overrides it goes to Facebook's real endpoints for the api_version", async () => {
    const facebook = provider({ name: "Facebook", type: "Facebook", details: { client_id: "1234567890", client_secret: "fb-app-secret", api_version: "v21.0" } });
    const { url } = await beginOidcSignIn(deps, { idp: facebook, redirectUri: REDIRECT, state: "s" });
    assert.ok(url.startsWith("https://www.facebook.com/v21.0/dialog/oauth?"), url);
  });
});

test("Apple without overrides goes to appleid.apple.com", async () => {
  const { privateKey } = await generateKeyPair("ES256", { extractable: true });
  const apple = provider({ name: "SignInWithApple", type: "SignInWithApple", details: { client_id: "com.example.web", team_id: "TEAM123456", key_id: "KEY1234567", private_key: await exportPKCS8(privateKey) } });
  const { url } = await beginOidcSignIn(deps, { idp: apple, redirectUri: REDIRECT, state: "s" });
  assert.ok(url.startsWith("https://appleid.apple.com/auth/authorize?"), url);
});
