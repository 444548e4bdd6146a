// Signing in through an OAuth 2.0 / OpenID Connect IdP (Google, Facebook, Sign in with Apple, any
// OIDC provider), as Cognito federates them: the authorization code flow with state, PKCE (S256)
// and, for OIDC, a nonce; the ID token checked against the IdP's JWKS (issuer, audience, expiry,
// nonce) by openid-client; attributes from the ID token, the userinfo endpoint or Facebook's Graph
// API. Nothing is kept in the browser: what the answer is checked against (FederationPending) stays
// on the server with the hosted flow. Every failure of the IdP or its answer is a FederationError.
import * as client from "openid-client";
import { createHmac } from "node:crypto";
import type { Secrets } from "../security/secrets.ts";
import { constantTimeEqual } from "../security/secrets.ts";
import { providerSecrets, type StoredIdentityProvider } from "./config.ts";
import { FederationError, type FederatedProfile, type FederationPending } from "./profile.ts";
import { appleClientSecret, appleNeedsFormPost, appleUserClaims } from "./oidc-apple.ts";
import { customFetchOf, facebookProfileUrl, needsInsecureRequests, resolveEndpoints, type IdpMetadata } from "./oidc-endpoints.ts";
import { federationFailure } from "./oidc-errors.ts";

export type OidcDeps = { secrets: Pick<Secrets, "decrypt">; fetch?: typeof fetch };

/** An answer later than this after the browser was sent is refused (the hosted flow's lifetime). */
const MAX_ANSWER_AGE_MS = 60 * 60 * 1000;
/** Seconds openid-client waits for each IdP request. */
const REQUEST_TIMEOUT_S = 10;
/** JWT plumbing that says nothing about the user: left out of the claims handed to attribute mapping. */
const TOKEN_CLAIMS = new Set(["aud", "exp", "iat", "nbf", "jti", "nonce", "at_hash", "c_hash", "s_hash", "auth_time", "azp", "sid", "nonce_supported"]);
/** JWKS fetched per jwks_uri, so each sign-in does not download the keys again. */
const jwksCaches = new Map<string, client.ExportedJWKSCache>();

function isOidc(idp: StoredIdentityProvider): boolean {
  return idp.type !== "Facebook";
}

function scopesOf(idp: StoredIdentityProvider): string {
  const scopes = idp.details.authorize_scopes ?? "";
  // Google and OIDC providers only issue an ID token for the openid scope; Apple issues one always
  // and its documented scopes are name and email; Facebook's are comma-separated Graph permissions.
  if ((idp.type === "Google" || idp.type === "OIDC") && !scopes.split(/\s+/).includes("openid")) return `openid ${scopes}`.trim();
  return scopes;
}

/** openid-client's view of the IdP and of Gatehouse as its client, authenticating as the IdP expects. */
async function configurationFor(deps: OidcDeps, idp: StoredIdentityProvider, metadata: IdpMetadata, withSecret: boolean): Promise<client.Configuration> {
  const clientId = idp.details.client_id ?? "";
  let auth: client.ClientAuth = client.None();
  if (withSecret) {
    const opened = providerSecrets(deps.secrets, idp);
    const secret = idp.type === "SignInWithApple"
      ? await appleClientSecret({ idp, privateKey: opened.private_key, audience: metadata.issuer })
      : opened.client_secret;
    if (!secret) throw new FederationError("invalid_request", `${idp.name} has no client secret: set it again.`);
    auth = client.ClientSecretPost(secret);
  }
  const config = new client.Configuration(metadata, clientId, {}, auth);
  config.timeout = REQUEST_TIMEOUT_S;
  if (needsInsecureRequests(metadata)) client.allowInsecureRequests(config);
  const fetchImpl = deps.fetch;
  if (fetchImpl) config[client.customFetch] = customFetchOf(fetchImpl);
  if (isOidc(idp)) {
    // openid-client trusts TLS for an ID token fetched from the token endpoint; Gatehouse checks its
    // signature against the IdP's JWKS as well (and a loopback http IdP has no TLS to trust).
    if (!metadata.jwks_uri) throw new FederationError("invalid_request", `${idp.name} has no jwks_uri to check its ID tokens with.`);
    client.enableNonRepudiationChecks(config);
  }
  const cached = metadata.jwks_uri ? jwksCaches.get(metadata.jwks_uri) : undefined;
  if (cached) client.setJwksCache(config, cached);
  return config;
}

/** Where to send the browser, and what to keep (server-side) until the answer comes back. */
export async function beginOidcSignIn(deps: OidcDeps, options: { idp: StoredIdentityProvider; redirectUri: string; state: string }): Promise<{ url: string; pending: FederationPending }> {
  const { idp, redirectUri, state } = options;
  const metadata = await resolveEndpoints(idp, deps.fetch);
  const config = await configurationFor(deps, idp, metadata, false);
  const codeVerifier = client.randomPKCECodeVerifier();
  const scope = scopesOf(idp);
  const parameters: Record<string, string> = {
    redirect_uri: redirectUri,
    scope,
    state,
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: "S256",
  };
  const pending: FederationPending = { provider: idp.name, state, codeVerifier, sentAt: Date.now() };
  if (isOidc(idp)) {
    pending.nonce = client.randomNonce();
    parameters.nonce = pending.nonce;
  }
  if (idp.type === "SignInWithApple" && appleNeedsFormPost(scope)) parameters.response_mode = "form_post";
  return { url: client.buildAuthorizationUrl(config, parameters).href, pending };
}

/** An IdP claim as an attribute value: strings as they are, booleans "true"/"false", objects as JSON. */
function claimString(value: unknown): string {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value);
}

function claimsOf(source: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(source)) {
    if (value === null || value === undefined || TOKEN_CLAIMS.has(key)) continue;
    out[key] = claimString(value);
  }
  return out;
}

/** Refuses an answer that is not for this sign-in: another provider's, another flow's state, too late. */
function checkAnswerBelongs(idp: StoredIdentityProvider, pending: FederationPending, params: Record<string, string>): void {
  if (pending.provider !== idp.name) throw new FederationError("invalid_request", `This sign-in was started with ${pending.provider}, not ${idp.name}.`);
  if (typeof params.state !== "string" || !constantTimeEqual(params.state, pending.state))
    throw new FederationError("invalid_request", `The answer from ${idp.name} does not belong to this sign-in (state does not match).`);
  if (Date.now() - pending.sentAt > MAX_ANSWER_AGE_MS)
    throw new FederationError("invalid_request", `The answer from ${idp.name} came too late: start signing in again.`);
}

/** The IdP's own error on the redirect: the user cancelling (Apple says user_cancelled_authorize), or a refusal. */
function idpErrorOf(idp: StoredIdentityProvider, params: Record<string, string>): FederationError | null {
  if (!params.error) return null;
  if (params.error === "access_denied" || params.error === "user_cancelled_authorize")
    return new FederationError("access_denied", `You cancelled signing in with ${idp.name}.`);
  const code = params.error.slice(0, 100);
  const description = params.error_description ? ` (${params.error_description.slice(0, 300)})` : "";
  return new FederationError("invalid_request", `${idp.name} refused the sign-in: ${code}${description}.`);
}

/** Checks the IdP's answer (query of the GET, or the form of Apple's form_post: code, state, error,
 * error_description, user) and returns who the user is. Throws FederationError. */
export async function finishOidcSignIn(deps: OidcDeps, options: { idp: StoredIdentityProvider; redirectUri: string; pending: FederationPending; params: Record<string, string> }): Promise<FederatedProfile> {
  const { idp, redirectUri, pending, params } = options;
  checkAnswerBelongs(idp, pending, params);
  const refused = idpErrorOf(idp, params);
  if (refused) throw refused;
  if (!params.code) throw new FederationError("invalid_request", `The answer from ${idp.name} has no authorization code.`);
  if (isOidc(idp) && !pending.nonce) throw new FederationError("invalid_request", `This sign-in with ${idp.name} has no nonce to check.`);

  const metadata = await resolveEndpoints(idp, deps.fetch);
  const config = await configurationFor(deps, idp, metadata, true);
  // Only the authorization response's own parameters: Apple's unsigned `user` field is read apart.
  const answer = new URL(redirectUri);
  for (const key of ["code", "state", "iss", "session_state"]) if (params[key] !== undefined) answer.searchParams.set(key, params[key]);

  let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
  try {
    tokens = await client.authorizationCodeGrant(config, answer, {
      expectedState: pending.state,
      ...(pending.codeVerifier ? { pkceCodeVerifier: pending.codeVerifier } : {}),
      ...(isOidc(idp) ? { expectedNonce: pending.nonce, idTokenExpected: true } : {}),
    });
  } catch (error) {
    throw federationFailure("invalid_request", `Signing in with ${idp.name} failed`, error);
  } finally {
    const jwks = client.getJwksCache(config);
    if (jwks && metadata.jwks_uri) jwksCaches.set(metadata.jwks_uri, jwks);
  }

  if (!isOidc(idp)) return facebookProfile(deps, idp, config, tokens.access_token);

  const idToken = tokens.claims();
  if (!idToken) throw new FederationError("invalid_request", `${idp.name} sent no ID token.`);
  let claims = claimsOf(idToken);
  if (metadata.userinfo_endpoint && idp.type !== "SignInWithApple") {
    const userInfo = await fetchAttributes(idp, config, tokens.access_token, idToken.sub);
    claims = { ...claims, ...claimsOf(userInfo) };
  }
  if (idp.type === "SignInWithApple") claims = { ...appleUserClaims(params.user), ...claims };
  return { providerName: idp.name, providerType: idp.type, subject: idToken.sub, issuer: idToken.iss, claims };
}

/** The userinfo endpoint's answer, by GET or POST as `attributes_request_method` says; it must be about the ID token's subject. */
async function fetchAttributes(idp: StoredIdentityProvider, config: client.Configuration, accessToken: string, sub: string): Promise<Record<string, unknown>> {
  try {
    if (idp.details.attributes_request_method !== "POST") return await client.fetchUserInfo(config, accessToken, sub);
    const url = new URL(config.serverMetadata().userinfo_endpoint!);
    const response = await client.fetchProtectedResource(config, accessToken, url, "POST");
    const body = await jsonOf(idp, response, "userinfo");
    if (body.sub !== sub) throw new FederationError("invalid_request", `${idp.name}'s userinfo is about another user than its ID token.`);
    return body;
  } catch (error) {
    throw federationFailure("invalid_request", `Reading your attributes from ${idp.name} failed`, error);
  }
}

async function jsonOf(idp: StoredIdentityProvider, response: Response, what: string): Promise<Record<string, unknown>> {
  if (response.status >= 500) throw new FederationError("temporarily_unavailable", `${idp.name}'s ${what} endpoint failed (HTTP ${response.status}). Try again later.`);
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    throw new FederationError("invalid_request", `${idp.name}'s ${what} endpoint did not answer JSON (HTTP ${response.status}).`);
  }
  if (!body || typeof body !== "object" || Array.isArray(body)) throw new FederationError("invalid_request", `${idp.name}'s ${what} answer is not a JSON object.`);
  const error = (body as { error?: unknown }).error;
  if (!response.ok || error) {
    const code = typeof error === "string" ? error : typeof (error as { type?: unknown })?.type === "string" ? String((error as { type: string }).type) : `HTTP ${response.status}`;
    throw new FederationError("invalid_request", `${idp.name}'s ${what} endpoint refused: ${code}.`);
  }
  return body as Record<string, unknown>;
}

/** Facebook: the Graph API's /me with the app secret proof (required when the app enables "Require App Secret"). */
async function facebookProfile(deps: OidcDeps, idp: StoredIdentityProvider, config: client.Configuration, accessToken: string): Promise<FederatedProfile> {
  const url = facebookProfileUrl(idp);
  const secret = providerSecrets(deps.secrets, idp).client_secret;
  if (secret) url.searchParams.set("appsecret_proof", createHmac("sha256", secret).update(accessToken).digest("hex"));
  let body: Record<string, unknown>;
  try {
    body = await jsonOf(idp, await client.fetchProtectedResource(config, accessToken, url, "GET"), "Graph API");
  } catch (error) {
    throw federationFailure("invalid_request", `Reading your profile from ${idp.name} failed`, error);
  }
  const id = body.id;
  if (typeof id !== "string" || !id) throw new FederationError("invalid_request", `${idp.name}'s profile has no id.`);
  const { picture, ...rest } = body;
  const claims = claimsOf(rest);
  const pictureUrl = (picture as { data?: { url?: unknown } } | undefined)?.data?.url;
  if (typeof pictureUrl === "string") claims.picture = pictureUrl;
  return { providerName: idp.name, providerType: idp.type, subject: id, issuer: null, claims };
}
