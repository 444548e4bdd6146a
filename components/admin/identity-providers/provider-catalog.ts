// What the Identity providers tab says about each provider type: its label, and the details it
// asks for under Cognito's ProviderDetails keys (lib/federation/config.ts DETAILS_SCHEMAS), each
// with a label and help. Secret details are write-only: stored sealed, never shown again.
import type { ProviderType } from "@/lib/federation/config.ts";

export type DetailField = {
  key: string;
  label: string;
  hint: string;
  kind: "text" | "url" | "secret" | "secret-multiline" | "multiline" | "select" | "flag";
  placeholder?: string;
  options?: readonly string[];
  /** Left empty, the server's default (or nothing) applies. */
  optional?: boolean;
  /** Shown under "Endpoints" only when asked for. */
  advanced?: boolean;
};

export type ProviderTypeInfo = { type: ProviderType; label: string; description: string; social: boolean; fields: DetailField[] };

const endpoints: DetailField[] = [
  { key: "authorize_url", label: "Authorization endpoint", hint: "Overrides the one discovered from the issuer.", kind: "url", optional: true, advanced: true },
  { key: "token_url", label: "Token endpoint", hint: "Overrides the one discovered from the issuer.", kind: "url", optional: true, advanced: true },
  { key: "attributes_url", label: "Userinfo endpoint", hint: "Where the user's attributes are read.", kind: "url", optional: true, advanced: true },
  { key: "jwks_uri", label: "JWKS URI", hint: "The keys that sign the provider's ID tokens.", kind: "url", optional: true, advanced: true },
];

const clientSecret: DetailField = { key: "client_secret", label: "Client secret", hint: "Stored encrypted and never shown again.", kind: "secret" };

export const PROVIDER_CATALOG: ProviderTypeInfo[] = [
  {
    type: "Google", label: "Google", social: true, description: "Sign in with a Google account.",
    fields: [
      { key: "client_id", label: "Client ID", hint: "Google Cloud console → APIs & Services → Credentials → OAuth client ID (Web application).", kind: "text", placeholder: "1234567890-abc.apps.googleusercontent.com" },
      { ...clientSecret, hint: "The OAuth client's secret. Stored encrypted and never shown again." },
      { key: "authorize_scopes", label: "Scopes", hint: "Space-separated. Default: openid email profile.", kind: "text", placeholder: "openid email profile", optional: true },
    ],
  },
  {
    type: "Facebook", label: "Facebook", social: true, description: "Sign in with a Facebook account.",
    fields: [
      { key: "client_id", label: "App ID", hint: "Meta for Developers → your app → App settings → Basic.", kind: "text", placeholder: "1234567890123456" },
      { ...clientSecret, label: "App secret", hint: "From the same page. Stored encrypted and never shown again." },
      { key: "authorize_scopes", label: "Scopes", hint: "Comma-separated. Default: public_profile,email.", kind: "text", placeholder: "public_profile,email", optional: true },
      { key: "api_version", label: "Graph API version", hint: "Default: v19.0.", kind: "text", placeholder: "v19.0", optional: true },
    ],
  },
  {
    type: "SignInWithApple", label: "Sign in with Apple", social: true, description: "Sign in with an Apple ID.",
    fields: [
      { key: "client_id", label: "Services ID", hint: "Apple Developer → Identifiers → Services IDs, e.g. com.example.signin.", kind: "text", placeholder: "com.example.signin" },
      { key: "team_id", label: "Team ID", hint: "Your 10-character Apple team id (top right of the developer account).", kind: "text", placeholder: "ABCDE12345" },
      { key: "key_id", label: "Key ID", hint: "The 10-character id of the Sign in with Apple key.", kind: "text", placeholder: "XYZ9876543" },
      { key: "private_key", label: "Private key", hint: "The contents of the .p8 file. Stored encrypted and never shown again.", kind: "secret-multiline", placeholder: "-----BEGIN PRIVATE KEY-----" },
      { key: "authorize_scopes", label: "Scopes", hint: "Space-separated. Default: name email.", kind: "text", placeholder: "name email", optional: true },
    ],
  },
  {
    type: "OIDC", label: "OpenID Connect", social: false, description: "Any OpenID Connect provider: Okta, Entra ID, Auth0, Keycloak…",
    fields: [
      { key: "oidc_issuer", label: "Issuer URL", hint: "Its discovery document is read from {issuer}/.well-known/openid-configuration.", kind: "url", placeholder: "https://login.example.com" },
      { key: "client_id", label: "Client ID", hint: "The client registered for Gatehouse at the provider.", kind: "text" },
      clientSecret,
      { key: "authorize_scopes", label: "Scopes", hint: "Space-separated. Default: openid.", kind: "text", placeholder: "openid email profile", optional: true },
      { key: "attributes_request_method", label: "Userinfo request method", hint: "How the user's attributes are requested.", kind: "select", options: ["GET", "POST"], optional: true },
      ...endpoints,
    ],
  },
  {
    type: "SAML", label: "SAML 2.0", social: false, description: "A SAML identity provider: ADFS, Entra ID, Okta, Google Workspace…",
    fields: [
      { key: "MetadataURL", label: "Metadata URL", hint: "Where the IdP publishes its metadata. Give this or the metadata document.", kind: "url", placeholder: "https://idp.example.com/metadata.xml", optional: true },
      { key: "MetadataFile", label: "Metadata document", hint: "The IdP's metadata XML, pasted, when it has no URL.", kind: "multiline", placeholder: "<EntityDescriptor …>", optional: true },
      { key: "IDPSignout", label: "Sign out at the IdP too", hint: "Signing out sends a SAML logout request to the IdP.", kind: "flag" },
      { key: "IDPInit", label: "Allow IdP-initiated sign-in", hint: "Accept responses the IdP sends without a request from Gatehouse.", kind: "flag" },
      { key: "EncryptedResponses", label: "Encrypted assertions", hint: "The IdP encrypts assertions with the pool's key (see the metadata URL).", kind: "flag" },
      { key: "RequestSigningAlgorithm", label: "Sign requests (rsa-sha256)", hint: "Gatehouse signs its authentication requests.", kind: "flag" },
    ],
  },
];

export function typeInfo(type: ProviderType): ProviderTypeInfo {
  return PROVIDER_CATALOG.find((t) => t.type === type)!;
}

/** The flag fields' stored values: Cognito's "true"/"false", and rsa-sha256 for request signing. */
export function flagValue(key: string, on: boolean): string | undefined {
  if (key === "RequestSigningAlgorithm") return on ? "rsa-sha256" : undefined;
  return on ? "true" : "false";
}

export function flagOn(key: string, value: string | undefined): boolean {
  return key === "RequestSigningAlgorithm" ? value === "rsa-sha256" : value === "true";
}

/** Where the provider sends users back, and (SAML) what identifies Gatehouse to the IdP. */
export function serviceProviderUrls(publicUrl: string, poolId: string) {
  return {
    redirectUri: `${publicUrl}/${poolId}/oauth2/idpresponse`,
    entityId: `urn:amazon:cognito:sp:${poolId}`,
    acsUrl: `${publicUrl}/${poolId}/saml2/idpresponse`,
    metadataUrl: `${publicUrl}/${poolId}/saml2/metadata`,
  };
}
