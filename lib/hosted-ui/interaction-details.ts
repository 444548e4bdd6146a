// An oidc-provider interaction as the hosted UI's Node layer handles it: its page URLs, loading it
// for this request, finishing it on the copy already loaded, and the page for one that expired.
// Shared by the form posts (interaction.ts) and the passkey endpoints (passkeys.ts).
import type { IncomingMessage, ServerResponse } from "node:http";
import type { InteractionResults } from "oidc-provider";
import { requestLocale } from "../i18n/request-locale.ts";
import { translatorFor } from "../i18n/catalogue.ts";
import type { ProviderEntry } from "../oidc/registry.ts";
import type { Page } from "./pages.ts";
import { sendHtml } from "./http.ts";
import { renderProviderError } from "./protocol-pages.ts";

export function pageUrl(issuer: string, uid: string, page: Page) {
  return `${issuer}/interaction/${uid}/${page}`;
}

export async function details(entry: ProviderEntry, req: IncomingMessage, res: ServerResponse, uid: string) {
  try {
    const found = await entry.provider.interactionDetails(req, res);
    return found.uid === uid ? found : null;
  } catch {
    return null;
  }
}

export type LoadedInteraction = NonNullable<Awaited<ReturnType<typeof details>>>;

/**
 * oidc-provider's interactionFinished for an interaction this request has loaded already (details):
 * the result saved on it for its remaining lifetime, and the browser sent back to the authorization
 * endpoint (303), without reading the interaction a second time.
 */
export async function endInteraction(res: ServerResponse, interaction: LoadedInteraction, result: InteractionResults, options: { mergeWithLastSubmission: boolean }) {
  interaction.result = options.mergeWithLastSubmission && !("error" in result) ? { ...interaction.lastSubmission, ...result } : result;
  await interaction.save(interaction.exp - Math.floor(Date.now() / 1000));
  res.statusCode = 303;
  res.setHeader("Location", interaction.returnTo);
  res.setHeader("Content-Length", "0");
  res.end();
}

export function expired(entry: ProviderEntry, req: IncomingMessage, res: ServerResponse) {
  const locale = requestLocale(req.headers);
  sendHtml(res, 400, renderProviderError({
    pool: entry.pool,
    locale,
    out: { error: "session_not_found", error_description: translatorFor(locale, "protocol")("pageExpired") },
  }));
}
