// Signing in to the account page: the authorization code flow with PKCE against the pool's own
// issuer, as the console signs in to the system pool, with the pool's built-in account client.
// The browser goes to the public authorize URL; the code is redeemed over the loopback address.
// The session then names the grant of this sign-in (the access token's origin_jti), which ends
// with every way the user's sessions end (session.ts).
import { createHash } from "node:crypto";
import { decodeJwt, jwtVerify } from "jose";
import { z } from "zod";
import type { Runtime } from "../runtime.ts";
import { randomToken } from "../security/secrets.ts";
import { ACCOUNT_CLIENT_ID, accountClientSecret, accountPath, accountUrls } from "./account-client.ts";
import { clearCookie, openCookie, sealCookie, type CookieOut } from "./sealed-cookie.ts";
import { secureCookies, sessionCookie } from "./session.ts";

const SIGN_IN_SECONDS = 15 * 60;
const Pending = z.object({ state: z.string(), nonce: z.string(), verifier: z.string() });

export type SignInStep = { redirect: string; cookies: CookieOut[] };

/** Sends the browser to the pool's hosted sign-in; null for a pool that does not exist. */
export async function startAccountSignIn(rt: Runtime, options: { poolId: string }): Promise<SignInStep | null> {
  const entry = await rt.providers.get(options.poolId);
  if (!entry) return null;
  const pending = { state: randomToken(), nonce: randomToken(), verifier: randomToken(48) };
  const params = new URLSearchParams({
    client_id: ACCOUNT_CLIENT_ID,
    response_type: "code",
    scope: "openid",
    redirect_uri: accountUrls(rt.env.publicUrl, options.poolId).callback,
    state: pending.state,
    nonce: pending.nonce,
    code_challenge: createHash("sha256").update(pending.verifier).digest("base64url"),
    code_challenge_method: "S256",
  });
  return {
    redirect: `${entry.provider.issuer}/oauth2/authorize?${params}`,
    cookies: [sealCookie(rt.secrets, { kind: "sign-in", poolId: options.poolId, data: pending, maxAge: SIGN_IN_SECONDS, secure: secureCookies(rt) })],
  };
}

export const CallbackQuery = z.object({ code: z.string().max(512).optional(), state: z.string().max(512).optional(), error: z.string().max(256).optional() });

/**
 * Redeems the code the pool's hosted UI sent back, for the browser that started the sign-in (its
 * state cookie) and with its PKCE verifier; the ID token must be the pool's, for this client and
 * this sign-in's nonce. Any failure sends the browser to the signed-out page, which offers a new sign-in.
 */
export async function finishAccountSignIn(
  rt: Runtime, options: { poolId: string; query: z.infer<typeof CallbackQuery>; pendingCookie: string | undefined },
): Promise<SignInStep> {
  const urls = accountUrls(rt.env.publicUrl, options.poolId);
  const secure = secureCookies(rt);
  const done = (redirect: string, cookies: CookieOut[] = []): SignInStep => ({ redirect, cookies: [clearCookie({ kind: "sign-in", poolId: options.poolId, secure }), ...cookies] });
  const failed = () => done(`${accountPath(options.poolId)}/signed-out?reason=failed`);
  const pending = openCookie(rt.secrets, { kind: "sign-in", poolId: options.poolId, value: options.pendingCookie, schema: Pending });
  const entry = await rt.providers.get(options.poolId);
  if (!entry || !pending || !options.query.code || options.query.state !== pending.state) return failed();

  const response = await fetch(`${rt.internalUrl}/${options.poolId}/oauth2/token`, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      authorization: `Basic ${Buffer.from(`${encodeURIComponent(ACCOUNT_CLIENT_ID)}:${encodeURIComponent(accountClientSecret(rt.secrets, options.poolId))}`).toString("base64")}`,
    },
    body: new URLSearchParams({ grant_type: "authorization_code", code: options.query.code, redirect_uri: urls.callback, code_verifier: pending.verifier }),
  }).catch(() => null);
  if (!response?.ok) {
    rt.log(`account sign-in to ${options.poolId}: the token endpoint answered ${response?.status ?? "nothing"}`);
    return failed();
  }
  const tokens = z.object({ id_token: z.string(), access_token: z.string() }).safeParse(await response.json().catch(() => null));
  if (!tokens.success) return failed();
  try {
    const { payload } = await jwtVerify(tokens.data.id_token, entry.verificationKeys, { issuer: entry.provider.issuer, audience: ACCOUNT_CLIENT_ID });
    // The access token came over the back channel with the verified ID token: read, not verified.
    const grantId = decodeJwt(tokens.data.access_token).origin_jti;
    if (payload.nonce !== pending.nonce || typeof payload.sub !== "string" || typeof grantId !== "string" || !grantId) return failed();
    const authTime = typeof payload.auth_time === "number" ? payload.auth_time : Math.floor(Date.now() / 1000);
    return done(accountPath(options.poolId), [sessionCookie(rt, options.poolId, { sub: payload.sub, grantId, csrf: randomToken(), authTime })]);
  } catch (error) {
    rt.log(`account sign-in to ${options.poolId}: ${(error as Error).message}`);
    return failed();
  }
}
