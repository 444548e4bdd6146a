// What Sign in with Apple does differently from plain OIDC: its client secret is a short-lived
// ES256 JWT signed with the team's .p8 key, and the user's name comes only once, in the `user`
// form field of the first sign-in's form_post, never in the ID token.
import { importPKCS8, SignJWT } from "jose";
import { z } from "zod";
import type { StoredIdentityProvider } from "./config.ts";
import { FederationError } from "./profile.ts";

/** Apple accepts up to six months; five minutes is all one code exchange needs. */
const CLIENT_SECRET_TTL_SECONDS = 5 * 60;

/** The client_secret Apple's token endpoint wants: a JWT by the team (iss) about the Services ID (sub). */
export async function appleClientSecret(options: { idp: StoredIdentityProvider; privateKey: string | undefined; audience: string; now?: number }): Promise<string> {
  const { idp, privateKey } = options;
  if (!privateKey) throw new FederationError("invalid_request", `${idp.name} has no private key: upload the .p8 key again.`);
  let key: CryptoKey;
  try {
    key = await importPKCS8(privateKey, "ES256");
  } catch {
    throw new FederationError("invalid_request", `${idp.name}'s private key is not an ES256 .p8 key.`);
  }
  const iat = Math.floor((options.now ?? Date.now()) / 1000);
  return new SignJWT({})
    .setProtectedHeader({ alg: "ES256", kid: idp.details.key_id })
    .setIssuer(idp.details.team_id ?? "")
    .setSubject(idp.details.client_id ?? "")
    .setAudience(options.audience)
    .setIssuedAt(iat)
    .setExpirationTime(iat + CLIENT_SECRET_TTL_SECONDS)
    .sign(key);
}

/** Whether the scopes ask for name or email, which Apple only returns with response_mode=form_post. */
export function appleNeedsFormPost(scopes: string): boolean {
  return scopes.split(/[\s,]+/).some((s) => s === "name" || s === "email");
}

const AppleUser = z.object({
  name: z.object({ firstName: z.string().optional(), lastName: z.string().optional() }).partial().optional(),
  email: z.string().optional(),
});

/** given_name, family_name and name from Apple's `user` field; nothing when it is absent or malformed
 * (it is unsigned and comes only once: the ID token stays the authority on sub and email). */
export function appleUserClaims(user: string | undefined): Record<string, string> {
  if (!user) return {};
  let parsed: z.infer<typeof AppleUser>;
  try {
    parsed = AppleUser.parse(JSON.parse(user));
  } catch {
    return {};
  }
  const claims: Record<string, string> = {};
  const given = parsed.name?.firstName?.trim();
  const family = parsed.name?.lastName?.trim();
  if (given) claims.given_name = given;
  if (family) claims.family_name = family;
  if (given || family) claims.name = [given, family].filter(Boolean).join(" ");
  return claims;
}
