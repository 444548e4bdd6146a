// The Node-level half of the hosted UI: starting a sign-in for an oidc-provider interaction, and
// taking each form post (CSRF check, zod, one call of the engine in lib/auth-flow, its answer
// worded for the page, then a redirect to the next page or the end of the interaction). The pages
// themselves are Next.js (app/).
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Outcome } from "../auth-flow/contract.ts";
import { respond, start } from "../auth-flow/engine.ts";
import { isAppError } from "../errors.ts";
import { requestLocale } from "../i18n/request-locale.ts";
import type { ProviderEntry } from "../oidc/registry.ts";
import type { Runtime } from "../runtime.ts";
import { findFlow, saveFlow, startFlow, type HostedFlow } from "./flow.ts";
import { finishInteraction, finishSignIn, submitPasskeyOffer } from "./passkeys.ts";
import { details, endInteraction, expired, pageUrl } from "./interaction-details.ts";
import { engineCallOf, FORM_SCHEMAS, keptValues } from "./forms.ts";
import { pageAllowed, pageOf, type Page } from "./pages.ts";
import { constantTimeEqual } from "../security/secrets.ts";
import { clientIp, HttpError, readForm, redirect } from "./http.ts";
import { hasPageCookie, pageCookiesOf, setPageCookie } from "./page-cookie.ts";
import { errorWording, formWording, noticeWording } from "./wording.ts";
import { requestedProvider, sendToProvider, signInWithProfile, supportedProvidersOf } from "./federation.ts";
import { takeIdpInitiatedProfile } from "./saml-endpoints.ts";
import { clientProviders, providerByIdentifier } from "../federation/config.ts";
import { deviceCookieParameters, rememberHostedDevice } from "../devices/device-cookie.ts";

/** GET /{pool}/interaction/{uid}: where oidc-provider sends the browser to sign in. */
export async function startInteraction(rt: Runtime, entry: ProviderEntry, req: IncomingMessage, res: ServerResponse, uid: string) {
  const interaction = await details(entry, req, res, uid);
  if (!interaction) return expired(entry, req, res);
  const clientId = String(interaction.params.client_id);
  if (interaction.prompt.name === "consent") {
    // First-party clients never ask for consent: grant what the client is allowed and asked for.
    const details = interaction.prompt.details as {
      missingOIDCScope?: string[]; missingOIDCClaims?: string[]; missingResourceScopes?: Record<string, string[]>;
    };
    const existing = interaction.grantId ? await entry.provider.Grant.find(interaction.grantId) : undefined;
    const grant = existing ?? new entry.provider.Grant({ accountId: interaction.session!.accountId, clientId });
    if (details.missingOIDCScope) grant.addOIDCScope(details.missingOIDCScope.join(" "));
    if (details.missingOIDCClaims) grant.addOIDCClaims(details.missingOIDCClaims);
    for (const [indicator, scopes] of Object.entries(details.missingResourceScopes ?? {})) grant.addResourceScope(indicator, scopes.join(" "));
    const grantId = await grant.save();
    return endInteraction(res, interaction, { consent: { grantId } }, { mergeWithLastSubmission: true });
  }
  const hint = typeof interaction.params.login_hint === "string" ? interaction.params.login_hint : undefined;
  const flow = await startFlow(rt, { uid, poolId: entry.pool.id, clientId, loginHint: hint });
  const page = pageOf(flow.state.step);
  setPageCookie(res, rt.secrets, { poolId: entry.pool.id, uid, secure: rt.env.publicUrl.startsWith("https://") });
  // An IdP-initiated SAML sign-in, already checked (saml-endpoints.ts), finishes here.
  const vouched = await takeIdpInitiatedProfile(rt, { poolId: entry.pool.id, clientId, cookieHeader: req.headers.cookie });
  if (vouched) return signInWithProfile(rt, entry, req, res, flow, vouched, false);
  // identity_provider= or idp_identifier= skips the page and goes straight to the provider.
  const providers = entry.pool.identityProviders.length ? clientProviders(entry.pool, await supportedProvidersOf(rt, { poolId: entry.pool.id, clientId })) : [];
  const requested = requestedProvider(providers, interaction.params);
  if (requested && "error" in requested) {
    return endInteraction(res, interaction, { error: "invalid_request", error_description: requested.error }, { mergeWithLastSubmission: false });
  }
  if (requested) return sendToProvider(rt, entry, res, flow, requested.idp, false);
  redirect(res, pageUrl(entry.provider.issuer, uid, page), 302);
}

/** POST /{pool}/interaction/{uid}/{page}: one form of the hosted UI. */
export async function submitInteractionForm(
  rt: Runtime, entry: ProviderEntry, req: IncomingMessage, res: ServerResponse, uid: string, page: Page,
) {
  const { pool, provider } = entry;
  const here = pageUrl(provider.issuer, uid, page);
  // The language server.ts chose for this request: the flash is worded in it, as the page after the redirect is.
  const locale = requestLocale(req.headers);
  const origin = req.headers.origin;
  if (origin && origin !== new URL(rt.env.publicUrl).origin) throw new HttpError(403, "Cross-site form submissions are not accepted.");
  if (!hasPageCookie(rt.secrets, { poolId: pool.id, uid, values: pageCookiesOf(req.headers.cookie, pool.id) })) return expired(entry, req, res);

  const form = await readForm(req);
  const interaction = await details(entry, req, res, uid);
  const flow = interaction ? await findFlow(rt, uid) : null;
  if (!interaction || !flow || flow.state.poolId !== pool.id) return expired(entry, req, res);
  if (!form.csrf || !constantTimeEqual(form.csrf, flow.csrf)) throw new HttpError(403, formWording("This form has expired. Reload the page and try again.", locale));
  // Signed in, one page left: the codes page's "Continue" finishes the interaction (the codes, kept
  // encrypted until then, go with the flow's row); the passkey offer adds one or not, then finishes.
  if (flow.signedIn) {
    if (page !== flow.signedIn.page) return redirect(res, pageUrl(provider.issuer, uid, flow.signedIn.page));
    if (flow.signedIn.page === "add-passkey") return submitPasskeyOffer(rt, entry, req, res, flow, form, interaction);
    return finishInteraction(rt, res, interaction, uid, flow.signedIn);
  }
  if (!pageAllowed(page, flow.state.step, !!flow.state.passwordless)) return redirect(res, pageUrl(provider.issuer, uid, pageOf(flow.state.step, !!flow.state.passwordless)));

  const { csrf: _csrf, ...fields } = form;
  // A sign-in button of an identity provider, or an email whose domain is a provider's identifier.
  // (A pool without providers skips this: every password sign-in posts here.)
  if (page === "login" && pool.identityProviders.length > 0 && (fields.provider || fields.login)) {
    const providers = clientProviders(pool, await supportedProvidersOf(rt, { poolId: pool.id, clientId: flow.state.clientId }));
    const idp = fields.provider
      ? providers.find((p) => p.name === fields.provider)
      // Not while proving an account for a link: that sign-in is the pool's own.
      : fields.login!.includes("@") && !flow.state.link ? providerByIdentifier(providers, fields.login!) : null;
    if (idp) return sendToProvider(rt, entry, res, flow, idp, true);
    if (fields.provider) return fail(rt, flow, here, res, page, {}, formWording("This sign-in option is not available for this application.", locale));
  }
  const parsed = FORM_SCHEMAS[page].safeParse(fields);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path[0] === undefined ? undefined : String(issue.path[0]);
    return fail(rt, flow, here, res, page, fields, formWording(issue.message, locale), field);
  }
  const call = engineCallOf(page, parsed.data as never, flow.state.step);
  if (call.kind === "invalid") return fail(rt, flow, here, res, page, fields, formWording(call.message, locale), call.field);
  if (call.kind === "finish") return redirect(res, pageUrl(provider.issuer, uid, pageOf(flow.state.step, !!flow.state.passwordless)));

  // Rate limits, lockout and the audit log are the engine's; the request says who is asking.
  const context = { ip: clientIp(req, rt.env.trustProxy), userAgent: req.headers["user-agent"] ?? null, locale };
  let outcome: Outcome;
  try {
    // Proving an account to link an IdP identity to it: the sign-in form answers the flow's
    // PASSWORD_VERIFIER, so the link waiting in the flow survives.
    // A remembered device's cookie goes with the password; the engine checks it (lib/devices).
    const parameters = call.kind === "start" && call.flow === "USER_PASSWORD_AUTH" ? { ...call.parameters, ...deviceCookieParameters(req.headers.cookie, pool.id) } : null;
    if (call.kind === "start" && call.flow === "USER_PASSWORD_AUTH" && flow.state.link && flow.state.step === "PASSWORD_VERIFIER") {
      outcome = await respond(rt, { pool, state: flow.state, name: "PASSWORD_VERIFIER", answers: parameters as { USERNAME: string; PASSWORD: string }, context });
    } else outcome = call.kind === "start"
      ? await start(rt, { pool, clientId: flow.state.clientId, flow: call.flow, parameters: parameters ?? call.parameters, context })
      : await respond(rt, { pool, state: flow.state, name: call.name, answers: call.answers, context });
  } catch (error) {
    if (!isAppError(error)) throw error;
    return fail(rt, flow, here, res, page, fields, errorWording(error, locale), error.field);
  }
  if (outcome.kind === "done") {
    // "Remember this device" after MFA: a device and its cookie (lib/devices/device-cookie.ts).
    await rememberHostedDevice(rt.db, { pool, outcome, form: fields, context, res, secure: rt.env.publicUrl.startsWith("https://") });
    // MFA enrolment: the new recovery codes are shown once before the sign-in finishes.
    if (outcome.recoveryCodes?.length) {
      flow.state = outcome.state;
      flow.flash = null;
      flow.signedIn = { page: "recovery-codes", userId: outcome.userId, amr: outcome.amr, recoveryCodesEnc: rt.secrets.encrypt(JSON.stringify(outcome.recoveryCodes)) };
      await saveFlow(rt, flow);
      return redirect(res, pageUrl(provider.issuer, uid, "recovery-codes"));
    }
    // Back to the app, or first the offer to add a passkey (passkeys.ts).
    return finishSignIn(rt, entry, res, interaction, flow, outcome);
  }
  flow.state = outcome.state;
  const notice = noticeWording(call.kind === "start" ? call.flow : call.name, outcome, locale);
  flow.flash = notice ? { kind: "notice", message: notice } : null;
  // The name a reset was asked for stays in the forms; back at the start, nothing is kept.
  if (call.kind === "start" && call.flow === "ForgotPassword") flow.values = { login: (parsed.data as { login: string }).login };
  else if (outcome.challengeName === "PASSWORD_VERIFIER") flow.values = {};
  await saveFlow(rt, flow);
  redirect(res, pageUrl(provider.issuer, uid, pageOf(outcome.challengeName, !!outcome.state.passwordless)));
}

async function fail(
  rt: Runtime, flow: HostedFlow, here: string, res: ServerResponse, page: Page, fields: Record<string, unknown>,
  message: string, field?: string,
) {
  flow.flash = { kind: "error", message, ...(field ? { field } : {}) };
  flow.values = keptValues(page, fields);
  await saveFlow(rt, flow);
  redirect(res, here);
}
