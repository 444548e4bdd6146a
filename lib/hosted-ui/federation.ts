// The hosted UI's half of federation: sending the browser to an identity provider, taking its
// answer, and finishing the sign-in through the engine (EXTERNAL_PROVIDER), as Cognito's
// /oauth2/idpresponse and /saml2/idpresponse do.
//
// The answer arrives at a URL every provider is registered with, without the interaction's
// cookies (they are scoped to /{pool}/interaction/{uid}; Apple and SAML post it cross-site). So it
// is only kept, against the flow its `state` (or RelayState) names, and the browser is sent on to
// /{pool}/interaction/{uid}/idp-return: there the page cookie proves it is the browser that started
// the sign-in, and only then is the answer checked and spent. A stolen or replayed answer opens
// nothing in another browser.
import { flowClient } from "../auth-flow/flow-client.ts";
import type { IncomingMessage, ServerResponse } from "node:http";
import { start } from "../auth-flow/engine.ts";
import { isAppError } from "../errors.ts";
import { COGNITO_PROVIDER, providerByIdentifier, type StoredIdentityProvider } from "../federation/config.ts";
import { FederationError, isFederationError, type FederatedProfile } from "../federation/profile.ts";
import { beginFederatedSignIn, finishFederatedSignIn } from "../federation/protocol.ts";
import type { ProviderEntry } from "../oidc/registry.ts";
import type { Runtime } from "../runtime.ts";
import { constantTimeEqual, randomToken } from "../security/secrets.ts";
import { deleteFlow, findFlow, saveFlow, type HostedFlow } from "./flow.ts";
import { builtInClientRow, isBuiltInClientId } from "../account/account-client.ts";
import { clientIp, readUrlEncoded, redirect, sendHtml } from "./http.ts";
import { hasPageCookie, pageCookiesOf } from "./page-cookie.ts";
import { renderProviderError } from "./protocol-pages.ts";
import { errorWording } from "./wording.ts";
import { requestLocale } from "../i18n/request-locale.ts";
import { translatorFor } from "../i18n/catalogue.ts";

// Cognito accepts SAML responses of up to 100,000 characters.
const SAML_FORM_LIMIT = 128 * 1024;

export async function supportedProvidersOf(rt: Runtime, options: { poolId: string; clientId: string }): Promise<string[]> {
  // The account page's built-in client offers every way into the pool.
  if (isBuiltInClientId(options.clientId)) {
    const pool = (await rt.providers.get(options.poolId))?.pool;
    return builtInClientRow(options.clientId, pool?.identityProviders.map((p) => p.name) ?? [])!.supportedIdentityProviders;
  }
  const row = await flowClient(rt, options.poolId, options.clientId);
  return row?.supportedIdentityProviders ?? [COGNITO_PROVIDER];
}

/**
 * The provider an authorization request names (`identity_provider`, or `idp_identifier`), among
 * those the client offers; null when it names none. A name the client does not offer is an error
 * for the app, as in Cognito.
 */
export function requestedProvider(
  providers: StoredIdentityProvider[], params: Record<string, unknown>,
): { idp: StoredIdentityProvider } | { error: string } | null {
  const name = typeof params.identity_provider === "string" ? params.identity_provider : null;
  const identifier = typeof params.idp_identifier === "string" ? params.idp_identifier : null;
  if (name && name !== COGNITO_PROVIDER) {
    const idp = providers.find((p) => p.name === name);
    return idp ? { idp } : { error: `The identity provider ${name} is not enabled for this application.` };
  }
  if (identifier) {
    const idp = providerByIdentifier(providers, identifier);
    return idp ? { idp } : { error: `No identity provider of this application has the identifier ${identifier}.` };
  }
  return null;
}

/** Sends the browser to `idp` for this flow, keeping what its answer must match. */
export async function sendToProvider(rt: Runtime, entry: ProviderEntry, res: ServerResponse, flow: HostedFlow, idp: StoredIdentityProvider, fromPage: boolean) {
  // The uid finds the flow again when the answer comes back; the rest is the unguessable part.
  const state = `${flow.interactionUid}.${randomToken(24)}`;
  let begun;
  try {
    begun = await beginFederatedSignIn(rt, { publicUrl: rt.env.publicUrl, poolId: entry.pool.id, idp, state });
  } catch (error) {
    if (!isFederationError(error)) throw error;
    return failOnPage(rt, entry, res, flow, error.message);
  }
  flow.federation = { pending: begun.pending, fromPage };
  await saveFlow(rt, flow);
  redirect(res, begun.url, 302);
}

/** A provider's answer as it arrived: the query of a GET, or the form of a POST (Apple's form_post, SAML's HTTP-POST binding). */
export async function readProviderAnswer(req: IncomingMessage): Promise<Record<string, string>> {
  const answer: Record<string, string> = {};
  if (req.method === "POST") {
    const type = req.headers["content-type"] ?? "";
    if (type.startsWith("application/x-www-form-urlencoded")) for (const [k, v] of await readUrlEncoded(req, SAML_FORM_LIMIT)) answer[k] = v;
  } else {
    for (const [k, v] of new URL(req.url ?? "/", "http://internal").searchParams) answer[k] = v;
  }
  return answer;
}

/**
 * Keeps a provider's answer with the flow its state (OAuth's `state`, SAML's RelayState) names and
 * sends the browser back to that flow's interaction. False when no waiting flow has that state.
 */
export async function keepProviderAnswer(rt: Runtime, entry: ProviderEntry, res: ServerResponse, answer: Record<string, string>, state: string): Promise<boolean> {
  const uid = /^([\w-]+)\.[\w-]+$/.exec(state)?.[1];
  const flow = uid ? await findFlow(rt, uid) : null;
  const pending = flow?.federation?.pending;
  if (!flow || !pending || flow.state.poolId !== entry.pool.id || !constantTimeEqual(pending.state, state)) return false;
  flow.federation = { ...flow.federation!, answer };
  await saveFlow(rt, flow);
  redirect(res, `${entry.provider.issuer}/interaction/${uid}/idp-return`, 303);
  return true;
}

export function answerExpired(entry: ProviderEntry, res: ServerResponse) {
  sendHtml(res, 400, renderProviderError({
    pool: entry.pool,
    out: { error: "invalid_request", error_description: "This sign-in has expired or was already used. Go back to the application and start again." },
  }));
}

/** GET|POST /{pool}/oauth2/idpresponse: where OAuth and OIDC providers send the browser back. */
export async function receiveProviderAnswer(rt: Runtime, entry: ProviderEntry, req: IncomingMessage, res: ServerResponse) {
  const answer = await readProviderAnswer(req);
  if (!(await keepProviderAnswer(rt, entry, res, answer, answer.state ?? ""))) answerExpired(entry, res);
}

/** GET /{pool}/interaction/{uid}/idp-return: checks the kept answer in the browser that started the sign-in, and finishes it. */
export async function finishProviderSignIn(rt: Runtime, entry: ProviderEntry, req: IncomingMessage, res: ServerResponse, uid: string) {
  const { pool, provider } = entry;
  const expired = () => sendHtml(res, 400, renderProviderError({
    pool, locale: requestLocale(req.headers),
    out: { error: "session_not_found", error_description: translatorFor(requestLocale(req.headers), "protocol")("pageExpired") },
  }));
  if (!hasPageCookie(rt.secrets, { poolId: pool.id, uid, values: pageCookiesOf(req.headers.cookie, pool.id) })) return expired();
  const interaction = await provider.interactionDetails(req, res).catch(() => null);
  const flow = interaction?.uid === uid ? await findFlow(rt, uid) : null;
  const federation = flow?.federation;
  if (!interaction || !flow || !federation?.answer || flow.state.poolId !== pool.id) return expired();
  // The answer is used once, whatever it holds.
  delete flow.federation;
  await saveFlow(rt, flow);

  const idp = pool.identityProviders.find((p) => p.name === federation.pending.provider);
  let profile;
  try {
    // The provider may have been removed, or taken off the client, since the browser left for it.
    const offered = idp ? (await supportedProvidersOf(rt, { poolId: pool.id, clientId: flow.state.clientId })).includes(idp.name) : false;
    if (!idp || !offered) throw new FederationError("invalid_request", "This sign-in option is no longer available for this application.");
    profile = await finishFederatedSignIn(rt, { publicUrl: rt.env.publicUrl, poolId: pool.id, idp, pending: federation.pending, answer: federation.answer });
  } catch (error) {
    if (!isFederationError(error)) throw error;
    rt.log(`[${pool.id}] federated sign-in with ${federation.pending.provider} failed: ${error.error}: ${error.message}`);
    // Chosen on the page: back to it, to try again or another way. Named by the app: the app hears it.
    if (federation.fromPage) return failOnPage(rt, entry, res, flow, error.message);
    return provider.interactionFinished(req, res, { error: error.error, error_description: error.message }, { mergeWithLastSubmission: false });
  }

  return signInWithProfile(rt, entry, req, res, flow, profile, federation.fromPage);
}

/** Finishes a sign-in an identity provider vouched for: the engine's EXTERNAL_PROVIDER, then the interaction. */
export async function signInWithProfile(
  rt: Runtime, entry: ProviderEntry, req: IncomingMessage, res: ServerResponse, flow: HostedFlow, profile: FederatedProfile, fromPage: boolean,
) {
  const { pool, provider } = entry;
  const uid = flow.interactionUid;
  const context = { ip: clientIp(req, rt.env.trustProxy), userAgent: req.headers["user-agent"] ?? null };
  let outcome;
  try {
    outcome = await start(rt, { pool, clientId: flow.state.clientId, flow: "EXTERNAL_PROVIDER", parameters: { profile }, context });
  } catch (error) {
    if (!isAppError(error)) throw error;
    if (fromPage) return failOnPage(rt, entry, res, flow, errorWording(error, requestLocale(req.headers)));
    return provider.interactionFinished(req, res, { error: "access_denied", error_description: errorWording(error) }, { mergeWithLastSubmission: false });
  }
  if (outcome.kind === "done") {
    await deleteFlow(rt, uid);
    return provider.interactionFinished(req, res, { login: { accountId: outcome.userId, amr: outcome.amr, remember: true } }, { mergeWithLastSubmission: false });
  }
  // The IdP vouched for an email a native user has: they prove the account on the sign-in page.
  flow.state = outcome.state;
  flow.flash = { kind: "notice", message: `You already have an account with this email. Sign in to it once to link your ${profile.providerName} account.` };
  flow.values = profile.claims.email ? { login: profile.claims.email } : {};
  await saveFlow(rt, flow);
  redirect(res, `${provider.issuer}/interaction/${uid}/login`);
}

async function failOnPage(rt: Runtime, entry: ProviderEntry, res: ServerResponse, flow: HostedFlow, message: string) {
  flow.flash = { kind: "error", message };
  await saveFlow(rt, flow);
  redirect(res, `${entry.provider.issuer}/interaction/${flow.interactionUid}/login`);
}
