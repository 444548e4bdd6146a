// SAML 2.0 sign-in with Gatehouse as the service provider, shaped like Cognito's so an IdP set up
// for Cognito carries over: entity id urn:amazon:cognito:sp:{poolId}, ACS at
// {PUBLIC_URL}/{poolId}/saml2/idpresponse (HTTP-POST), AuthnRequests over HTTP-Redirect signed
// with the pool's own key. node-saml checks signatures (a signed Response or a signed Assertion;
// several assertions, i.e. signature wrapping, refused), decryption, times, audience and
// InResponseTo; this module adds what it leaves out: Recipient and Destination must be our ACS,
// the Issuer must be the metadata's entity id, encryption when the provider demands it, and each
// assertion id accepted once (SamlAssertionSeen).
import { randomBytes } from "node:crypto";
import { generateServiceProviderMetadata, SamlStatusError, ValidateInResponseTo, type CacheProvider, type Profile } from "@node-saml/node-saml";
import type { StoredIdentityProvider } from "./config.ts";
import { FederationError, type FederatedProfile, type FederationPending } from "./profile.ts";
import { elements, idpMetadata, NS, parseXml } from "./saml-metadata.ts";
import { recordAssertion, spKeyPair } from "./saml-queries.ts";
import { checkAssertion } from "./saml-assertion.ts";
import { acsUrl, CLOCK_SKEW_MS, samlClient, spEntityId, spLogoutUrl, type SamlDeps, type Where } from "./saml-client.ts";

export { acsUrl, CLOCK_SKEW_MS, spEntityId, spLogoutUrl, spMetadataUrl, type SamlDeps } from "./saml-client.ts";

export async function idpEntityId(deps: SamlDeps, idp: StoredIdentityProvider): Promise<string> {
  return (await idpMetadata({ idp, fetch: deps.fetch })).entityId;
}

/** The SP metadata XML served at {PUBLIC_URL}/{poolId}/saml2/metadata. Creates the pool's SP key pair on first use. */
export async function spMetadata(deps: SamlDeps, options: Where): Promise<string> {
  const keys = await spKeyPair(deps, options.poolId);
  const xml = generateServiceProviderMetadata({
    issuer: spEntityId(options.poolId), callbackUrl: acsUrl(options.publicUrl, options.poolId),
    logoutCallbackUrl: spLogoutUrl(options.publicUrl, options.poolId), identifierFormat: null, wantAssertionsSigned: true,
    privateKey: keys.privateKey, publicCerts: keys.certificate, signatureAlgorithm: "sha256",
    decryptionPvk: keys.privateKey, decryptionCert: keys.certificate,
  });
  // node-saml announces single logout over HTTP-POST; ours is HTTP-Redirect (GET with a query).
  return xml.replace(/(<SingleLogoutService\b[^>]*Binding=")[^"]*"/, "$1urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect\"");
}

/** SP-initiated: the IdP URL (HTTP-Redirect binding, AuthnRequest signed with the pool's SP key) and what to keep until the answer. RelayState = state. */
export async function beginSamlSignIn(
  deps: SamlDeps, options: Where & { idp: StoredIdentityProvider; state: string },
): Promise<{ url: string; pending: FederationPending }> {
  const metadata = await idpMetadata({ idp: options.idp, fetch: deps.fetch });
  const keys = await spKeyPair(deps, options.poolId);
  const requestId = `_${randomBytes(20).toString("hex")}`;
  const saml = samlClient(options, metadata, keys, { generateUniqueId: () => requestId });
  const url = await saml.getAuthorizeUrlAsync(options.state, undefined, {});
  return { url, pending: { provider: options.idp.name, state: options.state, requestId, sentAt: Date.now() } };
}

/** Only the request this flow sent is an acceptable InResponseTo (nothing when IdP-initiated). */
function pendingRequestCache(pending: FederationPending | null): CacheProvider {
  const known = new Map<string, string>();
  if (pending?.requestId) known.set(pending.requestId, new Date(pending.sentAt).toISOString());
  return {
    saveAsync: async (key, value) => (known.set(key, value), { value, createdAt: Date.now() }),
    getAsync: async (key) => known.get(key) ?? null,
    removeAsync: async (key) => {
      const value = key ? known.get(key) ?? null : null;
      if (key) known.delete(key);
      return value;
    },
  };
}

function decodeResponse(samlResponse: string): Document {
  try {
    return parseXml(Buffer.from(samlResponse, "base64").toString("utf8"));
  } catch (error) {
    throw new FederationError("invalid_request", `The SAML response is not readable XML (${(error as Error).message}).`);
  }
}

/** Which IdP sent this response (the Response's or the Assertion's Issuer), for IdP-initiated answers. Not a check: nothing is verified here. */
export function samlIssuerOf(samlResponse: string): string | null {
  try {
    const doc = parseXml(Buffer.from(samlResponse, "base64").toString("utf8"));
    const root = doc.documentElement;
    const issuer = elements(root, NS.saml, "Issuer").find((i) => i.parentNode === root)
      ?? elements(root, NS.saml, "Issuer")[0];
    return issuer?.textContent?.trim() || null;
  } catch {
    return null;
  }
}

/** The top-level StatusCode of a Response, or null. */
function topStatus(root: Element): string | null {
  const status = elements(root, NS.samlp, "Status").find((s) => s.parentNode === root);
  const code = status && elements(status, NS.samlp, "StatusCode")[0];
  return code?.getAttribute("Value") ?? null;
}

/** node-saml's reasons, said so that an admin reading error_description knows what to look at. */
function explain(message: string): string {
  if (/^No valid subject confirmation/.test(message)) return "its SubjectConfirmation has expired or is not yet valid";
  if (/^Invalid signature: multiple assertions/.test(message)) return "Invalid signature: it carries more than one assertion (signature wrapping)";
  return message.replace(/\.$/, "");
}

function claimValue(value: unknown): string {
  if (typeof value === "string") return value;
  if (Array.isArray(value)) return value.map(claimValue).join(",");
  if (value === null || value === undefined) return "";
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- an object went to JSON: a number or a boolean is left
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}

/** Checks a SAMLResponse posted to the ACS. `pending` null = IdP-initiated (allowed only when details.IDPInit is "true"). Throws FederationError. */
export async function finishSamlSignIn(
  deps: SamlDeps,
  options: Where & { idp: StoredIdentityProvider; pending: FederationPending | null; samlResponse: string },
): Promise<FederatedProfile> {
  const { idp, pending } = options;
  const refuse = (why: string) => new FederationError("invalid_request", `The SAML response from ${idp.name} was refused: ${why}.`);
  if (!pending && idp.details.IDPInit !== "true") throw refuse("IdP-initiated sign-in is not enabled for this provider (IDPInit)");
  if (pending && (pending.provider !== idp.name || !pending.requestId)) throw refuse(`this sign-in was not sent to ${idp.name} over SAML`);

  const raw = decodeResponse(options.samlResponse);
  const root = raw.documentElement;
  if (root.namespaceURI !== NS.samlp || root.localName !== "Response") throw refuse("it is not a SAML Response");
  const success = topStatus(root) === "urn:oasis:names:tc:SAML:2.0:status:Success";
  if (success && idp.details.EncryptedResponses === "true") {
    const direct = (local: string) => elements(root, NS.saml, local).filter((e) => e.parentNode === root).length;
    if (direct("Assertion") > 0 || direct("EncryptedAssertion") === 0) throw refuse("the provider requires encrypted assertions and this one is not encrypted");
  }
  const acs = acsUrl(options.publicUrl, options.poolId);
  const destination = root.getAttribute("Destination");
  if (destination && destination !== acs) throw refuse(`its Destination is ${destination}, not this pool's ACS`);

  const metadata = await idpMetadata({ idp, fetch: deps.fetch });
  const responseIssuer = elements(root, NS.saml, "Issuer").find((i) => i.parentNode === root)?.textContent?.trim();
  if (responseIssuer && responseIssuer !== metadata.entityId) throw refuse(`its Issuer is ${responseIssuer}, not ${metadata.entityId}`);
  const keys = await spKeyPair(deps, options.poolId);
  const saml = samlClient(options, metadata, keys, {
    validateInResponseTo: pending ? ValidateInResponseTo.always : ValidateInResponseTo.ifPresent,
    cacheProvider: pendingRequestCache(pending),
  });
  let profile: Profile | null;
  try {
    ({ profile } = await saml.validatePostResponseAsync({ SAMLResponse: options.samlResponse }));
  } catch (error) {
    if (error instanceof SamlStatusError) {
      throw new FederationError("access_denied", `${idp.name} did not sign you in (${error.message.replace(/^SAML provider returned /, "")}).`);
    }
    throw refuse(explain((error as Error).message));
  }
  if (!profile) throw new FederationError("access_denied", `${idp.name} did not sign you in (no passive sign-in).`);

  const assertion = checkAssertion({
    xml: profile.getAssertionXml?.() ?? "", issuer: metadata.entityId, recipient: acs,
    requestId: pending?.requestId ?? null, now: Date.now(), skewMs: CLOCK_SKEW_MS,
  });
  if ("error" in assertion) throw refuse(assertion.error);
  if (!(await recordAssertion(deps.db, { poolId: options.poolId, id: assertion.id, expiresAt: assertion.expiresAt })))
    throw refuse("this assertion was already used (replay)");

  const claims: Record<string, string> = {};
  const attributes = (profile.attributes ?? {}) as Record<string, unknown>;
  for (const [name, value] of Object.entries(attributes)) claims[name] = claimValue(value);
  claims.NameID = profile.nameID;
  return {
    providerName: idp.name, providerType: "SAML", subject: profile.nameID, issuer: metadata.entityId, claims,
    saml: { nameId: profile.nameID, nameIdFormat: profile.nameIDFormat ?? null, sessionIndex: profile.sessionIndex ?? null },
  };
}

export { beginSamlLogout, handleSamlLogoutMessage, type SamlLogoutMessage } from "./saml-logout.ts";
export { clearIdpMetadataCache } from "./saml-metadata.ts";
