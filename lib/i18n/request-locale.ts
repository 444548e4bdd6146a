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

const DEFERRED = Symbol("gatehouse.deferredLocale");
type Deferred = IncomingMessage & { [DEFERRED]?: (poolDefault: string | null | undefined) => Locale };

/**
 * For a pool's machine endpoints (token, revocation, keys, discovery, userInfo), which answer JSON:
 * the language is resolved, as for any of the pool's requests, only if a page is rendered after
 * all (oidc-provider renders its error page for a caller that accepts HTML); see requestLocaleOf.
 */
export function deferRequestLocale(req: IncomingMessage, res: ServerResponse, options: { poolId: string; secure: boolean }): void {
  delete req.headers[LOCALE_HEADER];
  (req as Deferred)[DEFERRED] = (poolDefault) => resolveRequestLocale(req, res, { ...options, poolDefault });
}

/** The request's locale, resolved now if server.ts deferred it (deferRequestLocale). */
export function requestLocaleOf(req: IncomingMessage, poolDefault: string | null | undefined): Locale {
  const deferred = (req as Deferred)[DEFERRED];
  if (!deferred) return requestLocale(req.headers);
  delete (req as Deferred)[DEFERRED];
  return deferred(poolDefault);
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
