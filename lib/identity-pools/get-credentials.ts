// The flows of Cognito Identity, each one call of the API (lib/identity-pools/api) or of
// `/token-to-credentials`: find or make the identity for the logins, choose its role, issue its
// credentials or OpenID token. Every door goes through these, so the rules are the same.
import { decodeJwt } from "jose";
import type { Db } from "../db/client.ts";
import { AppError } from "../errors.ts";
import type { Runtime } from "../runtime.ts";
import type { IdentityPool } from "./config.ts";
import { issueCredentials, type Credentials } from "./credentials.ts";
import { findIdentity, identityForCredentials, identityOfLogin, linkLogins, loginsAreOf, resolveIdentity, unlinkLogins } from "./identities.ts";
import { getIdentityPool } from "./identity-pools.queries.ts";
import { amrOf, verifyLogins, type VerifiedLogin } from "./logins.ts";
import { DEFAULT_TOKEN_SECONDS, issueOpenIdToken } from "./open-id-token.ts";
import { chooseRole } from "./roles.ts";
import { findIdentityPoolIdOf } from "./identities.queries.ts";

type Rt = Pick<Runtime, "db" | "secrets" | "env" | "providers">;
type Logins = Record<string, string> | undefined;

/** The identity pool an identity belongs to. */
async function poolOfIdentity(db: Db, identityId: string): Promise<IdentityPool> {
  const identityPoolId = await findIdentityPoolIdOf(db, { identityId });
  if (!identityPoolId) throw new AppError("ResourceNotFoundException", `Identity '${identityId}' not found.`);
  return getIdentityPool(db, identityPoolId);
}

/** GetId. */
export async function getId(rt: Rt, options: { identityPoolId: string; logins?: Logins }): Promise<{ identityId: string }> {
  const pool = await getIdentityPool(rt.db, options.identityPoolId);
  const logins = await verifyLogins(rt, pool, options.logins);
  return { identityId: await resolveIdentity(rt.db, pool, logins) };
}

export type CredentialsAnswer = { identityId: string; roleArn: string; credentials: Credentials };

async function credentialsFor(rt: Rt, pool: IdentityPool, identityId: string, logins: VerifiedLogin[], customRoleArn: string | undefined): Promise<CredentialsAnswer> {
  const id = await identityForCredentials(rt.db, pool, identityId, logins);
  const role = chooseRole(pool, logins, customRoleArn);
  const credentials = await issueCredentials(rt, pool, { identityId: id, roleArn: role.roleArn, authenticated: role.authenticated, logins });
  return { identityId: id, roleArn: role.roleArn, credentials };
}

/** GetCredentialsForIdentity. */
export async function getCredentialsForIdentity(rt: Rt, options: { identityId: string; logins?: Logins; customRoleArn?: string }): Promise<CredentialsAnswer> {
  const pool = await poolOfIdentity(rt.db, options.identityId);
  const logins = await verifyLogins(rt, pool, options.logins);
  return credentialsFor(rt, pool, options.identityId, logins, options.customRoleArn);
}

/**
 * GetOpenIdToken: the identity's OpenID token (Cognito's basic flow; 10 minutes). As Cognito, only
 * for a pool that allows the basic flow: with the token a client assumes a role itself, so roles
 * whose trust policy is loose become reachable without the pool's role choice.
 */
export async function getOpenIdToken(rt: Rt, options: { identityId: string; logins?: Logins }): Promise<{ identityId: string; token: string }> {
  const pool = await poolOfIdentity(rt.db, options.identityId);
  if (!pool.allowClassicFlow) throw new AppError("InvalidParameterException", "Basic (classic) flow is not enabled, please use enhanced flow.");
  const logins = await verifyLogins(rt, pool, options.logins);
  const id = await identityForCredentials(rt.db, pool, options.identityId, logins);
  const token = await issueOpenIdToken({ db: rt.db, secrets: rt.secrets, publicUrl: rt.env.publicUrl }, { identityPoolId: pool.id, identityId: id, amr: amrOf(pool.id, logins) });
  return { identityId: id, token };
}

/**
 * GetOpenIdTokenForDeveloperIdentity: a signed back end vouches for its user (the developer
 * provider's key in Logins) and gets that user's identity and an OpenID token for it.
 */
export async function getOpenIdTokenForDeveloperIdentity(
  rt: Rt, options: { identityPoolId: string; identityId?: string; logins: Record<string, string>; tokenDuration?: number },
): Promise<{ identityId: string; token: string }> {
  const pool = await getIdentityPool(rt.db, options.identityPoolId);
  if (!pool.developerProviderName || !(pool.developerProviderName in options.logins)) {
    throw new AppError("InvalidParameterException", pool.developerProviderName
      ? `Logins must include the developer provider ${pool.developerProviderName}.`
      : "The identity pool has no developer provider name (developerProviderName).");
  }
  const logins = await verifyLogins(rt, pool, options.logins, { developer: true });
  let id: string;
  if (options.identityId) {
    const developer = logins.find((l) => l.kind === "developer")!;
    const linked = await identityOfLogin(rt.db, pool.id, developer.provider, developer.subject);
    if (linked && linked !== options.identityId) throw new AppError("DeveloperUserAlreadyRegisteredException", "The developer user is already linked to another identity.");
    // The signed back end vouches for its user and asks for the link (Cognito's way to add a
    // developer login to an identity that has others): no login of the identity's own is needed.
    const identity = await findIdentity(rt.db, pool.id, options.identityId);
    if (!identity) throw new AppError("ResourceNotFoundException", `Identity '${options.identityId}' not found.`);
    await linkLogins(rt.db, pool, identity.id, logins);
    id = identity.id;
  } else {
    id = await resolveIdentity(rt.db, pool, logins);
  }
  const token = await issueOpenIdToken(
    { db: rt.db, secrets: rt.secrets, publicUrl: rt.env.publicUrl }, { identityPoolId: pool.id, identityId: id, amr: amrOf(pool.id, logins) },
    options.tokenDuration ?? DEFAULT_TOKEN_SECONDS,
  );
  return { identityId: id, token };
}

/**
 * UnlinkIdentity: the identity's owner, proving it with logins of the identity's own, unlinks some
 * of its providers; a login unlinked makes a new identity the next time it is seen.
 */
export async function unlinkIdentity(rt: Rt, options: { identityId: string; logins: Record<string, string>; loginsToRemove: string[] }): Promise<void> {
  const pool = await poolOfIdentity(rt.db, options.identityId);
  const logins = await verifyLogins(rt, pool, options.logins);
  if (!(await loginsAreOf(rt.db, pool, options.identityId, logins))) {
    throw new AppError("NotAuthorizedException", "Logins don't match. Please include at least one valid login for this identity or identity pool.");
  }
  await unlinkLogins(rt.db, options.identityId, options.loginsToRemove.map((provider) => ({ provider })));
}

/**
 * `/token-to-credentials`: one call from an ID token (or none, a guest) to credentials. The token's
 * own issuer names its Logins key; a guest may pass back the identity id it was given to keep it.
 */
export async function tokenToCredentials(rt: Rt, options: { identityPoolId: string; idToken?: string; identityId?: string; customRoleArn?: string }): Promise<CredentialsAnswer> {
  const pool = await getIdentityPool(rt.db, options.identityPoolId);
  let raw: Record<string, string> = {};
  if (options.idToken) {
    let iss: unknown;
    try {
      iss = decodeJwt(options.idToken).iss;
    } catch {
      throw new AppError("NotAuthorizedException", "Invalid login token. Not a valid OpenId Connect identity token.");
    }
    if (typeof iss !== "string") throw new AppError("NotAuthorizedException", "Invalid login token. Not a valid OpenId Connect identity token.");
    raw = { [iss.replace(/^https?:\/\//, "")]: options.idToken };
  }
  const logins = await verifyLogins(rt, pool, raw);
  // An identity id given back is checked (it must be this pool's) by credentialsFor.
  const identityId = options.identityId ?? (await resolveIdentity(rt.db, pool, logins));
  return credentialsFor(rt, pool, identityId, logins, options.customRoleArn);
}
