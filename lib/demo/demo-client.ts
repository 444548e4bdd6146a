// The built-in demo app: a relying party of the demo pool, so that a first start has a link that
// signs in and shows what an application receives. Authorization code + PKCE, like a real app.
import { createHash, randomBytes } from "node:crypto";
import { decodeJwt } from "jose";
import { DEMO_CLIENT_ID, DEMO_POOL_ID } from "../config/demo.ts";
import type { Runtime } from "../runtime.ts";
import { findClientPoolId } from "../admin/clients.queries.ts";

export const DEMO_COOKIE = "gh_demo_rp";

export async function demoAvailable(rt: Runtime): Promise<boolean> {
  return (await findClientPoolId(rt.db, DEMO_CLIENT_ID)) === DEMO_POOL_ID;
}

export function startDemoSignIn(rt: Runtime): { location: string; cookie: string } {
  const verifier = randomBytes(32).toString("base64url");
  const state = randomBytes(16).toString("base64url");
  const params = new URLSearchParams({
    client_id: DEMO_CLIENT_ID, response_type: "code", scope: "openid email profile phone aws.cognito.signin.user.admin",
    redirect_uri: `${rt.env.publicUrl}/demo/callback`, state,
    code_challenge: createHash("sha256").update(verifier).digest("base64url"), code_challenge_method: "S256",
  });
  return { location: `${rt.env.publicUrl}/${DEMO_POOL_ID}/oauth2/authorize?${params}`, cookie: `${state}.${verifier}` };
}

export type DemoResult =
  | { ok: true; idClaims: Record<string, unknown>; accessClaims: Record<string, unknown>; hasRefreshToken: boolean; logoutUrl: string }
  | { ok: false; message: string };

export async function finishDemoSignIn(rt: Runtime, options: { code?: string; state?: string; error?: string; cookie?: string }): Promise<DemoResult> {
  if (options.error) return { ok: false, message: `The sign-in returned an error: ${options.error}` };
  const [state, verifier] = (options.cookie ?? "").split(".");
  if (!options.code || !state || state !== options.state || !verifier) {
    return { ok: false, message: "This callback does not match a sign-in started here. Start again." };
  }
  const response = await fetch(`${rt.env.publicUrl}/${DEMO_POOL_ID}/oauth2/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "authorization_code", client_id: DEMO_CLIENT_ID, code: options.code,
      redirect_uri: `${rt.env.publicUrl}/demo/callback`, code_verifier: verifier,
    }),
  });
  const body = (await response.json()) as Record<string, string>;
  if (!response.ok) return { ok: false, message: `The token endpoint answered ${body.error}: ${body.error_description ?? ""}` };
  const logout = new URLSearchParams({ client_id: DEMO_CLIENT_ID, logout_uri: `${rt.env.publicUrl}/demo/callback` });
  return {
    ok: true,
    idClaims: decodeJwt(body.id_token!),
    accessClaims: decodeJwt(body.access_token!),
    hasRefreshToken: !!body.refresh_token,
    logoutUrl: `${rt.env.publicUrl}/${DEMO_POOL_ID}/logout?${logout}`,
  };
}
