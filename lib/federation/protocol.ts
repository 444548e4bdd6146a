// One door to the protocol modules: sending the browser to a provider and checking its answer,
// whichever protocol the provider speaks (oidc.ts for Google, Facebook, Apple and OIDC; saml.ts for
// SAML 2.0). The hosted UI's routes (lib/hosted-ui/federation.ts) call only this.
import type { Db } from "../db/client.ts";
import type { Secrets } from "../security/secrets.ts";
import type { StoredIdentityProvider } from "./config.ts";
import { beginOidcSignIn, finishOidcSignIn } from "./oidc.ts";
import type { FederatedProfile, FederationPending } from "./profile.ts";
import { beginSamlSignIn, finishSamlSignIn } from "./saml.ts";

export type FederationDeps = { db: Db; secrets: Pick<Secrets, "encrypt" | "decrypt"> };

/** Where OAuth and OIDC providers send the browser back: registered at the IdP as the redirect URI. */
export function idpResponseUrl(publicUrl: string, poolId: string): string {
  return `${publicUrl}/${poolId}/oauth2/idpresponse`;
}

export async function beginFederatedSignIn(
  deps: FederationDeps, options: { publicUrl: string; poolId: string; idp: StoredIdentityProvider; state: string },
): Promise<{ url: string; pending: FederationPending }> {
  const { publicUrl, poolId, idp, state } = options;
  if (idp.type === "SAML") return beginSamlSignIn(deps, { publicUrl, poolId, idp, state });
  return beginOidcSignIn(deps, { idp, redirectUri: idpResponseUrl(publicUrl, poolId), state });
}

/** Checks the provider's answer (the callback's query or form; for SAML, its SAMLResponse). Throws FederationError. */
export async function finishFederatedSignIn(
  deps: FederationDeps,
  options: { publicUrl: string; poolId: string; idp: StoredIdentityProvider; pending: FederationPending; answer: Record<string, string> },
): Promise<FederatedProfile> {
  const { publicUrl, poolId, idp, pending, answer } = options;
  if (idp.type === "SAML") return finishSamlSignIn(deps, { publicUrl, poolId, idp, pending, samlResponse: answer.SAMLResponse ?? "" });
  return finishOidcSignIn(deps, { idp, redirectUri: idpResponseUrl(publicUrl, poolId), pending, params: answer });
}
