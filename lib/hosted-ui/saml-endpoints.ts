// The pool's SAML service-provider endpoints, at Cognito's paths so IdP set-ups carry over:
//   GET  /{pool}/saml2/metadata     the SP metadata (entity id urn:amazon:cognito:sp:{pool}, ACS, certificate)
//   POST /{pool}/saml2/idpresponse  the assertion consumer service (HTTP-POST binding)
//   GET|POST /{pool}/saml2/logout   single logout with IdPs whose IDPSignout is "true"
// An SP-initiated answer carries the RelayState the flow sent and is kept for the browser that
// started it (federation.ts). An IdP-initiated one (IDPInit "true") carries, as in Cognito, the
// authorize request's parameters as RelayState: it is checked at once, and the browser goes on to
// /oauth2/authorize with a one-time cookie that lets the interaction take the checked profile.
import { flowClient } from "../auth-flow/flow-client.ts";
import type { IncomingMessage, ServerResponse } from "node:http";
import { isFederationError, type FederatedProfile } from "../federation/profile.ts";
import { finishSamlSignIn, handleSamlLogoutMessage, idpEntityId, samlIssuerOf, spMetadata } from "../federation/saml.ts";
import type { ProviderEntry } from "../oidc/registry.ts";
import { deleteSessionsOfUser } from "../oidc/artifacts.ts";
import { createAuthFlow, deleteAuthFlow, findAuthFlow } from "../auth-flow/flow-records.queries.ts";
import { findFederatedIdentityUser } from "./hosted-ui.queries.ts";
import type { Runtime } from "../runtime.ts";
import { randomToken } from "../security/secrets.ts";
import { cookieValues } from "../http/cookies.ts";
import { takeLogoutReturn } from "../federation/saml-session.ts";
import { answerExpired, keepProviderAnswer, readProviderAnswer } from "./federation.ts";
import { HttpError, redirect, sendHtml } from "./http.ts";
import { renderProviderError, renderSignedOutPage } from "./protocol-pages.ts";

/** The one-time cookie of an IdP-initiated sign-in, read when the interaction starts. */
export function idpInitiatedCookieName(poolId: string): string {
  return `gh_idp_init_${poolId}`;
}

// A checked IdP-initiated profile waits this long for its browser to come back through /authorize.
const IDP_INITIATED_TTL_MS = 5 * 60 * 1000;

export async function serveSamlEndpoint(rt: Runtime, entry: ProviderEntry, req: IncomingMessage, res: ServerResponse, rest: string) {
  const { pool } = entry;
  if (rest === "/saml2/metadata" && (req.method === "GET" || req.method === "HEAD")) {
    const xml = await spMetadata(rt, { publicUrl: rt.env.publicUrl, poolId: pool.id });
    res.statusCode = 200;
    res.setHeader("Content-Type", "application/samlmetadata+xml; charset=utf-8");
    res.setHeader("Cache-Control", "public, max-age=300");
    return res.end(req.method === "HEAD" ? undefined : xml);
  }
  if (rest === "/saml2/idpresponse" && req.method === "POST") {
    const answer = await readProviderAnswer(req);
    if (!answer.SAMLResponse) throw new HttpError(400, "A SAMLResponse is required.");
    if (await keepProviderAnswer(rt, entry, res, answer, answer.RelayState ?? "")) return;
    return idpInitiated(rt, entry, res, answer);
  }
  if (rest === "/saml2/logout" && req.method === "GET") {
    // The HTTP-Redirect binding: its signature covers the query exactly as it was sent.
    const rawQuery = new URL(req.url ?? "/", "http://internal").search.slice(1);
    for (const idp of pool.identityProviders.filter((p) => p.type === "SAML" && p.details.IDPSignout === "true")) {
      let message;
      try {
        message = await handleSamlLogoutMessage(rt, { publicUrl: rt.env.publicUrl, poolId: pool.id, idp, rawQuery });
      } catch (error) {
        if (isFederationError(error)) continue;
        throw error;
      }
      if (message.kind === "request") {
        // The IdP ended the user's session there: their sessions here end too, then the IdP hears back.
        await endSessionsOfIdentity(rt, { poolId: pool.id, providerName: idp.name, providerUserId: message.nameId });
        return redirect(res, message.redirectUrl, 302);
      }
      // The answer to a logout the app started: on to where the app asked to land.
      const returnTo = await takeLogoutReturn(rt.db, { poolId: pool.id, relayState: message.relayState, inResponseTo: message.inResponseTo });
      if (returnTo) return redirect(res, returnTo, 303);
      return sendHtml(res, 200, renderSignedOutPage({ pool }));
    }
    throw new HttpError(400, "This logout message is not from an identity provider of this pool, or its signature does not hold.");
  }
  throw new HttpError(404, "Not found.");
}

/** An unsolicited response: only from an IdP that allows IdP-initiated sign-in, and only toward a client that offers it. */
async function idpInitiated(rt: Runtime, entry: ProviderEntry, res: ServerResponse, answer: Record<string, string>) {
  const { pool, provider } = entry;
  const issuer = samlIssuerOf(answer.SAMLResponse!);
  let idp = null;
  for (const candidate of pool.identityProviders.filter((p) => p.type === "SAML")) {
    if (issuer && (await idpEntityId(rt, candidate).catch(() => null)) === issuer) idp = candidate;
  }
  const params = new URLSearchParams(answer.RelayState ?? "");
  if (!idp || !params.get("client_id")) return answerExpired(entry, res);
  let profile: FederatedProfile;
  try {
    profile = await finishSamlSignIn(rt, { publicUrl: rt.env.publicUrl, poolId: pool.id, idp, pending: null, samlResponse: answer.SAMLResponse! });
  } catch (error) {
    if (!isFederationError(error)) throw error;
    return sendHtml(res, 400, renderProviderError({ pool, out: { error: error.error, error_description: error.message } }));
  }
  const client = await flowClient(rt, pool.id, params.get("client_id")!);
  if (!client?.supportedIdentityProviders.includes(idp.name)) return answerExpired(entry, res);
  // Kept server-side under a random id that only this browser's cookie names.
  const id = `idp-init.${randomToken(24)}`;
  await createAuthFlow(rt.db, {
    interactionUid: id, poolId: pool.id, clientId: params.get("client_id")!, step: "DONE", csrf: "", expiresAt: new Date(Date.now() + IDP_INITIATED_TTL_MS), data: { profile },
  });
  const secure = rt.env.publicUrl.startsWith("https://") ? "; Secure" : "";
  res.setHeader("Set-Cookie", `${idpInitiatedCookieName(pool.id)}=${id}; Path=/${pool.id}/interaction; HttpOnly; SameSite=Lax; Max-Age=${IDP_INITIATED_TTL_MS / 1000}${secure}`);
  params.set("identity_provider", idp.name);
  redirect(res, `${provider.issuer}/oauth2/authorize?${params}`, 303);
}

/** The checked profile an IdP-initiated sign-in left for this browser, taken once; null when there is none. */
export async function takeIdpInitiatedProfile(rt: Runtime, options: { poolId: string; clientId: string; cookieHeader: string | undefined }): Promise<FederatedProfile | null> {
  const id = cookieValues(options.cookieHeader, idpInitiatedCookieName(options.poolId))[0];
  if (!id || !/^idp-init\.[\w-]+$/.test(id)) return null;
  const row = await findAuthFlow(rt.db, id);
  if (!row) return null;
  const count = await deleteAuthFlow(rt.db, id);
  if (count === 0 || row.poolId !== options.poolId || row.clientId !== options.clientId || row.expiresAt.getTime() < Date.now()) return null;
  return (row.data as { profile?: FederatedProfile }).profile ?? null;
}

/** Ends the browser sessions (oidc-provider's Session artifacts) of the user an IdP identity belongs to. */
async function endSessionsOfIdentity(rt: Runtime, options: { poolId: string; providerName: string; providerUserId: string }) {
  const identity = await findFederatedIdentityUser(rt.db, options);
  if (!identity) return;
  await deleteSessionsOfUser(rt.db, { poolId: options.poolId, userId: identity.userId });
}
