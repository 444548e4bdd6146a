// A form posted on the account page: the session must be live and the form's CSRF token the
// session's (and a browser's Origin, when sent, PUBLIC_URL's); then the action runs
// (account-actions.ts) and the browser goes back to the page with its message. Signing out ends
// the page's grant and the pool's session (RP-initiated logout).
import type { Locale } from "../i18n/locales.ts";
import { AppError, isAppError } from "../errors.ts";
import type { Runtime } from "../runtime.ts";
import { ACCOUNT_ACTIONS, isAccountAction, type ActionContext, type ActionResult } from "./account-actions.ts";
import { ACCOUNT_CLIENT_ID, accountPath, accountUrls } from "./account-client.ts";
import { accountErrorWording } from "./account-wording.ts";
import { flashCookie, type Section } from "./flash.ts";
import type { CookieOut } from "./sealed-cookie.ts";
import { clearSessionCookie, csrfMatches, endAccountGrant, loadAccountSession } from "./session.ts";

export type FormAnswer =
  | { kind: "redirect"; to: string; cookies: CookieOut[] }
  | { kind: "refused"; status: 403 | 404; message: string };

export type FormRequest = {
  poolId: string;
  action: string;
  form: Record<string, string>;
  sessionCookie: string | undefined;
  origin: string | null;
  ip: string;
  userAgent: string | null;
  /** The page's language (lib/i18n/request-locale.ts): the notices' and the codes' it sends. */
  locale: Locale;
};

/** Fields never sent back to fill a form again. */
const SECRET_FIELD = /password|code|csrf|^credential$/;

export async function submitAccountForm(rt: Runtime, request: FormRequest): Promise<FormAnswer> {
  const { poolId } = request;
  const entry = await rt.providers.get(poolId);
  if (!entry || (request.action !== "sign-out" && !isAccountAction(request.action))) return { kind: "refused", status: 404, message: "Not found." };
  if (request.origin && request.origin !== new URL(rt.env.publicUrl).origin) return { kind: "refused", status: 403, message: "This form came from another site." };
  const session = await loadAccountSession(rt, { poolId, cookie: request.sessionCookie });
  // Signed out meanwhile (here or anywhere): the page asks to sign in again.
  if (!session) return { kind: "redirect", to: accountPath(poolId), cookies: [clearSessionCookie(rt, poolId)] };
  if (!csrfMatches(session, request.form.csrf)) return { kind: "refused", status: 403, message: "This form has expired. Go back, reload the page and try again." };

  if (request.action === "sign-out") {
    await endAccountGrant(rt.db, { poolId, grantId: session.grantId });
    const params = new URLSearchParams({ client_id: ACCOUNT_CLIENT_ID, post_logout_redirect_uri: accountUrls(rt.env.publicUrl, poolId).signedOut });
    return { kind: "redirect", to: `${entry.provider.issuer}/logout?${params}`, cookies: [clearSessionCookie(rt, poolId)] };
  }

  const action = ACCOUNT_ACTIONS[request.action];
  const ctx: ActionContext = { rt, pool: entry.pool, session, sessionCookie: request.sessionCookie, ip: request.ip, userAgent: request.userAgent, locale: request.locale };
  const back = (section: Section, flash: Parameters<typeof flashCookie>[2]) => {
    const { id, cookie } = flashCookie(rt, poolId, flash);
    // To the section; but where a field takes focus, no fragment: browsers skip autofocus on a
    // page opened at one (and focusing the field brings it into view).
    const fragment = flash.kind === "error" && flash.field ? "" : `#${section}`;
    return { kind: "redirect" as const, to: `${accountPath(poolId)}?m=${id}${fragment}`, cookies: [cookie] };
  };
  const { csrf: _csrf, ...fields } = request.form;
  try {
    const parsed = action.schema.safeParse(fields);
    if (!parsed.success) throw new AppError("InvalidParameterException", "Something in this form is not right. Check it and try again.");
    const result = await (action.run as (ctx: ActionContext, form: unknown) => Promise<ActionResult>)(ctx, parsed.data);
    if ("ended" in result) return { kind: "redirect", to: `${accountPath(poolId)}/signed-out?reason=${result.ended}`, cookies: [clearSessionCookie(rt, poolId)] };
    return back(action.section, { section: action.section, action: request.action, kind: "notice", message: result.notice, ...(result.codes ? { codes: result.codes } : {}) });
  } catch (error) {
    if (!isAppError(error)) throw error;
    // What was typed, to fill the form again: within a budget, so the cookie stays small.
    let budget = 1500;
    const values = Object.fromEntries(Object.entries(fields).filter(([name, value]) => !SECRET_FIELD.test(name) && (budget -= name.length + value.length) >= 0));
    return back(action.section, {
      section: action.section, action: request.action, kind: "error", message: accountErrorWording(error, request.locale),
      ...(error.field ? { field: error.field } : {}), values,
    });
  }
}
