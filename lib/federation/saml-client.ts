// How Gatehouse appears to SAML IdPs (Cognito's names and URLs, so an IdP set up for Cognito carries
// over) and node-saml configured with them for one pool and IdP: the one place sign-in and logout
// take their SAML settings from.
import { SAML, type SamlConfig } from "@node-saml/node-saml";
import type { Db } from "../db/client.ts";
import type { Secrets } from "../security/secrets.ts";
import type { IdpMetadata } from "./saml-metadata.ts";
import type { SpKeyPair } from "./saml-queries.ts";

export type SamlDeps = { db: Db; secrets: Pick<Secrets, "encrypt" | "decrypt">; fetch?: typeof fetch };
export type Where = { publicUrl: string; poolId: string };

/** Clocks of IdPs and ours may differ this much. */
export const CLOCK_SKEW_MS = 60_000;
/** An AuthnRequest's id stays answerable this long (the engine also bounds it by pending.sentAt). */
const REQUEST_LIFETIME_MS = 60 * 60_000;

/** Entity id Cognito uses, so IdP set-ups carry over. */
export function spEntityId(poolId: string): string {
  return `urn:amazon:cognito:sp:${poolId}`;
}

/** Where IdPs post their answers (Assertion Consumer Service). */
export function acsUrl(publicUrl: string, poolId: string): string {
  return `${publicUrl.replace(/\/+$/, "")}/${poolId}/saml2/idpresponse`;
}

/** Where IdPs send single-logout requests and responses (HTTP-Redirect). */
export function spLogoutUrl(publicUrl: string, poolId: string): string {
  return `${publicUrl.replace(/\/+$/, "")}/${poolId}/saml2/logout`;
}

/** Where the SP metadata is served. */
export function spMetadataUrl(publicUrl: string, poolId: string): string {
  return `${publicUrl.replace(/\/+$/, "")}/${poolId}/saml2/metadata`;
}

/** node-saml configured for one pool and IdP; callers add what differs per message. */
export function samlClient(where: Where, metadata: IdpMetadata, keys: SpKeyPair, extra: Partial<SamlConfig> = {}): SAML {
  return new SAML({
    issuer: spEntityId(where.poolId),
    audience: spEntityId(where.poolId),
    callbackUrl: acsUrl(where.publicUrl, where.poolId),
    logoutCallbackUrl: spLogoutUrl(where.publicUrl, where.poolId),
    idpCert: metadata.signingCertificates,
    idpIssuer: metadata.entityId,
    entryPoint: metadata.ssoUrl,
    ...(metadata.sloUrl ? { logoutUrl: metadata.sloUrl } : {}),
    privateKey: keys.privateKey,
    publicCert: keys.certificate,
    decryptionPvk: keys.privateKey,
    signatureAlgorithm: "sha256",
    digestAlgorithm: "http://www.w3.org/2001/04/xmlenc#sha256",
    // Let the IdP choose the NameID format and the way the user authenticates (MFA, Kerberos…).
    identifierFormat: null,
    disableRequestedAuthnContext: true,
    // Either a signed Response or a signed Assertion; node-saml refuses when neither verifies.
    wantAuthnResponseSigned: false,
    wantAssertionsSigned: false,
    acceptedClockSkewMs: CLOCK_SKEW_MS,
    requestIdExpirationPeriodMs: REQUEST_LIFETIME_MS,
    ...extra,
  });
}

