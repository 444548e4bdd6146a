// The options the account page's "Add a passkey" button asks for (navigator.credentials.create()),
// as JSON: under the same checks as the page's forms (a live session, its CSRF token, a browser's
// Origin PUBLIC_URL's). The challenge stays on the server for the form that posts the answer
// (passkey-add, security-actions.ts).
import type { PublicKeyCredentialCreationOptionsJSON } from "@simplewebauthn/server";
import { isAppError } from "../errors.ts";
import { translatorFor } from "../i18n/catalogue.ts";
import { DEFAULT_LOCALE, type Locale } from "../i18n/locales.ts";
import { accountErrorWording } from "./account-wording.ts";
import { startPasskeyRegistration } from "../passkeys/index.ts";
import type { Runtime } from "../runtime.ts";
import { recordAudit } from "../audit/audit.ts";
import { ACCOUNT_CLIENT_ID } from "./account-client.ts";
import { csrfMatches, loadAccountSession } from "./session.ts";

export type PasskeyOptionsAnswer = { status: 200; body: { options: PublicKeyCredentialCreationOptionsJSON } } | { status: 400 | 401 | 403 | 404; body: { message: string } };

export async function passkeyRegistrationOptions(
  rt: Runtime, request: { poolId: string; csrf: string | undefined; sessionCookie: string | undefined; origin: string | null; ip: string; userAgent: string | null; /** The page's language, for the refusals the page shows. */ locale?: Locale },
): Promise<PasskeyOptionsAnswer> {
  const t = translatorFor(request.locale ?? DEFAULT_LOCALE, "account");
  const entry = await rt.providers.get(request.poolId);
  if (!entry) return { status: 404, body: { message: "Not found." } };
  if (request.origin && request.origin !== new URL(rt.env.publicUrl).origin) return { status: 403, body: { message: "This request came from another site." } };
  const session = await loadAccountSession(rt, { poolId: request.poolId, cookie: request.sessionCookie });
  if (!session) return { status: 401, body: { message: t("errors.signedOutReload") } };
  if (!csrfMatches(session, request.csrf)) return { status: 403, body: { message: t("errors.pageExpired") } };
  try {
    const options = await startPasskeyRegistration({ db: rt.db, env: rt.env, log: rt.log }, { pool: entry.pool, user: session.user, clientId: ACCOUNT_CLIENT_ID });
    const { user } = session;
    await recordAudit(rt.db, {
      poolId: entry.pool.id, type: "user.StartWebAuthnRegistration", actorType: "user", actor: user.email ?? user.username, target: user.username,
      ip: request.ip, userAgent: request.userAgent, details: { sub: user.id, clientId: ACCOUNT_CLIENT_ID, via: "account-page" },
    }, rt.log);
    return { status: 200, body: { options } };
  } catch (error) {
    if (!isAppError(error)) throw error;
    return { status: 400, body: { message: accountErrorWording(error, request.locale) } };
  }
}
