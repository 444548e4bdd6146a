// Cognito's /oauth2/userInfo: takes the pool's JWT access token (with the openid scope) and
// answers the user's attributes allowed by its scopes. Served here rather than by oidc-provider,
// whose userinfo endpoint accepts only its own opaque tokens.
import { createHash } from "node:crypto";
import { jwtVerify, type JWTPayload, type JWTVerifyGetKey } from "jose";
import type { Db } from "../db/client.ts";
import { claimsSourceOf, userInfoClaims } from "./claims.ts";
import { readUserInfoRows } from "./claims.queries.ts";

export type UserInfoResult =
  | { ok: true; claims: Record<string, unknown> }
  | { ok: false; status: 401 | 403; error: "invalid_token" | "insufficient_scope"; description: string };

// Access tokens whose signature this process has checked, per key set (a pool's rebuilt provider has
// a new one): apps call userInfo with the same token again and again, and the RSA check is most of
// an answer's CPU. Keyed by the token's hash, as the authorizers' cache is
// (lib/authorizers/token-cache.ts), so memory holds no bearer tokens. Only the signature is
// remembered; expiry is checked on every call, and revocation is read from the database on every call.
const VERIFIED_MAX = 10_000;
const verified = new WeakMap<JWTVerifyGetKey, Map<string, JWTPayload>>();

async function verifiedPayload(token: string, keys: JWTVerifyGetKey, issuer: string): Promise<JWTPayload> {
  let known = verified.get(keys);
  if (!known) verified.set(keys, (known = new Map()));
  const key = createHash("sha256").update(token).digest("base64url");
  const hit = known.get(key);
  const now = Math.floor(Date.now() / 1000);
  // As jose's own checks: expired once `exp` is reached, not valid before `nbf`.
  if (hit && hit.iss === issuer && typeof hit.exp === "number" && hit.exp > now && (typeof hit.nbf !== "number" || hit.nbf <= now)) return hit;
  known.delete(key);
  const { payload } = await jwtVerify(token, keys, { issuer, algorithms: ["RS256"] });
  if (known.size >= VERIFIED_MAX) known.delete(known.keys().next().value!);
  known.set(key, payload);
  return payload;
}

export async function getUserInfo(
  db: Db,
  options: { poolId: string; issuer: string; keys: JWTVerifyGetKey; authorization: string | undefined },
): Promise<UserInfoResult> {
  const match = /^Bearer\s+([\w-]+\.[\w-]+\.[\w-]+)$/i.exec(options.authorization ?? "");
  if (!match) return { ok: false, status: 401, error: "invalid_token", description: "An access token is required in the Authorization header." };
  let payload: Record<string, unknown>;
  try {
    payload = await verifiedPayload(match[1]!, options.keys, options.issuer);
  } catch {
    return { ok: false, status: 401, error: "invalid_token", description: "The access token is invalid or has expired." };
  }
  if (payload.token_use !== "access" || typeof payload.sub !== "string" || typeof payload.origin_jti !== "string") {
    return { ok: false, status: 401, error: "invalid_token", description: "The token is not a user's access token." };
  }
  const scopes = new Set((typeof payload.scope === "string" ? payload.scope : "").split(" "));
  if (!scopes.has("openid")) return { ok: false, status: 403, error: "insufficient_scope", description: "The access token lacks the openid scope." };
  // One statement: the grant (a revoked refresh token takes it, and with it every access token
  // issued from it), the user's claims, and what the token's client may read.
  const { grant, rows, client } = await readUserInfoRows(db, { poolId: options.poolId, sub: payload.sub, grantId: payload.origin_jti, clientId: typeof payload.client_id === "string" ? payload.client_id : "" });
  const source = rows && claimsSourceOf(rows, null);
  if (!grant || (grant.expiresAt && grant.expiresAt.getTime() < Date.now())) {
    return { ok: false, status: 401, error: "invalid_token", description: "The access token has been revoked." };
  }
  if (!source || !source.user.enabled) return { ok: false, status: 401, error: "invalid_token", description: "The user no longer exists or is disabled." };
  return { ok: true, claims: userInfoClaims(source, scopes, client) };
}
