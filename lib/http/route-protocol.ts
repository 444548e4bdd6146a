// Routes a pool's protocol paths: oidc-provider's endpoints (mounted under /{poolId}), Gatehouse's
// userInfo, Cognito's aliases, and the Node-level half of the hosted UI. Returns false for paths
// that belong to Next.js (the hosted pages themselves).
import type { IncomingMessage, ServerResponse } from "node:http";
import { isPage } from "../hosted-ui/pages.ts";
import { startInteraction, submitInteractionForm } from "../hosted-ui/interaction.ts";
import { sendPasskeyOptions } from "../hosted-ui/passkeys.ts";
import { finishProviderSignIn, receiveProviderAnswer } from "../hosted-ui/federation.ts";
import { serveSamlEndpoint } from "../hosted-ui/saml-endpoints.ts";
import { HttpError, readUrlEncoded, redirect, sendHtml, sendJson } from "../hosted-ui/http.ts";
import { renderProviderError } from "../hosted-ui/protocol-pages.ts";
import { pinPublicOrigin } from "../oidc/public-origin.ts";
import type { Runtime } from "../runtime.ts";
import { getUserInfo } from "../tokens/user-info.ts";
import { cookieValues } from "./cookies.ts";
import { pendingLogoutUrl, recordLogoutReturn, samlLogoutCookieName } from "../federation/saml-session.ts";

const FEDERATION_PATHS = /^\/(oauth2\/idpresponse|saml2\/(idpresponse|metadata|logout))$/;
const PROVIDER_PATHS = /^\/(\.well-known\/(openid-configuration|jwks\.json)|oauth2\/(authorize(\/[\w-]+)?|token|revoke)|logout(\/confirm|\/success)?)$/;

/** The pool's endpoints that answer machines, in JSON: no page of theirs has a language to resolve up front. */
const MACHINE_PATHS = new Set(["/oauth2/token", "/oauth2/revoke", "/oauth2/userInfo", "/.well-known/jwks.json", "/.well-known/openid-configuration"]);

/** Whether `path` (the request's path as sent, without its query) is one of the pool's machine endpoints. */
export function isMachineEndpoint(path: string, poolId: string): boolean {
  return MACHINE_PATHS.has(path.slice(poolId.length + 1));
}

export async function routeProtocol(rt: Runtime, req: IncomingMessage, res: ServerResponse, poolId: string): Promise<boolean> {
  const url = new URL(req.url ?? "/", "http://internal");
  const rest = url.pathname.slice(poolId.length + 1) || "/";
  const isProvider = PROVIDER_PATHS.test(rest) || rest === "/oauth2/userInfo" || rest.startsWith("/interaction/") || rest === "/login" || rest === "/oauth2/login"
    || FEDERATION_PATHS.test(rest);
  if (!isProvider) return false;

  const entry = await rt.providers.get(poolId);
  if (!entry) {
    sendHtml(res, 404, renderProviderError({ pool: null, out: { error: "not_found", error_description: `There is no user pool ${poolId}.` } }));
    return true;
  }

  const interaction = /^\/interaction\/([\w-]+)(?:\/([\w-]+))?$/.exec(rest);
  const [, uid, page] = (interaction ?? []) as [string?, string?, string?];
  // The hosted pages themselves are Next.js's.
  if (uid && page && isPage(page) && (req.method === "GET" || req.method === "HEAD")) return false;
  // Everything below (the provider above all) builds URLs from PUBLIC_URL, never from the request.
  pinPublicOrigin(req, rt.env.publicUrl);

  if (rest === "/oauth2/userInfo") {
    if (req.method === "OPTIONS") return cors(req, res), true;
    cors(req, res);
    const result = await getUserInfo(rt.db, { poolId, issuer: entry.provider.issuer, keys: entry.verificationKeys, authorization: req.headers.authorization });
    if (result.ok) sendJson(res, 200, result.claims);
    else sendJson(res, result.status, { error: result.error, error_description: result.description }, {
      "WWW-Authenticate": `Bearer error="${result.error}", error_description="${result.description}"`,
    });
    return true;
  }

  // Cognito's hosted-UI entry (/login?client_id=…&response_type=…&redirect_uri=…) is an alias of
  // the authorization endpoint.
  if (rest === "/login" || rest === "/oauth2/login") {
    redirect(res, `${entry.provider.issuer}/oauth2/authorize${url.search}`, 302);
    return true;
  }

  // Federation: identity providers' answers, and the pool's SAML service-provider endpoints.
  if (rest === "/oauth2/idpresponse" && (req.method === "GET" || req.method === "POST")) return await receiveProviderAnswer(rt, entry, req, res), true;
  if (rest.startsWith("/saml2/")) return await serveSamlEndpoint(rt, entry, req, res, rest), true;

  if (uid) {
    if (!page && req.method === "GET") return await startInteraction(rt, entry, req, res, uid), true;
    if (page === "idp-return" && req.method === "GET") return await finishProviderSignIn(rt, entry, req, res, uid), true;
    if (page && isPage(page) && req.method === "POST") return await submitInteractionForm(rt, entry, req, res, uid, page), true;
    if ((page === "passkey-options" || page === "passkey-registration-options") && req.method === "POST") return await sendPasskeyOptions(rt, entry, req, res, uid, page), true;
    throw new HttpError(404, "Not found.");
  }

  // Cognito's /logout?client_id=…&logout_uri=… becomes OIDC RP-initiated logout.
  if (rest === "/logout" && req.method === "GET" && url.searchParams.has("logout_uri")) {
    const params = new URLSearchParams(url.search);
    params.set("post_logout_redirect_uri", params.get("logout_uri")!);
    params.delete("logout_uri");
    redirect(res, `${entry.provider.issuer}/logout?${params}`, 302);
    return true;
  }

  if ((rest === "/oauth2/token" || rest === "/oauth2/revoke") && req.method === "POST") await acceptClientSecretPost(req);

  const logout = rest === "/logout/confirm" && req.method === "POST" ? await divertToIdpLogout(rt, poolId, req, res) : null;

  // Mount the provider under /{poolId}: it sees its own paths and derives its URLs from originalUrl
  // (on PUBLIC_URL's origin, pinned above).
  const original = req.url!;
  (req as IncomingMessage & { originalUrl?: string }).originalUrl = original;
  req.url = original.slice(poolId.length + 1) || "/";
  await entry.handle(req, res);
  if (logout?.returnTo) await recordLogoutReturn(rt.db, { id: logout.id, returnTo: logout.returnTo });
  return true;
}

/**
 * A logout whose user signed in through a SAML IdP with single logout (saml-session.ts): once the
 * provider has ended the session here, its redirect to the app goes to the IdP's LogoutRequest
 * instead; the app's URL waits for the IdP's answer at /saml2/logout.
 */
async function divertToIdpLogout(rt: Runtime, poolId: string, req: IncomingMessage, res: ServerResponse) {
  const id = cookieValues(req.headers.cookie, samlLogoutCookieName(poolId))[0];
  const url = id ? await pendingLogoutUrl(rt.db, { poolId, id }) : null;
  if (!id || !url) return null;
  const diverted: { id: string; returnTo: string | null } = { id, returnTo: null };
  const setHeader = res.setHeader.bind(res);
  res.setHeader = ((header: string, value: number | string | readonly string[]) => {
    if (header.toLowerCase() !== "location") return setHeader(header, value);
    diverted.returnTo = String(value);
    return setHeader(header, url);
  });
  return diverted;
}

function cors(req: IncomingMessage, res: ServerResponse) {
  // userInfo is called from browsers with a bearer token, so any origin may call it (no cookies).
  res.setHeader("Access-Control-Allow-Origin", "*");
  res.setHeader("Access-Control-Allow-Headers", "Authorization, Content-Type");
  res.setHeader("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
  if (req.method === "OPTIONS") {
    res.statusCode = 204;
    res.end();
  }
}

/**
 * Cognito accepts the client secret in the body (client_secret_post) as well as in the
 * Authorization header. oidc-provider holds each client to one method, so a body secret is moved
 * into a Basic header before the provider sees the request.
 */
async function acceptClientSecretPost(req: IncomingMessage) {
  if (!(req.headers["content-type"] ?? "").startsWith("application/x-www-form-urlencoded")) return;
  const params = await readUrlEncoded(req);
  const id = params.get("client_id");
  const secret = params.get("client_secret");
  if (id && secret && !req.headers.authorization) {
    params.delete("client_secret");
    params.delete("client_id");
    const enc = (s: string) => encodeURIComponent(s);
    req.headers.authorization = `Basic ${Buffer.from(`${enc(id)}:${enc(secret)}`).toString("base64")}`;
  }
  // The provider reads an already-parsed body from req.body.
  (req as IncomingMessage & { body?: Record<string, string> }).body = Object.fromEntries(params);
}
