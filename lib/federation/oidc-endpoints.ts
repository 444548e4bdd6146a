// Where each OAuth-based provider lives: Google's, Apple's and Facebook's real endpoints built in,
// an OIDC provider's found by discovery, and every one overridable through Cognito's detail keys
// (oidc_issuer, authorize_url, token_url, attributes_url, jwks_uri), which is how tests point them
// at local IdPs. Discovery answers are kept in memory for an hour, so a sign-in does not pay two
// extra round trips.
import * as client from "openid-client";
import type { StoredIdentityProvider } from "./config.ts";
import { federationFailure } from "./oidc-errors.ts";

/** The endpoints a sign-in uses, as openid-client's server metadata. */
export type IdpMetadata = client.ServerMetadata & { issuer: string; authorization_endpoint: string; token_endpoint: string };

const GOOGLE_ISSUER = "https://accounts.google.com";
const APPLE = {
  issuer: "https://appleid.apple.com",
  authorization_endpoint: "https://appleid.apple.com/auth/authorize",
  token_endpoint: "https://appleid.apple.com/auth/token",
  jwks_uri: "https://appleid.apple.com/auth/keys",
};
/** Facebook is OAuth 2.0 only: no issuer of its own; this one only names it to openid-client. */
const FACEBOOK_ISSUER = "https://www.facebook.com";

const DISCOVERY_TTL_MS = 60 * 60 * 1000;
const discovered = new Map<string, { metadata: client.ServerMetadata; until: number }>();

/** The Graph API's profile endpoint with the fields Cognito asks for. */
export function facebookProfileUrl(idp: StoredIdentityProvider): URL {
  const url = new URL(idp.details.attributes_url ?? `https://graph.facebook.com/${apiVersion(idp)}/me`);
  url.searchParams.set("fields", "id,name,email,first_name,last_name,picture");
  return url;
}

function apiVersion(idp: StoredIdentityProvider): string {
  return idp.details.api_version ?? "v19.0";
}

/** http is only for loopback hosts (development and tests); everything else must be https. */
export function isLoopbackHttp(value: string): boolean {
  const url = new URL(value);
  return url.protocol === "http:" && ["localhost", "127.0.0.1", "[::1]"].includes(url.hostname);
}

function checkScheme(idp: StoredIdentityProvider, value: string): void {
  let ok = false;
  try {
    ok = new URL(value).protocol === "https:" || isLoopbackHttp(value);
  } catch {
    ok = false;
  }
  if (!ok) throw federationFailure("invalid_request", `${idp.name}'s endpoint ${value} is not https.`);
}

/** Whether any endpoint of `metadata` is loopback http, so openid-client must be let use http. */
export function needsInsecureRequests(metadata: client.ServerMetadata): boolean {
  const urls = [metadata.issuer, metadata.authorization_endpoint, metadata.token_endpoint, metadata.jwks_uri, metadata.userinfo_endpoint];
  return urls.some((u) => typeof u === "string" && URL.canParse(u) && isLoopbackHttp(u));
}

/** deps.fetch as openid-client's customFetch. Its body type (FetchBody) is what fetch accepts at run
 * time; only the DOM typing of Uint8Array<ArrayBufferLike> differs, hence the cast. */
export function customFetchOf(fetchImpl: typeof fetch): client.CustomFetch {
  return (url, init) => fetchImpl(url, init as RequestInit);
}

async function discover(idp: StoredIdentityProvider, issuer: string, fetchImpl: typeof fetch | undefined): Promise<client.ServerMetadata> {
  const hit = discovered.get(issuer);
  if (hit && hit.until > Date.now()) return hit.metadata;
  const options: client.DiscoveryRequestOptions = { timeout: 10, execute: isLoopbackHttp(issuer) ? [client.allowInsecureRequests] : [] };
  if (fetchImpl) options[client.customFetch] = customFetchOf(fetchImpl);
  let config: client.Configuration;
  try {
    // The client id does not matter to discovery; the metadata is shared by every client of the issuer.
    config = await client.discovery(new URL(issuer), "discovery", undefined, undefined, options);
  } catch (error) {
    throw federationFailure("invalid_request", `Could not read ${idp.name}'s OpenID configuration at ${issuer}`, error);
  }
  // A plain copy: the helpers openid-client attaches are rebuilt by each Configuration.
  const metadata = JSON.parse(JSON.stringify(config.serverMetadata())) as client.ServerMetadata;
  discovered.set(issuer, { metadata, until: Date.now() + DISCOVERY_TTL_MS });
  return metadata;
}

/** The endpoints of `idp`: built-in, discovered or overridden, each checked to be https (or loopback http). */
export async function resolveEndpoints(idp: StoredIdentityProvider, fetchImpl?: typeof fetch): Promise<IdpMetadata> {
  const d = idp.details;
  const overrides = {
    ...(d.authorize_url ? { authorization_endpoint: d.authorize_url } : {}),
    ...(d.token_url ? { token_endpoint: d.token_url } : {}),
    ...(d.jwks_uri ? { jwks_uri: d.jwks_uri } : {}),
    ...(d.attributes_url ? { userinfo_endpoint: d.attributes_url } : {}),
  };
  const allGiven = !!(d.authorize_url && d.token_url && d.jwks_uri);
  let base: client.ServerMetadata;
  switch (idp.type) {
    case "Google":
    case "OIDC": {
      const issuer = d.oidc_issuer ?? GOOGLE_ISSUER;
      base = allGiven ? { issuer } : await discover(idp, issuer, fetchImpl);
      break;
    }
    case "SignInWithApple":
      // Apple's endpoints are fixed; an overridden issuer without its endpoints is discovered.
      base = d.oidc_issuer && !allGiven ? await discover(idp, d.oidc_issuer, fetchImpl) : { ...APPLE, issuer: d.oidc_issuer ?? APPLE.issuer };
      break;
    case "Facebook":
      base = {
        issuer: d.oidc_issuer ?? FACEBOOK_ISSUER,
        authorization_endpoint: `https://www.facebook.com/${apiVersion(idp)}/dialog/oauth`,
        token_endpoint: `https://graph.facebook.com/${apiVersion(idp)}/oauth/access_token`,
      };
      break;
    case "SAML":
      throw new Error("SAML providers are not OAuth: lib/federation/saml.ts signs them in");
    default: {
      const unreachable: never = idp.type;
      throw new Error(`unknown provider type ${String(unreachable)}`);
    }
  }
  const metadata = { ...base, ...overrides };
  if (!metadata.authorization_endpoint || !metadata.token_endpoint)
    throw federationFailure("invalid_request", `${idp.name} has no authorization or token endpoint.`);
  for (const key of ["issuer", "authorization_endpoint", "token_endpoint", "jwks_uri", "userinfo_endpoint"] as const) {
    const value = metadata[key];
    if (typeof value === "string") checkScheme(idp, value);
  }
  return metadata as IdpMetadata;
}
