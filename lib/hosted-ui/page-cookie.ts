// The pages of one sign-in open only in the browser that started it. Knowing the URL
// (/{pool}/interaction/{uid}/…) must not show the flow's TOTP secret, CSRF token or the user's
// address. oidc-provider's own interaction cookie proves the browser to the Node layer
// (interactionDetails), but the pages are Next.js's, which cannot see the provider: so when the
// browser arrives at the interaction (startInteraction), it also gets this cookie, an HMAC of the
// uid, scoped to the interaction's path like the provider's; every page and form checks it.
import { createHmac } from "node:crypto";
import type { ServerResponse } from "node:http";
import { constantTimeEqual, type Secrets } from "../security/secrets.ts";
import { appendCookie, cookieValues } from "../http/cookies.ts";

// An interaction's lifetime (ttl.Interaction in lib/oidc/provider.ts).
const MAX_AGE_SECONDS = 3600;

export function pageCookieName(poolId: string): string {
  return `gh_pages_${poolId}`;
}

function pageCookieValue(secrets: Secrets, poolId: string, uid: string): string {
  return createHmac("sha256", secrets.derive("hosted-page-cookie/v1")).update(`${poolId}/${uid}`).digest("base64url");
}

/** Whether one of the values sent under the pool's page-cookie name belongs to this interaction. */
export function hasPageCookie(secrets: Secrets, options: { poolId: string; uid: string; values: readonly string[] }): boolean {
  const expected = pageCookieValue(secrets, options.poolId, options.uid);
  // Every value is compared, so the time taken does not depend on which one matched.
  return options.values.reduce((found, value) => constantTimeEqual(value, expected) || found, false);
}

/** The values of the pool's page cookie in a Cookie header. */
export function pageCookiesOf(cookieHeader: string | undefined, poolId: string): string[] {
  return cookieValues(cookieHeader, pageCookieName(poolId));
}

export function setPageCookie(res: ServerResponse, secrets: Secrets, options: { poolId: string; uid: string; secure: boolean }) {
  appendCookie(res, {
    name: pageCookieName(options.poolId), value: pageCookieValue(secrets, options.poolId, options.uid),
    path: `/${options.poolId}/interaction/${options.uid}`, maxAgeSeconds: MAX_AGE_SECONDS, secure: options.secure,
  });
}
