// What Gatehouse reads out of a SAML IdP's metadata (entity id, the HTTP-Redirect SSO and SLO
// endpoints, every signing certificate for key rollover), how fetched metadata is cached and
// survives an IdP outage, and the self-signed SP certificate. No database needed.
import assert from "node:assert/strict";
import { createPrivateKey, X509Certificate } from "node:crypto";
import { after, before, describe, test } from "node:test";
import type { StoredIdentityProvider } from "../../lib/federation/config.ts";
import { FederationError } from "../../lib/federation/profile.ts";
import { createSelfSignedCertificate } from "../../lib/federation/saml-certificate.ts";
import { clearIdpMetadataCache, idpMetadata, parseIdpMetadata } from "../../lib/federation/saml-metadata.ts";
import { startSamlIdp, type SamlIdp } from "../support/idps/saml-idp.ts";

const certBody = (pem: string) => pem.replace(/-----[^-]+-----|\s/g, "");

function metadata(body: string, entityId = "https://idp.example/metadata"): string {
  return `<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" entityID="${entityId}">
  <md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">${body}</md:IDPSSODescriptor></md:EntityDescriptor>`;
}
const key = (cert: string, use?: string) =>
  `<md:KeyDescriptor${use ? ` use="${use}"` : ""}><ds:KeyInfo><ds:X509Data><ds:X509Certificate>${certBody(cert)}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>`;
const sso = (binding: string, location: string) => `<md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:${binding}" Location="${location}"/>`;

let certA: string;
let certB: string;
let certC: string;
let idp: SamlIdp;

before(async () => {
  [certA, certB, certC] = (await Promise.all([1, 2, 3].map(() => createSelfSignedCertificate({ commonName: "test" })))).map((k) => k.certificate) as [string, string, string];
  idp = await startSamlIdp();
});
after(async () => {
  await idp?.close();
});

describe("SAML IdP metadata", () => {
  test("reads the entity id, the HTTP-Redirect SSO and SLO URLs and every signing certificate (key rollover)", () => {
    const parsed = parseIdpMetadata(metadata(
      key(certA, "signing") + key(certB) + key(certC, "encryption")
      + `<md:SingleLogoutService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="https://idp.example/slo"/>`
      + sso("HTTP-POST", "https://idp.example/sso/post") + sso("HTTP-Redirect", "https://idp.example/sso/redirect"),
    ));
    assert.equal(parsed.entityId, "https://idp.example/metadata");
    assert.equal(parsed.ssoUrl, "https://idp.example/sso/redirect");
    assert.equal(parsed.sloUrl, "https://idp.example/slo");
    assert.deepEqual(parsed.signingCertificates.map(certBody), [certBody(certA), certBody(certB)], "encryption-only keys are not signing keys");
    assert.ok(new X509Certificate(parsed.signingCertificates[0]!));
  });

  test("metadata without an HTTP-Redirect SSO endpoint is refused", () => {
    assert.throws(() => parseIdpMetadata(metadata(key(certA) + sso("HTTP-POST", "https://idp.example/sso"))), /HTTP-Redirect/);
  });

  test("metadata without a signing certificate is refused", () => {
    assert.throws(() => parseIdpMetadata(metadata(sso("HTTP-Redirect", "https://idp.example/sso"))), /signing certificate/);
  });

  test("metadata with a DOCTYPE (entity expansion) is refused", () => {
    const xml = `<!DOCTYPE x [<!ENTITY a "aaaa">]>${metadata(key(certA) + sso("HTTP-Redirect", "https://idp.example/sso"))}`;
    assert.throws(() => parseIdpMetadata(xml), /DOCTYPE/);
  });

  test("fetched metadata is cached an hour per URL, and a stale copy serves while the IdP is down", async () => {
    clearIdpMetadataCache();
    let calls = 0;
    let down = false;
    const counting: typeof fetch = async (input, init) => {
      calls++;
      if (down) throw new TypeError("fetch failed");
      return fetch(input, init);
    };
    const provider: StoredIdentityProvider = { name: "Corp", type: "SAML", details: { MetadataURL: idp.metadataUrl }, attributeMapping: {}, idpIdentifiers: [] };
    const t0 = Date.now();
    assert.equal((await idpMetadata({ idp: provider, fetch: counting, now: t0 })).entityId, idp.entityId);
    await idpMetadata({ idp: provider, fetch: counting, now: t0 + 30 * 60_000 });
    assert.equal(calls, 1, "within the hour, no second fetch");
    down = true;
    assert.equal((await idpMetadata({ idp: provider, fetch: counting, now: t0 + 2 * 60 * 60_000 })).entityId, idp.entityId, "stale copy while down");
    assert.equal(calls, 2);
    clearIdpMetadataCache();
    await assert.rejects(idpMetadata({ idp: provider, fetch: counting, now: t0 }), (e: unknown) => e instanceof FederationError && e.error === "temporarily_unavailable");
  });

  test("a MetadataURL that answers something else than metadata is invalid_request", async () => {
    const provider: StoredIdentityProvider = { name: "Corp", type: "SAML", details: { MetadataURL: `${idp.url}/metadata?x` }, attributeMapping: {}, idpIdentifiers: [] };
    const html: typeof fetch = async () => new Response("<html><body>login</body></html>", { status: 200 });
    await assert.rejects(idpMetadata({ idp: provider, fetch: html }), (e: unknown) => e instanceof FederationError && e.error === "invalid_request");
  });
});

describe("SAML SP certificate", () => {
  test("is a self-signed X.509 certificate for an RSA-2048 key, valid ten years", async () => {
    const made = await createSelfSignedCertificate({ commonName: "urn:amazon:cognito:sp:local_Abc" });
    const cert = new X509Certificate(made.certificate);
    assert.equal(cert.subject, "CN=urn:amazon:cognito:sp:local_Abc");
    assert.equal(cert.issuer, cert.subject);
    assert.ok(cert.verify(cert.publicKey));
    assert.equal(cert.publicKey.asymmetricKeyDetails?.modulusLength, 2048);
    assert.ok(cert.checkPrivateKey(createPrivateKey(made.privateKey)));
    const years = (Date.parse(cert.validTo) - Date.now()) / (365.25 * 86_400_000);
    assert.ok(years > 9.9 && years < 10.1, `valid for ${years} years`);
  });
});
