// The language of a message sent to a user (a code, an invitation, a notice): the user's own
// `locale` attribute (OIDC's standard claim) when it names a supported language, else the language
// of the page whose request caused the message (hosted pages, account page: the request's locale),
// else the pool's defaultLanguage. Cognito API calls have no page, so they go from the user's locale
// straight to the pool's. Every message is rendered in the language this one function chooses.
import type { Pool } from "../pools/pool.ts";
import { matchLocale, type Locale } from "./locales.ts";

export function messageLocale(options: {
  user: { attributes: unknown } | null;
  requestLocale?: Locale | null | undefined;
  pool: Pick<Pool, "defaultLanguage">;
}): Locale {
  const own = options.user ? (options.user.attributes as Record<string, unknown> | null)?.locale : undefined;
  return matchLocale(typeof own === "string" ? own : null) ?? options.requestLocale ?? options.pool.defaultLanguage;
}
