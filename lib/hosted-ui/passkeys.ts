// The hosted UI's passkeys, Node half: the options the browser's passkey button (and autofill)
// needs for a sign-in, which start the engine's USER_AUTH with WEB_AUTHN (its challenge kept in the
// flow's row, never in the browser); and after a password sign-in in a pool that allows passkeys,
// the offer to add one (registration through lib/passkeys) before the app gets its answer.
// Each request passes the checks of a form post: same origin, the interaction's page cookie, its
// CSRF token.
import type { IncomingMessage, ServerResponse } from "node:http";
import { z } from "zod";
import type { Outcome } from "../auth-flow/contract.ts";
import { start } from "../auth-flow/engine.ts";
import { isAppError } from "../errors.ts";
import type { ProviderEntry } from "../oidc/registry.ts";
import { completePasskeyRegistration, hasPasskey, startPasskeyRegistration } from "../passkeys/index.ts";
import type { Runtime } from "../runtime.ts";
import { constantTimeEqual } from "../security/secrets.ts";
import { deleteFlow, findFlow, flowVersion, saveFlow, saveFlowIfUnchanged, type HostedFlow } from "./flow.ts";
import { findPoolUser } from "../auth-flow/auth-flow.queries.ts";
import { clientIp, HttpError, readForm, redirect, sendJson } from "./http.ts";
import { details, endInteraction, expired, pageUrl, type LoadedInteraction } from "./interaction-details.ts";
import { hasPageCookie, pageCookiesOf } from "./page-cookie.ts";
import { errorWording } from "./wording.ts";
import { requestLocale } from "../i18n/request-locale.ts";

export type PasskeyEndpoint = "passkey-options" | "passkey-registration-options";

const Csrf = z.object({ csrf: z.string().min(1).max(128) });

/** POST …/interaction/{uid}/passkey-options and …/passkey-registration-options: JSON for @simplewebauthn/browser. */
export async function sendPasskeyOptions(rt: Runtime, entry: ProviderEntry, req: IncomingMessage, res: ServerResponse, uid: string, endpoint: PasskeyEndpoint) {
  const { pool } = entry;
  const origin = req.headers.origin;
  if (origin && origin !== new URL(rt.env.publicUrl).origin) throw new HttpError(403, "Cross-site requests are not accepted.");
  if (!hasPageCookie(rt.secrets, { poolId: pool.id, uid, values: pageCookiesOf(req.headers.cookie, pool.id) })) return sendJson(res, 403, { message: "This sign-in page has expired. Go back to the application and start again." });
  const form = Csrf.safeParse(await readForm(req));
  const version = await flowVersion(rt, uid);
  const flow = version && (await details(entry, req, res, uid)) ? await findFlow(rt, uid) : null;
  if (!flow || flow.state.poolId !== pool.id) return sendJson(res, 410, { message: "This sign-in has expired. Sign in again." });
  if (!form.success || !constantTimeEqual(form.data.csrf, flow.csrf)) return sendJson(res, 403, { message: "This form has expired. Reload the page and try again." });
  try {
    if (endpoint === "passkey-registration-options") {
      const user = flow.signedIn?.page === "add-passkey" ? await findPoolUser(rt.db, { poolId: pool.id, userId: flow.signedIn.userId }) : null;
      if (!user) return sendJson(res, 410, { message: "This sign-in has expired. Sign in again." });
      return sendJson(res, 200, { options: await startPasskeyRegistration(rt, { pool, user, clientId: flow.state.clientId }) }, { "cache-control": "no-store" });
    }
    // Proving an account for a link is the pool's own password sign-in, and nothing else.
    if (flow.state.link || !pool.signInMethods.includes("PASSKEY")) return sendJson(res, 409, { message: "Passkeys are not available here." });
    const context = { ip: clientIp(req, rt.env.trustProxy), userAgent: req.headers["user-agent"] ?? null };
    // A discoverable passkey names its user: no name is asked for, so none can be probed.
    const outcome = await start(rt, { pool, clientId: flow.state.clientId, flow: "USER_AUTH", parameters: { PREFERRED_CHALLENGE: "WEB_AUTHN", preventUserExistenceErrors: true }, context });
    if (outcome.kind !== "challenge" || outcome.challengeName !== "WEB_AUTHN") throw new Error("USER_AUTH without a name opens WEB_AUTHN");
    flow.state = outcome.state;
    // A form posted meanwhile wins: this request's challenge is then never kept, and its answer refused.
    if (!(await saveFlowIfUnchanged(rt, flow, version!))) return sendJson(res, 409, { message: "This page changed meanwhile. Reload it and try again." });
    return sendJson(res, 200, { options: JSON.parse(outcome.parameters.CREDENTIAL_REQUEST_OPTIONS!) }, { "cache-control": "no-store" });
  } catch (error) {
    if (!isAppError(error)) throw error;
    return sendJson(res, error.status === 429 ? 429 : 400, { message: errorWording(error, requestLocale(req.headers)) });
  }
}

/**
 * A finished sign-in: after a password, in a pool that allows passkeys, a user without one is
 * offered to add one first; everyone else goes back to the app.
 */
export async function finishSignIn(rt: Runtime, entry: ProviderEntry, res: ServerResponse, interaction: LoadedInteraction, flow: HostedFlow, outcome: Extract<Outcome, { kind: "done" }>) {
  if (entry.pool.signInMethods.includes("PASSKEY") && outcome.amr.includes("pwd") && !(await hasPasskey(rt.db, outcome.userId))) {
    flow.state = { ...outcome.state, step: "DONE", userId: outcome.userId };
    flow.signedIn = { page: "add-passkey", userId: outcome.userId, amr: outcome.amr };
    flow.flash = null;
    await saveFlow(rt, flow);
    return redirect(res, pageUrl(entry.provider.issuer, flow.interactionUid, "add-passkey"));
  }
  return finishInteraction(rt, res, interaction, flow.interactionUid, outcome);
}

/** Back to the app, signed in: the flow's row goes, and oidc-provider ends the interaction. */
export async function finishInteraction(rt: Runtime, res: ServerResponse, interaction: LoadedInteraction, uid: string, signedIn: { userId: string; amr: string[] }) {
  await deleteFlow(rt, uid);
  const result = { login: { accountId: signedIn.userId, amr: signedIn.amr, remember: true } };
  return endInteraction(res, interaction, result, { mergeWithLastSubmission: false });
}

/** The add-passkey page's form: the new passkey ("Add a passkey"), or "Not now"; either way the app gets its answer. */
export async function submitPasskeyOffer(
  rt: Runtime, entry: ProviderEntry, req: IncomingMessage, res: ServerResponse, flow: HostedFlow, fields: Record<string, string>, interaction: LoadedInteraction,
) {
  const offer = flow.signedIn;
  if (offer?.page !== "add-passkey") return expired(entry, req, res);
  const here = pageUrl(entry.provider.issuer, flow.interactionUid, "add-passkey");
  if (fields.intent === "add") {
    const user = await findPoolUser(rt.db, { poolId: entry.pool.id, userId: offer.userId });
    if (!user) return expired(entry, req, res);
    try {
      await completePasskeyRegistration(rt, { pool: entry.pool, user, credential: fields.credential ?? "", clientId: flow.state.clientId });
    } catch (error) {
      if (!isAppError(error)) throw error;
      flow.flash = { kind: "error", message: errorWording(error, requestLocale(req.headers)) };
      await saveFlow(rt, flow);
      return redirect(res, here);
    }
  } else if (fields.intent !== "skip") {
    return redirect(res, here);
  }
  return finishInteraction(rt, res, interaction, flow.interactionUid, offer);
}
