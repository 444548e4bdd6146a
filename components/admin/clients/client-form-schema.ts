// The app client form's schema: ClientSchema's fields (lib/pools/config-schema.ts) behind the
// form's controls (text in, lists and seconds out) and its rules between settings (clientIssues),
// said in the console's words. The API checks the same rules again on the body.
import { z } from "zod";
import { ClientSchema, RedirectUrlSchema, TOKEN_LIFETIMES, clientIssues, type TokenLifetime } from "@/lib/pools/config-schema.ts";
import type { FieldMessages } from "@/components/admin/forms/use-api-form.ts";
import { LIFETIME_UNITS, humanDuration, lines, numberFormat, toSeconds, toUnit, type Values } from "./client-form-model.ts";

/** Why a URL that RedirectUrlSchema refuses is refused, in words that say what to change. */
function urlProblem(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return "is not an absolute URL";
  }
  if (url.hash) return "must not contain a # fragment";
  return "must use https (http is allowed only for localhost)";
}

/** One URL per line → the list ClientSchema checks; the first bad line is named. */
const urlList = (field: "callbackUrls" | "logoutUrls") =>
  z
    .string()
    .transform(lines)
    .superRefine((list, ctx) => {
      if (list.length > 100) return;
      const index = list.findIndex((url) => !RedirectUrlSchema.safeParse(url).success);
      if (index >= 0) ctx.addIssue({ code: "custom", message: `Line ${index + 1}: ${list[index]} ${urlProblem(list[index]!)}.` });
    })
    .pipe(ClientSchema.shape[field].unwrap());

/** The range a lifetime may take, in its unit ("5 to 1,440 minutes"). */
export function lifetimeRange(key: TokenLifetime): { min: string; max: string } {
  const { unit } = LIFETIME_UNITS[key];
  const { min, max } = TOKEN_LIFETIMES[key];
  return { min: toUnit(min, unit), max: numberFormat.format(Number(toUnit(max, unit))) };
}

/** The hint under a lifetime input. */
export function lifetimeHint(key: TokenLifetime): string {
  const { min, max } = lifetimeRange(key);
  return LIFETIME_UNITS[key].unit === 60
    ? `${min} to ${max} minutes (24 hours).`
    : `${humanDuration(TOKEN_LIFETIMES[key].min)} (${min} days) to ${max} days (10 years); decimals allowed.`;
}

function lifetimeMessages(key: TokenLifetime): Record<string, string> {
  const { min, max } = lifetimeRange(key);
  const range = LIFETIME_UNITS[key].unit === 60 ? `${min} to ${max} minutes` : `${min} days (1 hour) to ${max} days`;
  return { custom: `Enter a number of ${LIFETIME_UNITS[key].unitName}.`, too_small: `Enter ${range}.`, too_big: `Enter ${range}.` };
}

/** The console's words for the failures of ClientSchema's own checks. */
export const CLIENT_FORM_MESSAGES: FieldMessages = {
  name: { too_small: "Enter a name.", too_big: "Use at most 128 characters." },
  callbackUrls: { too_big: "Enter at most 100 URLs." },
  logoutUrls: { too_big: "Enter at most 100 URLs." },
  accessTokenValidity: lifetimeMessages("accessTokenValidity"),
  idTokenValidity: lifetimeMessages("idTokenValidity"),
  refreshTokenValidity: lifetimeMessages("refreshTokenValidity"),
};

/** The lifetime the stored client has, while its input still shows it (it may not be a whole number of units). */
export type StoredLifetimes = { text: Pick<Values, TokenLifetime>; seconds: Record<TokenLifetime, number> };

/** Seconds for a lifetime's text: the stored value while the text is unchanged, else the text in the field's unit. */
export function secondsOf(key: TokenLifetime, text: string, stored: StoredLifetimes | undefined): number | null {
  if (stored && text === stored.text[key]) return stored.seconds[key];
  return toSeconds(text, LIFETIME_UNITS[key].unit);
}

const lifetime = (key: TokenLifetime, stored: StoredLifetimes | undefined) =>
  z
    .string()
    .transform((text, ctx) => {
      const seconds = secondsOf(key, text, stored);
      if (seconds !== null) return seconds;
      ctx.addIssue({ code: "custom", message: `Enter a number of ${LIFETIME_UNITS[key].unitName}.` });
      return z.NEVER;
    })
    .pipe(ClientSchema.shape[key].unwrap());

/** The form's schema; `hasSecret` is the client's own when editing (the type cannot change). */
export function clientFormSchema({ creating, hasSecret, stored }: { creating: boolean; hasSecret: boolean; stored?: StoredLifetimes }) {
  return z
    .object({
      name: z.string().trim().pipe(ClientSchema.shape.name),
      clientType: z.enum(["public", "confidential"]),
      allowedOAuthFlows: ClientSchema.shape.allowedOAuthFlows.unwrap(),
      callbackUrls: urlList("callbackUrls"),
      logoutUrls: urlList("logoutUrls"),
      supportedIdentityProviders: ClientSchema.shape.supportedIdentityProviders.unwrap(),
      preventUserExistenceErrors: z.boolean().transform((on) => (on ? "ENABLED" : "LEGACY")),
      explicitAuthFlows: ClientSchema.shape.explicitAuthFlows.unwrap(),
      allowedScopes: ClientSchema.shape.allowedScopes.unwrap(),
      accessTokenValidity: lifetime("accessTokenValidity", stored),
      idTokenValidity: lifetime("idTokenValidity", stored),
      refreshTokenValidity: lifetime("refreshTokenValidity", stored),
      refreshTokenRotation: z.boolean(),
    })
    .superRefine((values, ctx) => {
      // The rules between settings, as the API has them (scopes are checked there, against the pool's).
      const secret = creating ? values.clientType === "confidential" : hasSecret;
      const callbacks = Array.isArray(values.callbackUrls) ? values.callbackUrls : [];
      const issues = clientIssues({ ...values, callbackUrls: callbacks, allowedScopes: [] }, new Set(), secret).map((issue) => String(issue.path[0]));
      if (issues.includes("allowedOAuthFlows")) {
        ctx.addIssue({ code: "custom", path: ["allowedOAuthFlows"], message: "Client credentials cannot be combined with authorization code or implicit. Create a separate client for each." });
      } else if (issues.includes("clientSecret")) {
        if (creating) ctx.addIssue({ code: "custom", path: ["clientType"], message: "Client credentials needs a client secret: choose Confidential." });
        else ctx.addIssue({ code: "custom", path: ["allowedOAuthFlows"], message: "Client credentials needs a client secret, and this public client has none. Create a confidential client for it." });
      }
      // Only when the URLs themselves are fine (their own check names the bad line).
      const urlsChecked = Array.isArray(values.callbackUrls);
      if (urlsChecked && issues.includes("callbackUrls")) ctx.addIssue({ code: "custom", path: ["callbackUrls"], message: "Authorization code and implicit need at least one callback URL." });
    }, { when: () => true });
}
