// The `Logins` map of Cognito Identity's calls, checked: each key names a provider the identity
// pool trusts and each value is a token (or, for the developer provider, a user identifier the
// signed call vouches for). A user pool's key is its issuer without the scheme
// (`localhost:3000/local_Demo12345`, what Amplify builds from the ID token's `iss`); its token is an
// ID token from one of the pool's listed app clients, checked server-side (not revoked or signed
// out, its user still enabled) unless the provider says serverSideTokenCheck: false.
// `cognito-identity.amazonaws.com` (or the identity issuer's own key) takes an OpenID token from
// GetOpenIdTokenForDeveloperIdentity.
import { AppError } from "../errors.ts";
import type { Runtime } from "../runtime.ts";
import { checkTokenLive, verifyPoolToken, type TokenProblem } from "../tokens/verify-pool-token.ts";
import { loginsKeyOf, type IdentityPool } from "./config.ts";
import { verifyOpenIdToken } from "./open-id-token.ts";

export const COGNITO_IDENTITY_LOGIN = "cognito-identity.amazonaws.com";
const MAX_LOGINS = 10;

export type VerifiedLogin =
  | {
      kind: "user-pool";
      /** The Logins key, and the provider's name in amr and DescribeIdentity. */
      provider: string;
      /** The user's `sub`. */
      subject: string;
      poolId: string;
      clientId: string;
      /** The ID token's claims, for role mapping. */
      claims: Record<string, unknown>;
    }
  | { kind: "developer"; provider: string; subject: string }
  /** An OpenID token of this identity pool: it names the identity itself. */
  | { kind: "openid"; provider: string; subject: string; identityId: string; amr: string[] };

/** Cognito's words for a refused login token. */
const WORDS: Partial<Record<TokenProblem, string>> = {
  expired: "Invalid login token. Token expired.",
  wrong_issuer: "Invalid login token. Issuer doesn't match providerName",
  wrong_client: "Invalid login token. Incorrect token audience.",
  wrong_token_use: "Invalid login token. Not a valid OpenId Connect identity token.",
  revoked: "Invalid login token. Token has been revoked.",
  user_deleted: "Invalid login token. The user no longer exists.",
  user_disabled: "Invalid login token. The user is disabled.",
};
const refused = (problem: TokenProblem) => new AppError("NotAuthorizedException", WORDS[problem] ?? "Invalid login token. Couldn't verify signed token.");

export type LoginOptions = {
  /** Whether the caller proved it is a trusted back end (a SigV4-signed developer call): only then
   * may the developer provider's key carry a bare user identifier. */
  developer?: boolean;
};

/** Checks every login; throws Cognito's NotAuthorizedException (or InvalidParameterException) for the first bad one. */
export async function verifyLogins(
  rt: Pick<Runtime, "env" | "providers" | "db" | "secrets">, identityPool: IdentityPool, logins: Record<string, string> | undefined, options: LoginOptions = {},
): Promise<VerifiedLogin[]> {
  const entries = Object.entries(logins ?? {});
  if (entries.length > MAX_LOGINS) throw new AppError("InvalidParameterException", `1 validation error detected: Value at 'logins' failed to satisfy constraint: Member must have length less than or equal to ${MAX_LOGINS}`);
  const out: VerifiedLogin[] = [];
  const openIdKey = loginsKeyOf(rt.env.publicUrl, "identity");
  for (const [provider, value] of entries) {
    if (identityPool.developerProviderName && provider === identityPool.developerProviderName) {
      if (!options.developer) throw new AppError("NotAuthorizedException", "Invalid login token. Developer-authenticated identities are only available through GetOpenIdTokenForDeveloperIdentity.");
      if (!value || value.length > 128) throw new AppError("InvalidParameterException", "The developer user identifier must be 1 to 128 characters.");
      out.push({ kind: "developer", provider, subject: value });
      continue;
    }
    if (provider === COGNITO_IDENTITY_LOGIN || provider === openIdKey) {
      const payload = await verifyOpenIdToken({ db: rt.db, secrets: rt.secrets, publicUrl: rt.env.publicUrl }, value, identityPool.id);
      if (!payload) throw new AppError("NotAuthorizedException", "Invalid login token. Couldn't verify signed token.");
      out.push({ kind: "openid", provider: COGNITO_IDENTITY_LOGIN, subject: payload.sub, identityId: payload.sub, amr: payload.amr });
      continue;
    }
    const trusted = identityPool.providers.filter((p) => loginsKeyOf(rt.env.publicUrl, p.poolId) === provider);
    if (trusted.length === 0) throw new AppError("NotAuthorizedException", `Invalid login token. Token is not from a supported provider of this identity pool.`);
    const poolId = trusted[0]!.poolId;
    const verified = await verifyPoolToken(rt, value, { poolIds: [poolId], clientIds: trusted.map((p) => p.clientId), tokenUse: "id" });
    if (!verified.ok) throw refused(verified.problem);
    const settings = trusted.find((p) => p.clientId === verified.token.clientId)!;
    if (settings.serverSideTokenCheck) {
      const problem = await checkTokenLive(rt, verified.token);
      if (problem) throw refused(problem);
    }
    out.push({ kind: "user-pool", provider, subject: verified.token.sub, poolId, clientId: verified.token.clientId, claims: verified.token.claims });
  }
  return out;
}

/** Cognito's amr for the logins: which providers vouched and for whom. */
export function amrOf(identityPoolId: string, logins: VerifiedLogin[]): string[] {
  if (logins.length === 0) return ["unauthenticated"];
  const amr = ["authenticated"];
  for (const login of logins) {
    if (login.kind === "openid") {
      amr.push(...login.amr.filter((a) => a !== "authenticated" && !amr.includes(a)));
      continue;
    }
    amr.push(login.provider);
    amr.push(login.kind === "user-pool" ? `${login.provider}:CognitoSignIn:${login.subject}` : `${login.provider}:${identityPoolId}:${login.subject}`);
  }
  return amr;
}

