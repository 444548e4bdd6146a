// What the protocol modules (oidc.ts for Google, Facebook, Apple and OIDC; saml.ts for SAML) hand
// the sign-in engine once an IdP has vouched for a user, and how they fail. Nothing here knows a
// protocol: the engine maps `claims` through the provider's attributeMapping and signs the user in.
import type { ProviderType } from "./config.ts";

export type FederatedProfile = {
  providerName: string;
  providerType: ProviderType;
  /** The user's id at the IdP: the ID token's `sub`, Facebook's Graph id, the SAML NameID. */
  subject: string;
  /** Who vouched: the ID token's `iss`, the SAML IdP's entity id; null for Facebook. */
  issuer: string | null;
  /** Every attribute the IdP gave, under its own names (claims, Graph fields, SAML attribute names), as strings. */
  claims: Record<string, string>;
  /** SAML only: what single logout needs to name this session at the IdP. */
  saml?: { nameId: string; nameIdFormat: string | null; sessionIndex: string | null };
};

/**
 * The IdP refused or failed, or its answer did not hold up. `error` is the OAuth error code the app
 * gets on its callback (access_denied when the user cancelled, invalid_request otherwise);
 * `message` is shown on the page and sent as error_description. Never a secret or a stack.
 */
export class FederationError extends Error {
  readonly error: "access_denied" | "invalid_request" | "temporarily_unavailable" | "server_error";
  constructor(error: FederationError["error"], message: string) {
    super(message);
    this.name = "FederationError";
    this.error = error;
  }
}

export function isFederationError(error: unknown): error is FederationError {
  return error instanceof FederationError;
}

/**
 * What a flow keeps between sending the browser to the IdP and its answer (in the hosted flow's
 * row, never in the browser): the provider, the `state` the answer must carry, and what the
 * protocol needs to check it (OIDC's nonce and PKCE verifier, SAML's request id).
 */
export type FederationPending = {
  provider: string;
  state: string;
  nonce?: string;
  codeVerifier?: string;
  requestId?: string;
  /** When the browser was sent, ms since the epoch: an answer after the interaction's lifetime is refused. */
  sentAt: number;
};
