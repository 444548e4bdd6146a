// The identity pools' own OpenID issuer, `{PUBLIC_URL}/identity`: GetOpenIdToken and
// GetOpenIdTokenForDeveloperIdentity answer with its tokens, and `sts` credentials are obtained by
// presenting one to STS's AssumeRoleWithWebIdentity — so AWS IAM, or any STS that trusts an OIDC
// provider, can trust Gatehouse. Tokens are as Cognito Identity's: `aud` = the identity pool id,
// `sub` = the identity id, `amr` = ["authenticated", provider, "provider:…:subject"] or
// ["unauthenticated"]. Keys are RS256, kept with the pools' (lib/tokens/keys.ts) under the owner
// "identity", private halves encrypted; discovery and JWKS are served from memory.
import type { IncomingMessage, ServerResponse } from "node:http";
import { SignJWT, createLocalJWKSet, importJWK, jwtVerify, type JWK, type JWTPayload } from "jose";
import type { Db } from "../db/client.ts";
import type { Secrets } from "../security/secrets.ts";
import { loadPublicKeys, loadSigningKeys } from "../tokens/keys.ts";

/** The owner of the identity issuer's keys in SigningKey (never a pool id: those have an underscore). */
export const IDENTITY_KEY_OWNER = "identity";
export const IDENTITY_ISSUER_PATH = "/identity";
/** Cognito's default and bounds for GetOpenIdTokenForDeveloperIdentity's TokenDuration. */
export const DEFAULT_TOKEN_SECONDS = 600;
export const MAX_TOKEN_SECONDS = 86_400;

export const identityIssuer = (publicUrl: string) => `${publicUrl}${IDENTITY_ISSUER_PATH}`;

type KeySet = { signing: { kid: string; key: CryptoKey | Uint8Array }; publicKeys: JWK[]; verify: ReturnType<typeof createLocalJWKSet>; loadedAt: number };
const CACHE_MS = 5 * 60_000;
const KEYS = Symbol.for("gatehouse.identityIssuerKeys");
type Holder = { [KEYS]?: Promise<KeySet> };

/** The issuer's keys, loaded (and the first made) once per process and refreshed every few minutes. */
function keySet(deps: { db: Db; secrets: Secrets }): Promise<KeySet> {
  const holder = globalThis as Holder;
  const cached = holder[KEYS];
  if (cached) {
    return cached.then((set) => {
      if (Date.now() - set.loadedAt < CACHE_MS) return set;
      delete holder[KEYS];
      return keySet(deps);
    });
  }
  const loading = (async (): Promise<KeySet> => {
    const [active] = await loadSigningKeys(deps.db, deps.secrets, IDENTITY_KEY_OWNER);
    const publicKeys = await loadPublicKeys(deps.db, IDENTITY_KEY_OWNER);
    return {
      signing: { kid: String(active!.kid), key: await importJWK(active!, "RS256") },
      publicKeys, verify: createLocalJWKSet({ keys: publicKeys }), loadedAt: Date.now(),
    };
  })();
  holder[KEYS] = loading;
  loading.catch(() => delete holder[KEYS]);
  return loading;
}

export type OpenIdTokenSubject = {
  identityPoolId: string;
  identityId: string;
  /** Cognito's amr: ["authenticated", provider, "provider:…:subject", …] or ["unauthenticated"]. */
  amr: string[];
};

export async function issueOpenIdToken(
  deps: { db: Db; secrets: Secrets; publicUrl: string }, subject: OpenIdTokenSubject, seconds = DEFAULT_TOKEN_SECONDS,
): Promise<string> {
  const { signing } = await keySet(deps);
  return new SignJWT({ amr: subject.amr })
    .setProtectedHeader({ alg: "RS256", kid: signing.kid, typ: "JWT" })
    .setIssuer(identityIssuer(deps.publicUrl))
    .setSubject(subject.identityId)
    .setAudience(subject.identityPoolId)
    .setIssuedAt()
    .setExpirationTime(`${seconds}s`)
    .sign(signing.key);
}

/** An OpenID token this issuer made for the identity pool, or null. */
export async function verifyOpenIdToken(deps: { db: Db; secrets: Secrets; publicUrl: string }, token: string, identityPoolId: string): Promise<(JWTPayload & { sub: string; amr: string[] }) | null> {
  const { verify } = await keySet(deps);
  try {
    const { payload } = await jwtVerify(token, verify, { issuer: identityIssuer(deps.publicUrl), audience: identityPoolId, algorithms: ["RS256"] });
    if (typeof payload.sub !== "string" || !Array.isArray(payload.amr)) return null;
    return payload as JWTPayload & { sub: string; amr: string[] };
  } catch {
    return null;
  }
}

/**
 * `GET {PUBLIC_URL}/identity/.well-known/openid-configuration` and `…/jwks.json`: what an OIDC
 * relying party (AWS IAM's OIDC provider, an STS) fetches to trust the tokens. True when answered.
 */
export async function serveIdentityIssuer(deps: { db: Db; secrets: Secrets; publicUrl: string }, req: IncomingMessage, res: ServerResponse, path: string): Promise<boolean> {
  const issuer = identityIssuer(deps.publicUrl);
  let body: object;
  if (path === `${IDENTITY_ISSUER_PATH}/.well-known/openid-configuration`) {
    body = {
      issuer,
      jwks_uri: `${issuer}/.well-known/jwks.json`,
      // Cognito Identity's discovery names these; tokens are only ever issued through its API.
      authorization_endpoint: `${issuer}/authorize`,
      response_types_supported: ["id_token"],
      subject_types_supported: ["public"],
      id_token_signing_alg_values_supported: ["RS256"],
      claims_supported: ["sub", "aud", "iss", "amr", "iat", "exp"],
    };
  } else if (path === `${IDENTITY_ISSUER_PATH}/.well-known/jwks.json`) {
    body = { keys: (await keySet(deps)).publicKeys.map(({ kid, kty, n, e, alg, use }) => ({ kid, kty, n, e, alg, use })) };
  } else {
    return false;
  }
  if (req.method !== "GET" && req.method !== "HEAD") {
    res.writeHead(405, { Allow: "GET, HEAD" }).end();
    return true;
  }
  res.writeHead(200, { "Content-Type": "application/json", "Cache-Control": "public, max-age=300", "Access-Control-Allow-Origin": "*" });
  res.end(req.method === "HEAD" ? undefined : JSON.stringify(body));
  return true;
}
