// The Node-level half of the hosted UI: starting a sign-in for an oidc-provider interaction, and
// taking each form post (CSRF check, rate limit, zod, one step of lib/auth-flow, then a redirect
// to the next page or the end of the interaction). The pages themselves are Next.js (app/).
import type { IncomingMessage, ServerResponse } from "node:http";
import { recordAudit } from "../audit/audit.ts";
import { isAppError } from "../errors.ts";
import type { ProviderEntry } from "../oidc/registry.ts";
import type { Runtime } from "../runtime.ts";
import { advanceFlow, FORM_SCHEMAS, keptValues } from "../auth-flow/advance.ts";
import { deleteFlow, findFlow, saveFlow, startFlow, type Flow } from "../auth-flow/flow.ts";
import { PAGE_OF_STEP, pageAllowed, type Page } from "../auth-flow/steps.ts";
import { RATE_RULES } from "../security/rate-limit.ts";
import { constantTimeEqual } from "../security/secrets.ts";
import { clientIp, HttpError, readForm, redirect, sendHtml } from "./http.ts";
import { hasPageCookie, pageCookiesOf, setPageCookie } from "./page-cookie.ts";
import { renderProviderError } from "./protocol-pages.ts";

// Which failures the audit log records: wrong passwords and codes, and lockouts, at sign-in steps.
const SIGN_IN_FAILURES = new Set(["NotAuthorizedException", "CodeMismatchException", "EnableSoftwareTokenMFAException", "TooManyFailedAttemptsException", "ExpiredCodeException"]);
const AUDITED_PAGES = new Set<string>(["login", "mfa", "mfa-setup", "new-password"]);

export function pageUrl(issuer: string, uid: string, page: Page) {
  return `${issuer}/interaction/${uid}/${page}`;
}

async function details(entry: ProviderEntry, req: IncomingMessage, res: ServerResponse, uid: string) {
  try {
    const found = await entry.provider.interactionDetails(req, res);
    return found.uid === uid ? found : null;
  } catch {
    return null;
  }
}

function expired(entry: ProviderEntry, res: ServerResponse) {
  sendHtml(res, 400, renderProviderError({
    pool: entry.pool,
    out: { error: "session_not_found", error_description: "This sign-in page has expired. Go back to the application and start again." },
  }));
}

/** GET /{pool}/interaction/{uid}: where oidc-provider sends the browser to sign in. */
export async function startInteraction(rt: Runtime, entry: ProviderEntry, req: IncomingMessage, res: ServerResponse, uid: string) {
  const interaction = await details(entry, req, res, uid);
  if (!interaction) return expired(entry, res);
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
    return entry.provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
  }
  const hint = typeof interaction.params.login_hint === "string" ? interaction.params.login_hint : undefined;
  const flow = await startFlow(rt.db, { uid, poolId: entry.pool.id, clientId, loginHint: hint });
  const page = flow.step === "DONE" ? "login" : PAGE_OF_STEP[flow.step];
  setPageCookie(res, rt.secrets, { poolId: entry.pool.id, uid, secure: rt.env.publicUrl.startsWith("https://") });
  redirect(res, pageUrl(entry.provider.issuer, uid, page), 302);
}

/** POST /{pool}/interaction/{uid}/{page}: one form of the hosted UI. */
export async function submitInteractionForm(
  rt: Runtime, entry: ProviderEntry, req: IncomingMessage, res: ServerResponse, uid: string, page: Page,
) {
  const { pool, provider } = entry;
  const here = pageUrl(provider.issuer, uid, page);
  const origin = req.headers.origin;
  if (origin && origin !== new URL(rt.env.publicUrl).origin) throw new HttpError(403, "Cross-site form submissions are not accepted.");
  if (!hasPageCookie(rt.secrets, { poolId: pool.id, uid, values: pageCookiesOf(req.headers.cookie, pool.id) })) return expired(entry, res);

  const form = await readForm(req);
  const interaction = await details(entry, req, res, uid);
  const flow = interaction ? await findFlow(rt.db, uid) : null;
  if (!interaction || !flow || flow.poolId !== pool.id) return expired(entry, res);
  if (!form.csrf || !constantTimeEqual(form.csrf, flow.csrf)) throw new HttpError(403, "This form has expired. Reload the page and try again.");
  if (!pageAllowed(page, flow.step)) return redirect(res, pageUrl(provider.issuer, uid, flow.step === "DONE" ? "login" : PAGE_OF_STEP[flow.step]));

  const rule = page === "signup" ? RATE_RULES.signUpPerIp : page === "login" ? RATE_RULES.signInPerIp : RATE_RULES.codePerIp;
  const limit = Math.round(rule.limit * rt.env.rateLimitFactor);
  const hit = await rt.counters.hit(`${rule.name}:${pool.id}:${clientIp(req, rt.env.trustProxy)}`, rule.windowSeconds);
  if (hit.count > limit) {
    return fail(rt, flow, here, res, page, form, `Too many attempts from your network. Try again in ${hit.resetInSeconds} seconds.`);
  }

  const { csrf: _csrf, ...fields } = form;
  const parsed = FORM_SCHEMAS[page].safeParse(fields);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path[0] === undefined ? undefined : String(issue.path[0]);
    return fail(rt, flow, here, res, page, fields, issue.message, field);
  }
  // The audit log names the user as an admin would search for them (email, else username), with
  // the sub in the details; a failed login for an unknown name records what was typed.
  const audit = async (type: string, details: Record<string, unknown>) => {
    const user = flow.userId ? await rt.db.user.findUnique({ where: { id: flow.userId }, select: { email: true, username: true } }) : null;
    const typed = typeof fields.login === "string" ? fields.login.slice(0, 256) : null;
    await recordAudit(rt.db, {
      poolId: pool.id, type, actorType: "user", actor: user?.email ?? user?.username ?? typed,
      target: flow.clientId, ip: clientIp(req, rt.env.trustProxy), userAgent: req.headers["user-agent"] ?? null,
      details: { ...details, ...(flow.userId ? { sub: flow.userId } : {}) },
    }, rt.log);
  };
  try {
    await advanceFlow(rt, pool, flow, page, parsed.data as never);
  } catch (error) {
    if (!isAppError(error)) throw error;
    if (SIGN_IN_FAILURES.has(error.code) && AUDITED_PAGES.has(page)) {
      await audit(error.code === "TooManyFailedAttemptsException" ? "UserLockedOut" : "SignInFailed", { step: page, reason: error.code });
    }
    return fail(rt, flow, here, res, page, fields, error.message, error.field);
  }
  if (flow.step === "DONE") {
    await audit("SignIn", { amr: flow.data.amr ?? ["pwd"] });
    await deleteFlow(rt.db, uid);
    const result = { login: { accountId: flow.userId!, amr: flow.data.amr ?? ["pwd"], remember: true } };
    return provider.interactionFinished(req, res, result, { mergeWithLastSubmission: false });
  }
  await saveFlow(rt.db, flow);
  redirect(res, pageUrl(provider.issuer, uid, PAGE_OF_STEP[flow.step]));
}

async function fail(
  rt: Runtime, flow: Flow, here: string, res: ServerResponse, page: Page, fields: Record<string, unknown>,
  message: string, field?: string,
) {
  flow.data = { ...flow.data, flash: { kind: "error", message, ...(field ? { field } : {}) }, values: keptValues(page, fields) };
  await saveFlow(rt.db, flow);
  redirect(res, here);
}
