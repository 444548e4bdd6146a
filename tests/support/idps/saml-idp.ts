// A real SAML 2.0 identity provider on loopback for federation tests. It serves its metadata at
// /metadata, answers an AuthnRequest at /sso (HTTP-Redirect) with an auto-submitting form that
// posts a signed SAMLResponse (optionally encrypted for the SP) to the request's ACS, and speaks
// single logout at /slo. Responses are built with xml-crypto and xml-encryption directly, so
// tests can also build the broken and hostile ones a real IdP never sends: unsigned, for another
// audience, expired, unsolicited, signature-wrapped, or refusing with a non-Success status.
import { createSign, createVerify, randomBytes } from "node:crypto";
import { createServer } from "node:http";
import { deflateRawSync, inflateRawSync } from "node:zlib";
import { DOMParser, XMLSerializer } from "@xmldom/xmldom";
import { SignedXml } from "xml-crypto";
import xmlenc from "xml-encryption";
import { createSelfSignedCertificate } from "../../../lib/federation/saml-certificate.ts";

const NS = {
  md: "urn:oasis:names:tc:SAML:2.0:metadata",
  saml: "urn:oasis:names:tc:SAML:2.0:assertion",
  samlp: "urn:oasis:names:tc:SAML:2.0:protocol",
  ds: "http://www.w3.org/2000/09/xmldsig#",
};
const REDIRECT = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect";
const RSA_SHA256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256";
export const EMAIL_CLAIM = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress";
export const EMAIL_FORMAT = "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress";

export type SamlTestUser = { nameId: string; nameIdFormat?: string; attributes: Record<string, string | string[]> };
export type SamlStatus = { code: string; subCode?: string; message?: string };
export type ResponseOptions = {
  /** The AuthnRequest answered; null or absent = IdP-initiated (unsolicited). */
  inResponseTo?: string | null;
  audience: string;
  /** The SP's ACS: Recipient and Destination. */
  acs: string;
  user?: SamlTestUser;
  /** What carries the signature; "none" = unsigned. Default "assertion". */
  sign?: "assertion" | "response" | "both" | "none";
  /** Encrypt the assertion with the SP's certificate (useServiceProvider). */
  encrypt?: boolean;
  /** Shift every instant by this much (negative = issued in the past, e.g. expired). */
  shiftMs?: number;
  /** Answer with this status and no assertion. */
  status?: SamlStatus;
  issuer?: string;
  sessionIndex?: string;
};
export type ReceivedRequest = { id: string; issuer: string; acs: string | null; relayState: string | null; signatureValid: boolean };
export type ReceivedLogout = { id: string; nameId: string; sessionIndex: string | null; relayState: string | null; signatureValid: boolean };

const escapeXml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const newId = () => `_${randomBytes(16).toString("hex")}`;
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
const certBody = (pem: string) => pem.replace(/-----[^-]+-----/g, "").replace(/\s+/g, "");
const parse = (xml: string) => new DOMParser().parseFromString(xml, "text/xml");
const serialize = (node: Node) => new XMLSerializer().serializeToString(node);

/** Verifies an HTTP-Redirect binding signature over the raw query (SAML bindings 3.4.4.1). */
function redirectSignatureValid(rawQuery: string, certificate: string | null): boolean {
  if (!certificate) return false;
  const tokens = rawQuery.split("&");
  const raw = (key: string) => tokens.find((t) => t.startsWith(`${key}=`));
  const signed = [raw("SAMLRequest") ?? raw("SAMLResponse"), raw("RelayState"), raw("SigAlg")].filter(Boolean).join("&");
  const signature = new URLSearchParams(rawQuery).get("Signature");
  if (!signature) return false;
  return createVerify("RSA-SHA256").update(signed).verify(certificate, signature, "base64");
}

export async function startSamlIdp(options: { user?: SamlTestUser } = {}) {
  const keys = await createSelfSignedCertificate({ commonName: "Gatehouse test SAML IdP" });
  let base = "";
  const state = {
    user: options.user ?? {
      nameId: "ada@example.com", nameIdFormat: EMAIL_FORMAT,
      attributes: { [EMAIL_CLAIM]: "ada@example.com", "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/givenname": "Ada", groups: ["admins", "staff"] },
    },
    /** The next /sso answers with this status instead of signing the user in. */
    nextStatus: null as SamlStatus | null,
    /** How /sso signs and whether it encrypts. */
    sign: "assertion" as NonNullable<ResponseOptions["sign"]>,
    encrypt: false,
    sp: null as { entityId: string; certificate: string; acs: string; logoutUrl: string | null } | null,
    authnRequests: [] as ReceivedRequest[],
    logoutRequests: [] as ReceivedLogout[],
  };
  const entityId = () => `${base}/metadata`;

  function metadataXml(): string {
    return `<?xml version="1.0"?>
<md:EntityDescriptor xmlns:md="${NS.md}" entityID="${escapeXml(entityId())}">
  <md:IDPSSODescriptor WantAuthnRequestsSigned="true" protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
    <md:KeyDescriptor use="signing"><ds:KeyInfo xmlns:ds="${NS.ds}"><ds:X509Data><ds:X509Certificate>${certBody(keys.certificate)}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>
    <md:SingleLogoutService Binding="${REDIRECT}" Location="${base}/slo"/>
    <md:NameIDFormat>${EMAIL_FORMAT}</md:NameIDFormat>
    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="${base}/sso-post"/>
    <md:SingleSignOnService Binding="${REDIRECT}" Location="${base}/sso"/>
  </md:IDPSSODescriptor>
</md:EntityDescriptor>`;
  }

  function sign(xml: string, local: "Assertion" | "Response"): string {
    const signer = new SignedXml({ privateKey: keys.privateKey, publicCert: keys.certificate, signatureAlgorithm: RSA_SHA256, canonicalizationAlgorithm: "http://www.w3.org/2001/10/xml-exc-c14n#" });
    const target = local === "Assertion" ? "//*[local-name(.)='Assertion']" : "/*[local-name(.)='Response']";
    signer.addReference({
      xpath: target, digestAlgorithm: "http://www.w3.org/2001/04/xmlenc#sha256",
      transforms: ["http://www.w3.org/2000/09/xmldsig#enveloped-signature", "http://www.w3.org/2001/10/xml-exc-c14n#"],
    });
    signer.computeSignature(xml, { prefix: "ds", location: { reference: `${target}/*[local-name(.)='Issuer']`, action: "after" } });
    return signer.getSignedXml();
  }

  async function encrypt(assertionXml: string): Promise<string> {
    if (!state.sp) throw new Error("useServiceProvider(spMetadata) first: encryption needs the SP certificate");
    const certificate = state.sp.certificate;
    const encrypted = await new Promise<string>((resolve, reject) =>
      xmlenc.encrypt(assertionXml, {
        rsa_pub: certificate, pem: certificate, encryptionAlgorithm: "http://www.w3.org/2009/xmlenc11#aes256-gcm",
        keyEncryptionAlgorithm: "http://www.w3.org/2001/04/xmlenc#rsa-oaep-mgf1p",
      }, (error, result) => (error ? reject(error) : resolve(result))));
    return `<saml:EncryptedAssertion>${encrypted}</saml:EncryptedAssertion>`;
  }

  /** A SAMLResponse (base64, as posted to the ACS). */
  async function buildResponse(o: ResponseOptions): Promise<string> {
    const now = Date.now() + (o.shiftMs ?? 0);
    const issuer = escapeXml(o.issuer ?? entityId());
    const user = o.user ?? state.user;
    const inResponseTo = o.inResponseTo ? ` InResponseTo="${escapeXml(o.inResponseTo)}"` : "";
    const head = `<samlp:Response xmlns:samlp="${NS.samlp}" xmlns:saml="${NS.saml}" ID="${newId()}" Version="2.0" IssueInstant="${iso(now)}" Destination="${escapeXml(o.acs)}"${inResponseTo}><saml:Issuer>${issuer}</saml:Issuer>`;
    if (o.status) {
      const sub = o.status.subCode ? `<samlp:StatusCode Value="${o.status.subCode}"/>` : "";
      const message = o.status.message ? `<samlp:StatusMessage>${escapeXml(o.status.message)}</samlp:StatusMessage>` : "";
      return Buffer.from(`${head}<samlp:Status><samlp:StatusCode Value="${o.status.code}">${sub}</samlp:StatusCode>${message}</samlp:Status></samlp:Response>`).toString("base64");
    }
    const attributes = Object.entries(user.attributes).map(([name, value]) =>
      `<saml:Attribute Name="${escapeXml(name)}" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:uri">${
        (Array.isArray(value) ? value : [value]).map((v) => `<saml:AttributeValue>${escapeXml(v)}</saml:AttributeValue>`).join("")}</saml:Attribute>`).join("");
    let assertion = `<saml:Assertion xmlns:saml="${NS.saml}" ID="${newId()}" Version="2.0" IssueInstant="${iso(now)}"><saml:Issuer>${issuer}</saml:Issuer>`
      + `<saml:Subject><saml:NameID Format="${escapeXml(user.nameIdFormat ?? EMAIL_FORMAT)}">${escapeXml(user.nameId)}</saml:NameID>`
      + `<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><saml:SubjectConfirmationData${inResponseTo} NotOnOrAfter="${iso(now + 5 * 60_000)}" Recipient="${escapeXml(o.acs)}"/></saml:SubjectConfirmation></saml:Subject>`
      + `<saml:Conditions NotBefore="${iso(now - 60_000)}" NotOnOrAfter="${iso(now + 5 * 60_000)}"><saml:AudienceRestriction><saml:Audience>${escapeXml(o.audience)}</saml:Audience></saml:AudienceRestriction></saml:Conditions>`
      + `<saml:AuthnStatement AuthnInstant="${iso(now)}" SessionIndex="${escapeXml(o.sessionIndex ?? newId())}"><saml:AuthnContext><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>`
      + (attributes ? `<saml:AttributeStatement>${attributes}</saml:AttributeStatement>` : "")
      + `</saml:Assertion>`;
    const how = o.sign ?? "assertion";
    if (how === "assertion" || how === "both") assertion = sign(assertion, "Assertion");
    if (o.encrypt) assertion = await encrypt(assertion);
    let response = `${head}<samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status>${assertion}</samlp:Response>`;
    if (how === "response" || how === "both") response = sign(response, "Response");
    return Buffer.from(response).toString("base64");
  }

  /**
   * Signature wrapping: a copy of the (signed) assertion with another NameID and a new ID is put
   * into the response. "sibling": next to the signed one, which stays where it was. "nested": in
   * its place, carrying the original signature, with the signed original hidden inside it.
   */
  function wrapped(samlResponse: string, nameId: string, mode: "sibling" | "nested" = "sibling"): string {
    const doc = parse(Buffer.from(samlResponse, "base64").toString("utf8"));
    const original = doc.getElementsByTagNameNS(NS.saml, "Assertion")[0]!;
    const evil = original.cloneNode(true) as Element;
    evil.setAttribute("ID", newId());
    evil.getElementsByTagNameNS(NS.saml, "NameID")[0]!.textContent = nameId;
    const evilSignature = evil.getElementsByTagNameNS(NS.ds, "Signature")[0];
    if (mode === "sibling") {
      if (evilSignature) evil.removeChild(evilSignature);
      original.parentNode!.insertBefore(evil, original);
    } else {
      original.parentNode!.replaceChild(evil, original);
      const originalSignature = original.getElementsByTagNameNS(NS.ds, "Signature")[0];
      if (originalSignature) original.removeChild(originalSignature);
      (evilSignature ?? evil).appendChild(original);
    }
    return Buffer.from(serialize(doc)).toString("base64");
  }

  /** HTTP-Redirect binding: deflated, base64, signed over the query (3.4.4.1). */
  function redirectUrl(target: string, kind: "SAMLRequest" | "SAMLResponse", xml: string, relayState: string | null): string {
    let query = `${kind}=${encodeURIComponent(deflateRawSync(Buffer.from(xml)).toString("base64"))}`;
    if (relayState) query += `&RelayState=${encodeURIComponent(relayState)}`;
    query += `&SigAlg=${encodeURIComponent(RSA_SHA256)}`;
    const signature = createSign("RSA-SHA256").update(query).sign(keys.privateKey, "base64");
    return `${target}${target.includes("?") ? "&" : "?"}${query}&Signature=${encodeURIComponent(signature)}`;
  }

  /** IdP-initiated single logout: a signed LogoutRequest to the SP's logout URL. */
  function logoutRequestUrl(o: { nameId: string; sessionIndex?: string; relayState?: string; spLogoutUrl?: string }): string {
    const target = o.spLogoutUrl ?? state.sp?.logoutUrl;
    if (!target) throw new Error("no SP logout URL: useServiceProvider(spMetadata) or pass spLogoutUrl");
    const xml = `<samlp:LogoutRequest xmlns:samlp="${NS.samlp}" xmlns:saml="${NS.saml}" ID="${newId()}" Version="2.0" IssueInstant="${iso(Date.now())}" Destination="${escapeXml(target)}">`
      + `<saml:Issuer>${escapeXml(entityId())}</saml:Issuer><saml:NameID Format="${EMAIL_FORMAT}">${escapeXml(o.nameId)}</saml:NameID>`
      + (o.sessionIndex ? `<samlp:SessionIndex>${escapeXml(o.sessionIndex)}</samlp:SessionIndex>` : "") + `</samlp:LogoutRequest>`;
    return redirectUrl(target, "SAMLRequest", xml, o.relayState ?? null);
  }

  /** Reads the SP's metadata: its certificate (to check its signatures and encrypt to it), ACS and logout URL. */
  function useServiceProvider(spMetadataXml: string): void {
    const doc = parse(spMetadataXml);
    const entity = doc.getElementsByTagNameNS(NS.md, "EntityDescriptor")[0]!;
    const certificate = doc.getElementsByTagNameNS(NS.ds, "X509Certificate")[0]!.textContent.replace(/\s+/g, "");
    state.sp = {
      entityId: entity.getAttribute("entityID")!,
      certificate: `-----BEGIN CERTIFICATE-----\n${certificate.match(/.{1,64}/g)!.join("\n")}\n-----END CERTIFICATE-----\n`,
      acs: doc.getElementsByTagNameNS(NS.md, "AssertionConsumerService")[0]!.getAttribute("Location")!,
      logoutUrl: doc.getElementsByTagNameNS(NS.md, "SingleLogoutService")[0]?.getAttribute("Location") ?? null,
    };
  }

  const autoPost = (acs: string, samlResponse: string, relayState: string | null) => `<!doctype html><html><body onload="document.forms[0].submit()">
<form method="post" action="${escapeXml(acs)}"><input type="hidden" name="SAMLResponse" value="${samlResponse}"/>${
  relayState !== null ? `<input type="hidden" name="RelayState" value="${escapeXml(relayState)}"/>` : ""}<noscript><button>Continue</button></noscript></form></body></html>`;

  const server = createServer((request, response) => {
    void (async () => {
      const url = new URL(request.url ?? "/", base);
      const rawQuery = (request.url ?? "").split("?")[1] ?? "";
      if (url.pathname === "/metadata") {
        response.writeHead(200, { "content-type": "application/samlmetadata+xml" }).end(metadataXml());
      } else if (url.pathname === "/sso") {
        const xml = inflateRawSync(Buffer.from(url.searchParams.get("SAMLRequest") ?? "", "base64")).toString("utf8");
        const authn = parse(xml).documentElement;
        const received: ReceivedRequest = {
          id: authn.getAttribute("ID") ?? "", issuer: authn.getElementsByTagNameNS(NS.saml, "Issuer")[0]?.textContent ?? "",
          acs: authn.getAttribute("AssertionConsumerServiceURL"), relayState: url.searchParams.get("RelayState"),
          signatureValid: redirectSignatureValid(rawQuery, state.sp?.certificate ?? null),
        };
        state.authnRequests.push(received);
        const acs = received.acs ?? state.sp?.acs;
        if (!acs) return void response.writeHead(400).end("no ACS");
        const status = state.nextStatus;
        state.nextStatus = null;
        const samlResponse = await buildResponse({
          inResponseTo: received.id, audience: received.issuer, acs, sign: state.sign, encrypt: state.encrypt, ...(status ? { status } : {}),
        });
        response.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(autoPost(acs, samlResponse, received.relayState));
      } else if (url.pathname === "/slo") {
        const message = url.searchParams.get("SAMLRequest");
        if (!message) return void response.writeHead(400).end("only LogoutRequests are expected here");
        const logout = parse(inflateRawSync(Buffer.from(message, "base64")).toString("utf8")).documentElement;
        const received: ReceivedLogout = {
          id: logout.getAttribute("ID") ?? "", nameId: logout.getElementsByTagNameNS(NS.saml, "NameID")[0]?.textContent ?? "",
          sessionIndex: logout.getElementsByTagNameNS(NS.samlp, "SessionIndex")[0]?.textContent ?? null,
          relayState: url.searchParams.get("RelayState"), signatureValid: redirectSignatureValid(rawQuery, state.sp?.certificate ?? null),
        };
        state.logoutRequests.push(received);
        const target = state.sp?.logoutUrl;
        if (!target) return void response.writeHead(400).end("no SP logout URL");
        const answer = `<samlp:LogoutResponse xmlns:samlp="${NS.samlp}" xmlns:saml="${NS.saml}" ID="${newId()}" Version="2.0" IssueInstant="${iso(Date.now())}" Destination="${escapeXml(target)}" InResponseTo="${escapeXml(received.id)}">`
          + `<saml:Issuer>${escapeXml(entityId())}</saml:Issuer><samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status></samlp:LogoutResponse>`;
        response.writeHead(302, { location: redirectUrl(target, "SAMLResponse", answer, received.relayState) }).end();
      } else {
        response.writeHead(404).end();
      }
    })().catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500).end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("no address");
  base = `http://127.0.0.1:${address.port}`;

  return {
    url: base,
    get entityId() { return entityId(); },
    metadataUrl: `${base}/metadata`,
    metadataXml,
    certificate: keys.certificate,
    state,
    useServiceProvider,
    buildResponse,
    wrapped,
    logoutRequestUrl,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type SamlIdp = Awaited<ReturnType<typeof startSamlIdp>>;

/** The action and fields of the IdP's auto-submitting form, as a browser would post them. */
export function readAutoPostForm(html: string): { action: string; fields: Record<string, string> } {
  const action = /<form[^>]*action="([^"]*)"/.exec(html)?.[1];
  if (!action) throw new Error(`no form in: ${html.slice(0, 200)}`);
  const unescape = (s: string) => s.replace(/&quot;/g, "\"").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
  const fields: Record<string, string> = {};
  for (const match of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"\/>/g)) fields[match[1]!] = unescape(match[2]!);
  return { action: unescape(action), fields };
}
