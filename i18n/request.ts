// next-intl's request configuration: the language server.ts chose for this request
// (lib/i18n/request-locale.ts) and its catalogue. Outside a pool's pages this is English, unless the
// page itself set one (setRequestLocale: the branding editor's preview of a language).
import { headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { messagesFor } from "@/lib/i18n/catalogue.ts";
import { isLocale } from "@/lib/i18n/locales.ts";
import { requestLocale } from "@/lib/i18n/request-locale.ts";

export default getRequestConfig(async ({ requestLocale: set }) => {
  const chosen = await set;
  const locale = isLocale(chosen) ? chosen : requestLocale(await headers());
  return { locale, messages: messagesFor(locale) };
});
