// A SAML IdP's metadata, as the pool's provider gives it (Cognito's MetadataURL or MetadataFile):
// who the IdP is (entity id), where to send users (SSO, HTTP-Redirect binding), where single logout
// goes, and the certificates its signatures must verify against. Read with a real XML parser by
// namespace, never by pattern; fetched metadata is kept an hour per URL, as IdPs rotate keys rarely
// and announce it in advance.
import { DOMParser } from "@xmldom/xmldom";
import type { StoredIdentityProvider } from "./config.ts";
import { FederationError } from "./profile.ts";

export const NS = {
  md: "urn:oasis:names:tc:SAML:2.0:metadata",
  ds: "http://www.w3.org/2000/09/xmldsig#",
  saml: "urn:oasis:names:tc:SAML:2.0:assertion",
  samlp: "urn:oasis:names:tc:SAML:2.0:protocol",
} as const;
export const REDIRECT_BINDING = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect";
export const POST_BINDING = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST";

export type IdpMetadata = {
  entityId: string;
  ssoUrl: string;
  sloUrl: string | null;
  /** PEM certificates the IdP signs with (KeyDescriptor use="signing" or without use). */
  signingCertificates: string[];
};

const CACHE_MS = 60 * 60_000;
/** A stale copy still serves while the IdP's metadata URL is down, for this long. */
const STALE_MS = 24 * 60 * 60_000;
const cache = new Map<string, { at: number; metadata: IdpMetadata }>();

/** Parses XML that must not declare a DTD (no entity tricks); throws on malformed input. */
export function parseXml(xml: string): Document {
  if (/<!DOCTYPE/i.test(xml)) throw new Error("XML with a DOCTYPE is not accepted");
  const errors: string[] = [];
  const doc = new DOMParser({
    errorHandler: { warning: () => {}, error: (m: string) => errors.push(m), fatalError: (m: string) => errors.push(m) },
  }).parseFromString(xml, "text/xml");
  if (errors.length || !doc?.documentElement) throw new Error(`malformed XML: ${errors[0] ?? "no document element"}`);
  return doc;
}

/** Direct or nested elements named `local` in namespace `ns`. */
export function elements(node: Document | Element, ns: string, local: string): Element[] {
  return Array.from(node.getElementsByTagNameNS(ns, local));
}

function toPem(base64: string): string {
  const body = base64.replace(/\s+/g, "");
  return `-----BEGIN CERTIFICATE-----\n${(body.match(/.{1,64}/g) ?? []).join("\n")}\n-----END CERTIFICATE-----\n`;
}

function serviceUrl(descriptor: Element, local: string): string | null {
  const services = elements(descriptor, NS.md, local).filter((s) => s.parentNode === descriptor);
  const redirect = services.find((s) => s.getAttribute("Binding") === REDIRECT_BINDING);
  return redirect?.getAttribute("Location") || null;
}

/** The IdP's entity id, SSO and SLO URLs and signing certificates out of its metadata XML. */
export function parseIdpMetadata(xml: string): IdpMetadata {
  const doc = parseXml(xml);
  const entity = elements(doc, NS.md, "EntityDescriptor").find((e) => elements(e, NS.md, "IDPSSODescriptor").length > 0);
  if (!entity) throw new Error("no EntityDescriptor with an IDPSSODescriptor");
  const entityId = entity.getAttribute("entityID");
  if (!entityId) throw new Error("the EntityDescriptor has no entityID");
  const descriptor = elements(entity, NS.md, "IDPSSODescriptor")[0]!;
  const ssoUrl = serviceUrl(descriptor, "SingleSignOnService");
  if (!ssoUrl) throw new Error("no SingleSignOnService with the HTTP-Redirect binding");
  const signingCertificates = elements(descriptor, NS.md, "KeyDescriptor")
    .filter((k) => (k.getAttribute("use") ?? "signing") === "signing" || k.getAttribute("use") === "")
    .flatMap((k) => elements(k, NS.ds, "X509Certificate").map((c) => c.textContent ?? ""))
    .filter((c) => c.trim().length > 0)
    .map(toPem);
  if (!signingCertificates.length) throw new Error("no signing certificate (KeyDescriptor/X509Certificate)");
  return { entityId, ssoUrl, sloUrl: serviceUrl(descriptor, "SingleLogoutService"), signingCertificates };
}

/** The provider's metadata: MetadataFile parsed, or MetadataURL fetched (cached an hour). */
export async function idpMetadata(options: { idp: StoredIdentityProvider; fetch?: typeof fetch; now?: number }): Promise<IdpMetadata> {
  const { idp } = options;
  const now = options.now ?? Date.now();
  if (idp.details.MetadataFile) {
    try {
      return parseIdpMetadata(idp.details.MetadataFile);
    } catch (error) {
      throw new FederationError("invalid_request", `The SAML metadata of ${idp.name} is not usable: ${(error as Error).message}.`);
    }
  }
  const url = idp.details.MetadataURL;
  if (!url) throw new FederationError("invalid_request", `${idp.name} has neither MetadataURL nor MetadataFile.`);
  const cached = cache.get(url);
  if (cached && now - cached.at < CACHE_MS) return cached.metadata;
  let xml: string;
  try {
    const response = await (options.fetch ?? fetch)(url, { signal: AbortSignal.timeout(10_000), redirect: "follow" });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    xml = await response.text();
  } catch (error) {
    if (cached && now - cached.at < STALE_MS) return cached.metadata;
    throw new FederationError("temporarily_unavailable", `The SAML metadata of ${idp.name} could not be fetched (${(error as Error).message}).`);
  }
  try {
    const metadata = parseIdpMetadata(xml);
    cache.set(url, { at: now, metadata });
    return metadata;
  } catch (error) {
    if (cached && now - cached.at < STALE_MS) return cached.metadata;
    throw new FederationError("invalid_request", `The SAML metadata at ${url} is not usable: ${(error as Error).message}.`);
  }
}

/** Forgets fetched metadata (tests, and after an admin changes a provider). */
export function clearIdpMetadataCache(url?: string): void {
  if (url) cache.delete(url);
  else cache.clear();
}
