// Checks a token a pool issued, for the parts of Gatehouse that trust tokens on behalf of others
// (identity pools, authorizers), and says exactly why one is refused: missing, malformed, signed
// with a key the pool no longer publishes, badly signed, expired, another pool's or client's, the
// wrong token_use; and, with the server-side check, revoked or signed out (its grant, origin_jti,
// is gone), or its user deleted or disabled since.
//
// The signature check needs no database (the pool's keys are in its cached provider); the
// server-side check reads two rows in one statement, so callers that answer often cache its result
// (lib/authorizers) and callers that answer rarely (identity pools) call it every time.
import { decodeJwt, decodeProtectedHeader, errors as joseErrors, jwtVerify } from "jose";
import { issuerFor } from "../oidc/provider.ts";
import { POOL_ID_PATTERN } from "../pools/pool-id.ts";
import type { Runtime } from "../runtime.ts";
import { readTokenLiveRows } from "./verify-pool-token.queries.ts";

export type TokenProblem =
  | "missing" | "malformed" | "unknown_key" | "bad_signature" | "expired" | "not_yet_valid"
  | "wrong_issuer" | "wrong_client" | "wrong_token_use" | "revoked" | "user_deleted" | "user_disabled";

/** What each problem means, in words fit for an error_description. */
export const TOKEN_PROBLEMS: Record<TokenProblem, string> = {
  missing: "No token was presented",
  malformed: "The token is not a well-formed JWT",
  unknown_key: "The token is signed with a key that is not in the pool's JWKS",
  bad_signature: "The token's signature is invalid",
  expired: "The token has expired",
  not_yet_valid: "The token is not valid yet",
  wrong_issuer: "The token was issued by a user pool this resource does not trust",
  wrong_client: "The token was issued to an app client this resource does not trust",
  wrong_token_use: "The token is of the wrong type (token_use)",
  revoked: "The token has been revoked or its user signed out",
  user_deleted: "The token's user no longer exists",
  user_disabled: "The token's user is disabled",
};

export type PoolToken = {
  poolId: string;
  tokenUse: "id" | "access";
  /** The app client: an access token's client_id, an ID token's aud. */
  clientId: string;
  sub: string;
  /** The grant (sign-in) behind the token, when it names one. */
  grantId: string | null;
  /** Seconds since the epoch. */
  expiresAt: number;
  claims: Record<string, unknown>;
};

export type VerifyResult = { ok: true; token: PoolToken } | { ok: false; problem: TokenProblem };

export type TokenExpectations = {
  /** The pools whose tokens are trusted. */
  poolIds: readonly string[];
  /** The app clients whose tokens are trusted; empty or left out: any of those pools'. */
  clientIds?: readonly string[];
  tokenUse: "id" | "access" | "any";
};

const refuse = (problem: TokenProblem): VerifyResult => ({ ok: false, problem });

/** Checks the token's form, signature, time, issuer, client and use; nothing that needs the database. */
export async function verifyPoolToken(rt: Pick<Runtime, "env" | "providers">, token: string | null | undefined, expect: TokenExpectations): Promise<VerifyResult> {
  if (!token) return refuse("missing");
  let claimed: Record<string, unknown>;
  try {
    decodeProtectedHeader(token);
    claimed = decodeJwt(token);
  } catch {
    return refuse("malformed");
  }
  const iss = typeof claimed.iss === "string" ? claimed.iss : "";
  const prefix = `${rt.env.publicUrl}/`;
  const poolId = iss.startsWith(prefix) ? iss.slice(prefix.length) : "";
  if (!POOL_ID_PATTERN.test(poolId) || !expect.poolIds.includes(poolId)) return refuse("wrong_issuer");
  const entry = await rt.providers.get(poolId);
  if (!entry) return refuse("wrong_issuer");
  let claims: Record<string, unknown>;
  try {
    ({ payload: claims } = await jwtVerify(token, entry.verificationKeys, { issuer: issuerFor(rt.env.publicUrl, poolId), algorithms: ["RS256"] }));
  } catch (error) {
    if (error instanceof joseErrors.JWTExpired) return refuse("expired");
    if (error instanceof joseErrors.JWKSNoMatchingKey) return refuse("unknown_key");
    if (error instanceof joseErrors.JWSSignatureVerificationFailed) return refuse("bad_signature");
    if (error instanceof joseErrors.JWTClaimValidationFailed && error.claim === "nbf") return refuse("not_yet_valid");
    if (error instanceof joseErrors.JWTClaimValidationFailed && error.claim === "iat") return refuse("not_yet_valid");
    return refuse("malformed");
  }
  const use = claims.token_use;
  if (use !== "id" && use !== "access") return refuse("wrong_token_use");
  if (expect.tokenUse !== "any" && use !== expect.tokenUse) return refuse("wrong_token_use");
  const clientId = use === "access" ? claims.client_id : claims.aud;
  if (typeof clientId !== "string" || typeof claims.sub !== "string" || typeof claims.exp !== "number") return refuse("malformed");
  if (expect.clientIds?.length && !expect.clientIds.includes(clientId)) return refuse("wrong_client");
  return {
    ok: true,
    token: {
      poolId, tokenUse: use, clientId, sub: claims.sub, grantId: typeof claims.origin_jti === "string" ? claims.origin_jti : null, expiresAt: claims.exp, claims,
    },
  };
}

/**
 * The server-side check: the token's grant is alive (not revoked, not signed out) and its user
 * exists and is enabled. Tokens without a grant (client_credentials) pass on the grant, and
 * tokens without a user (client_credentials' sub is the client) are not user tokens: null = live.
 */
export async function checkTokenLive(rt: Pick<Runtime, "db">, token: PoolToken): Promise<TokenProblem | null> {
  const isUserToken = token.tokenUse === "id" || typeof token.claims.username === "string";
  if (!token.grantId && !isUserToken) return null;
  const { grant, user } = await readTokenLiveRows(rt.db, { poolId: token.poolId, grantId: token.grantId, userId: isUserToken ? token.sub : null });
  if (token.grantId && (!grant || (grant.expiresAt && grant.expiresAt.getTime() < Date.now()))) return "revoked";
  // A user token without a grant is one from before grants were named in ID tokens: its user is still checked.
  if (isUserToken && !user) return "user_deleted";
  if (isUserToken && !user!.enabled) return "user_disabled";
  return null;
}
