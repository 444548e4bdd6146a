// The user behind an access token, for the operations a signed-in user calls on their own account
// (GetUser, ChangePassword, AssociateSoftwareToken, …). The token must be this deployment's, signed
// by its pool's key, unexpired, an access token with the aws.cognito.signin.user.admin scope, and
// its grant (origin_jti) still alive: a revoked refresh token or a global sign-out ends it at once.
import { decodeJwt, errors as joseErrors, jwtVerify } from "jose";
import { AppError } from "../errors.ts";
import { findGrantExpiry } from "../oidc/artifacts.ts";
import { findPoolUser } from "../auth-flow/auth-flow.queries.ts";
import { issuerFor } from "../oidc/provider.ts";
import type { ProviderEntry } from "../oidc/registry.ts";
import { USER_ADMIN_SCOPE } from "../oidc/issue-tokens.ts";
import { POOL_ID_PATTERN } from "../pools/config-schema.ts";
import type { Runtime } from "../runtime.ts";
import type { UserRow } from "../users/user.ts";

export type TokenUser = { user: UserRow; entry: ProviderEntry; clientId: string; grantId: string; payload: Record<string, unknown> };

const invalid = () => new AppError("NotAuthorizedException", "Invalid Access Token");

export async function authenticateAccessToken(rt: Runtime, token: string): Promise<TokenUser> {
  let claimed: Record<string, unknown>;
  try {
    claimed = decodeJwt(token);
  } catch {
    throw invalid();
  }
  const iss = typeof claimed.iss === "string" ? claimed.iss : "";
  const poolId = iss.startsWith(`${rt.env.publicUrl}/`) ? iss.slice(rt.env.publicUrl.length + 1) : "";
  if (!POOL_ID_PATTERN.test(poolId)) throw invalid();
  const entry = await rt.providers.get(poolId);
  if (!entry) throw invalid();
  let payload: Record<string, unknown>;
  try {
    ({ payload } = await jwtVerify(token, entry.verificationKeys, { issuer: issuerFor(rt.env.publicUrl, poolId), algorithms: ["RS256"] }));
  } catch (error) {
    if (error instanceof joseErrors.JWTExpired) throw new AppError("NotAuthorizedException", "Access Token has expired");
    throw invalid();
  }
  if (payload.token_use !== "access" || typeof payload.sub !== "string" || typeof payload.origin_jti !== "string" || typeof payload.client_id !== "string") throw invalid();
  if (!(typeof payload.scope === "string" ? payload.scope : "").split(" ").includes(USER_ADMIN_SCOPE)) throw new AppError("NotAuthorizedException", "Access Token does not have required scopes");
  const [grant, user] = await Promise.all([
    findGrantExpiry(rt.db, { poolId, grantId: payload.origin_jti }),
    findPoolUser(rt.db, { poolId, userId: payload.sub }),
  ]);
  if (!grant || (grant.expiresAt && grant.expiresAt.getTime() < Date.now())) throw new AppError("NotAuthorizedException", "Access Token has been revoked");
  if (!user) throw new AppError("UserNotFoundException", "User does not exist.");
  if (!user.enabled) throw new AppError("NotAuthorizedException", "User is disabled.");
  return { user, entry, clientId: payload.client_id, grantId: payload.origin_jti, payload };
}
