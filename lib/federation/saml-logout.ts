// SAML single logout over HTTP-Redirect, only for providers with IDPSignout "true" (as Cognito):
// our LogoutRequest to the IdP when a user signs out, and the IdP's LogoutResponse (its answer) or
// LogoutRequest (the user signed out elsewhere) at {PUBLIC_URL}/{poolId}/saml2/logout. Every
// message is signed: ours with the pool's SP key, theirs must verify against the metadata's
// certificates, since an unsigned logout request would let anyone end anyone's session.
import { randomBytes } from "node:crypto";
import { inflateRawSync } from "node:zlib";
import type { Profile } from "@node-saml/node-saml";
import type { StoredIdentityProvider } from "./config.ts";
import { FederationError } from "./profile.ts";
import { samlClient, spLogoutUrl, type SamlDeps } from "./saml-client.ts";
import { idpMetadata, parseXml } from "./saml-metadata.ts";
import { spKeyPair } from "./saml-queries.ts";

const UNSPECIFIED = "urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified";

/** A signed LogoutRequest URL to the IdP's SLO endpoint for this user's session, or null when the
 * provider has single logout off or its metadata names no SLO endpoint. `requestId` may be kept to
 * match the IdP's answer (handleSamlLogoutMessage returns its InResponseTo). */
export async function beginSamlLogout(
  deps: SamlDeps,
  options: {
    publicUrl: string; poolId: string; idp: StoredIdentityProvider;
    nameId: string; nameIdFormat: string | null; sessionIndex: string | null; relayState: string;
  },
): Promise<{ url: string; requestId: string } | null> {
  if (options.idp.details.IDPSignout !== "true") return null;
  const metadata = await idpMetadata({ idp: options.idp, fetch: deps.fetch });
  if (!metadata.sloUrl) return null;
  const keys = await spKeyPair(deps, options.poolId);
  let requestId = "";
  const saml = samlClient(options, metadata, keys, {
    generateUniqueId: () => (requestId = `_${randomBytes(20).toString("hex")}`),
  });
  const user: Profile = {
    issuer: metadata.entityId, nameID: options.nameId, nameIDFormat: options.nameIdFormat ?? UNSPECIFIED,
    ...(options.sessionIndex ? { sessionIndex: options.sessionIndex } : {}),
  };
  const url = await saml.getLogoutUrlAsync(user, options.relayState, {});
  return { url, requestId };
}

export type SamlLogoutMessage =
  | { kind: "response"; relayState: string | null; inResponseTo: string | null }
  | { kind: "request"; nameId: string; sessionIndex: string | null; redirectUrl: string };

/**
 * A message the IdP sent to {PUBLIC_URL}/{poolId}/saml2/logout over HTTP-Redirect. `rawQuery` is
 * the URL's query exactly as received (without "?"): the signature covers its encoded bytes, which
 * a re-encoded query would not reproduce. A LogoutRequest answers with `redirectUrl` (our signed
 * LogoutResponse) once the caller has ended the user's sessions.
 */
export async function handleSamlLogoutMessage(
  deps: SamlDeps, options: { publicUrl: string; poolId: string; idp: StoredIdentityProvider; rawQuery: string },
): Promise<SamlLogoutMessage> {
  const refuse = (why: string) => new FederationError("invalid_request", `The SAML logout message from ${options.idp.name} was refused: ${why}.`);
  if (options.idp.details.IDPSignout !== "true") throw refuse("single logout is not enabled for this provider (IDPSignout)");
  const query = Object.fromEntries(new URLSearchParams(options.rawQuery.replace(/^\?/, "")));
  if (!query.SAMLRequest === !query.SAMLResponse) throw refuse("it carries neither a SAMLRequest nor a SAMLResponse");
  if (!query.Signature || !query.SigAlg) throw refuse("it is not signed");
  const metadata = await idpMetadata({ idp: options.idp, fetch: deps.fetch });
  const keys = await spKeyPair(deps, options.poolId);
  const saml = samlClient(options, metadata, keys);
  let result: { profile: Profile | null; loggedOut: boolean };
  try {
    result = await saml.validateRedirectAsync(query, options.rawQuery.replace(/^\?/, ""));
  } catch (error) {
    throw refuse((error as Error).message.replace(/\.$/, ""));
  }
  const relayState = query.RelayState ?? null;
  const message = readRedirectMessage(query.SAMLRequest ?? query.SAMLResponse ?? "");
  const destination = message?.getAttribute("Destination");
  if (destination && destination !== spLogoutUrl(options.publicUrl, options.poolId)) throw refuse(`its Destination is ${destination}, not this pool's logout URL`);
  if (query.SAMLResponse) return { kind: "response", relayState, inResponseTo: message?.getAttribute("InResponseTo") || null };
  const profile = result.profile;
  if (!profile?.nameID) throw refuse("the LogoutRequest names no user (NameID)");
  const redirectUrl = await saml.getLogoutResponseUrlAsync(profile, relayState ?? "", {}, true);
  return { kind: "request", nameId: profile.nameID, sessionIndex: typeof profile.sessionIndex === "string" ? profile.sessionIndex : null, redirectUrl };
}

/** The root element of a (deflated, base64) HTTP-Redirect message, read after its signature was checked. */
function readRedirectMessage(encoded: string): Element | null {
  try {
    return parseXml(inflateRawSync(Buffer.from(encoded, "base64")).toString("utf8")).documentElement;
  } catch {
    return null;
  }
}
