// next-intl's request configuration: the language server.ts chose for this request
// (lib/i18n/request-locale.ts) and its catalogue. Outside a pool's pages this is English.
import { headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { messagesFor } from "@/lib/i18n/catalogue.ts";
import { requestLocale } from "@/lib/i18n/request-locale.ts";

export default getRequestConfig(async () => {
  const locale = requestLocale(await headers());
  return { locale, messages: messagesFor(locale) };
});
