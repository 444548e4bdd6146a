// The language of a request under a pool (hosted pages, their form posts, the account page): an
// explicit `lang=` or `ui_locales=` on the URL (remembered in a cookie for the pool's paths, so the
// pages after /oauth2/authorize?lang=de stay German), then that cookie, then Accept-Language, then
// the pool's defaultLanguage. server.ts resolves it once and passes it on in LOCALE_HEADER, which
// Next.js (i18n/request.ts) and the Node-level handlers both read; a client's own value is replaced.
import type { IncomingMessage, ServerResponse } from "node:http";
import { appendCookie, cookieValues } from "../http/cookies.ts";
import { DEFAULT_LOCALE, isLocale, matchRequested, negotiateLocale, type Locale } from "./locales.ts";

export const LOCALE_HEADER = "x-gatehouse-locale";
export const LANGUAGE_COOKIE = "gatehouse-lang";
/** A year: a language chosen is a preference, like Cognito's managed login remembers it. */
const COOKIE_SECONDS = 365 * 24 * 3600;

export function resolveRequestLocale(
  req: IncomingMessage, res: ServerResponse,
  options: { poolId: string; poolDefault: string | null | undefined; secure: boolean },
): Locale {
  const url = new URL(req.url ?? "/", "http://internal");
  const asked = url.searchParams.get("lang") ?? url.searchParams.get("ui_locales");
  const explicit = matchRequested(asked);
  if (explicit) {
    appendCookie(res, { name: LANGUAGE_COOKIE, value: explicit, path: `/${options.poolId}`, maxAgeSeconds: COOKIE_SECONDS, secure: options.secure });
    return setHeader(req, explicit);
  }
  const remembered = cookieValues(req.headers.cookie, LANGUAGE_COOKIE).find(isLocale);
  const accept = req.headers["accept-language"];
  return setHeader(req, negotiateLocale({ requested: remembered ?? null, acceptLanguage: typeof accept === "string" ? accept : null, poolDefault: options.poolDefault }));
}

/** For requests outside any pool (the console, the demo): English, whatever a client sent. */
export function clearRequestLocale(req: IncomingMessage): void {
  delete req.headers[LOCALE_HEADER];
}

/** The locale server.ts resolved for this request (DEFAULT_LOCALE outside pools). */
export function requestLocale(headers: { get(name: string): string | null } | IncomingMessage["headers"]): Locale {
  const value = typeof (headers as { get?: unknown }).get === "function"
    ? (headers as { get(name: string): string | null }).get(LOCALE_HEADER)
    : (headers as IncomingMessage["headers"])[LOCALE_HEADER];
  return isLocale(value) ? value : DEFAULT_LOCALE;
}

function setHeader(req: IncomingMessage, locale: Locale): Locale {
  req.headers[LOCALE_HEADER] = locale;
  return locale;
}
