// Who an IdP's user is in the pool, as Cognito decides it: the user already linked to that
// identity (a federated user made at an earlier sign-in, or a native user an admin or the user
// linked), else a new federated user — username `{ProviderName}_{id}`, status EXTERNAL_PROVIDER,
// member of the group `{poolId}_{ProviderName}` — made through the one insert (insert-user.ts)
// with the pre sign-up (PreSignUp_ExternalProvider) and post confirmation triggers around it.
// Beyond Cognito: an IdP that vouches for an email a native user has verified does not make a
// second account or link silently; the caller asks that user to prove the account first.
import type { Db } from "../db/client.ts";
import { AppError } from "../errors.ts";
import {
  findIdentityWithUser, findUserByUsernameKey, findVerifiedEmailUser, insertIdentity, setIdentitySamlSession, updateUserAttributes, upsertProviderGroup,
} from "./federation.queries.ts";
import type { Pool } from "../pools/pool.ts";
import { runPostConfirmation, runPreSignUp, type TriggerContext } from "../triggers/sign-up-triggers.ts";
import type { TriggerDeps } from "../triggers/invoke.ts";
import { insertUser } from "../users/insert-user.ts";
import type { UserRow } from "../users/user.ts";
import { validateAttributes, type SplitAttributes } from "../users/validate-attributes.ts";
import { providerGroupName, type StoredIdentityProvider } from "./config.ts";
import type { FederatedProfile } from "./profile.ts";
import { federatedUsername } from "./identities.ts";

export type FederatedSignIn =
  | { kind: "user"; user: UserRow; created: boolean }
  /** A native user has this verified email: they prove the account (password, MFA) before the identity is linked to it. */
  | { kind: "prove"; candidate: UserRow };

/** The pool attributes an IdP's claims give, through the provider's attributeMapping ({ pool attribute: IdP attribute }). */
export function mappedAttributes(pool: Pool, idp: StoredIdentityProvider, claims: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [attribute, claim] of Object.entries(idp.attributeMapping)) {
    const value = claims[claim];
    if (value === undefined || attribute === "username") continue;
    // A custom attribute the pool no longer defines is skipped rather than failing every sign-in.
    if (attribute.startsWith("custom:") && !pool.customAttributes.some((a) => `custom:${a.name}` === attribute)) continue;
    out[attribute] = attribute === "email_verified" || attribute === "phone_number_verified" ? String(value === "true" || value === "1") : value;
  }
  return out;
}

/** Resolves (or creates) the pool user behind an IdP's answer. */
export async function resolveFederatedUser(
  deps: TriggerDeps, options: { pool: Pool; profile: FederatedProfile; trigger: TriggerContext },
): Promise<FederatedSignIn> {
  const { pool, profile } = options;
  const idp = pool.identityProviders.find((p) => p.name === profile.providerName);
  if (!idp) throw new AppError("InvalidParameterException", `${profile.providerName} is not an identity provider of this pool.`);
  const mapped = mappedAttributes(pool, idp, profile.claims);

  const linked = await findIdentityWithUser(deps.db, { poolId: pool.id, providerName: idp.name, providerUserId: profile.subject });
  if (linked) {
    if (profile.saml) await rememberSamlSession(deps.db, { poolId: pool.id, providerName: idp.name, profile });
    const user = linked.user.status === "EXTERNAL_PROVIDER" ? await refreshAttributes(deps.db, pool, linked.user, mapped) : linked.user;
    return { kind: "user", user, created: false };
  }

  const attrs = validateAttributes(pool, mapped, { enforceRequired: true });
  if (attrs.email && attrs.emailVerified) {
    const candidate = await findVerifiedEmailUser(deps.db, { poolId: pool.id, emailKey: attrs.email.toLowerCase() });
    if (candidate) return { kind: "prove", candidate };
  }
  return { kind: "user", user: await createFederatedUser(deps, { ...options, idp, attrs, mapped }), created: true };
}

async function createFederatedUser(
  deps: TriggerDeps,
  options: { pool: Pool; profile: FederatedProfile; trigger: TriggerContext; idp: StoredIdentityProvider; attrs: SplitAttributes; mapped: Record<string, string> },
): Promise<UserRow> {
  const { pool, profile, idp, attrs } = options;
  const username = federatedUsername(idp.name, profile.subject);
  // Before anything is written: a refusal leaves nothing half-made.
  await runPreSignUp(deps, { pool, source: "PreSignUp_ExternalProvider", userName: username, attributes: options.mapped, context: options.trigger });
  const groupName = providerGroupName(pool.id, idp.name);
  try {
    const { user } = await insertUser(deps.db, {
      pool, creator: "federation", username, attributes: attrs, password: null, status: "EXTERNAL_PROVIDER",
      // Cognito makes the provider's group on the first sign-in through it.
      groupIds: async (tx) => [await upsertProviderGroup(tx, { poolId: pool.id, name: groupName, description: `Users who signed in with ${idp.name}` })],
      inTransaction: async (tx, created) => insertIdentity(tx, {
        poolId: pool.id, providerName: idp.name, providerUserId: profile.subject, userId: created.id, primary: true, issuer: identityIssuer(idp, profile),
        samlNameIdFormat: profile.saml?.nameIdFormat ?? null, samlSessionIndex: profile.saml?.sessionIndex ?? null,
      }),
    });
    await runPostConfirmation(deps, { pool, source: "PostConfirmation_ConfirmSignUp", user, context: options.trigger });
    return user;
  } catch (error) {
    // Two first sign-ins of the same person at once: the other one made the user.
    if (error instanceof AppError && error.code === "UsernameExistsException") {
      const existing = await findUserByUsernameKey(deps.db, { poolId: pool.id, usernameKey: username.toLowerCase() });
      if (existing) return existing;
    }
    throw error;
  }
}

/** The SAML session an IdP just opened, named again in the LogoutRequest when the app signs the user out. */
async function rememberSamlSession(db: Db, options: { poolId: string; providerName: string; profile: FederatedProfile }) {
  const { profile } = options;
  await setIdentitySamlSession(db, { poolId: options.poolId, providerName: options.providerName, providerUserId: profile.subject }, {
    nameIdFormat: profile.saml?.nameIdFormat ?? null, sessionIndex: profile.saml?.sessionIndex ?? null,
  });
}

/** Cognito's identities[].issuer: the SAML IdP's entity id; null for social and OIDC providers. */
export function identityIssuer(idp: StoredIdentityProvider, profile: FederatedProfile): string | null {
  return idp.type === "SAML" ? profile.issuer : null;
}

/** A federated user's mapped attributes are the IdP's: refreshed at every sign-in, as Cognito does. */
async function refreshAttributes(db: Db, pool: Pool, user: UserRow, mapped: Record<string, string>): Promise<UserRow> {
  if (Object.keys(mapped).length === 0) return user;
  let attrs: SplitAttributes;
  try {
    attrs = validateAttributes(pool, mapped, { enforceRequired: false });
  } catch {
    // An IdP that now sends a malformed value keeps the user's last good attributes.
    return user;
  }
  const other = { ...(user.attributes as Record<string, string>), ...attrs.other };
  const changed =
    (mapped.email !== undefined && (attrs.email !== user.email || attrs.emailVerified !== user.emailVerified)) ||
    (mapped.phone_number !== undefined && (attrs.phoneNumber !== user.phoneNumber || attrs.phoneVerified !== user.phoneVerified)) ||
    JSON.stringify(other) !== JSON.stringify(user.attributes);
  if (!changed) return user;
  return updateUserAttributes(db, user.id, {
      ...(mapped.email !== undefined ? { email: attrs.email, emailKey: attrs.email?.toLowerCase() ?? null, emailVerified: attrs.emailVerified } : {}),
      ...(mapped.phone_number !== undefined ? { phoneNumber: attrs.phoneNumber, phoneVerified: attrs.phoneVerified } : {}),
      attributes: other,
  });
}
