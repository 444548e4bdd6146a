// A Facebook Login look-alike for federation tests: OAuth 2.0 only, the way Facebook speaks it, on
// a loopback port. /{version}/dialog/oauth sends the browser back with a code (or, when told, with
// error=access_denied&error_reason=user_denied), /{version}/oauth/access_token trades the code for
// an access token (checking client, secret, redirect_uri and the PKCE verifier when a challenge
// was sent), and /{version}/me answers Graph-shaped JSON for the token (query or Bearer).
import { createHash, createHmac, randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export type FacebookAccount = { id: string; name?: string; email?: string; first_name?: string; last_name?: string; picture?: string };

export type FacebookIdp = {
  url: string;
  apiVersion: string;
  /** Endpoint overrides (details) pointing Gatehouse's Facebook provider here. */
  details: { authorize_url: string; token_url: string; attributes_url: string };
  signInAs(id: string): void;
  /** The next dialog answers as when the user clicks Cancel. */
  cancelNext(): void;
  /** appsecret_proof values received on /me, newest last (checked against the app secret). */
  proofs: { valid: boolean }[];
  stop(): Promise<void>;
};

type Code = { clientId: string; redirectUri: string; account: string; challenge?: string; method?: string; until: number };

export async function startFacebookIdp(options: { clientId: string; clientSecret: string; redirectUris: string[]; accounts: FacebookAccount[]; apiVersion?: string }): Promise<FacebookIdp> {
  const version = options.apiVersion ?? "v19.0";
  const codes = new Map<string, Code>();
  const tokens = new Map<string, string>();
  const proofs: { valid: boolean }[] = [];
  let next = options.accounts[0]!.id;
  let cancel = false;

  function json(res: ServerResponse, status: number, body: unknown) {
    res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
  }
  /** Facebook's error shape. */
  function graphError(res: ServerResponse, status: number, message: string, type = "OAuthException", code = 100) {
    json(res, status, { error: { message, type, code, fbtrace_id: "test" } });
  }
  async function form(req: IncomingMessage): Promise<URLSearchParams> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    return new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
  }

  function dialog(url: URL, res: ServerResponse) {
    const q = url.searchParams;
    const redirectUri = q.get("redirect_uri") ?? "";
    if (q.get("client_id") !== options.clientId || !options.redirectUris.includes(redirectUri))
      return graphError(res, 400, "Can't load URL: the domain of this URL isn't included in the app's domains.");
    const back = new URL(redirectUri);
    if (q.get("state")) back.searchParams.set("state", q.get("state")!);
    if (cancel) {
      cancel = false;
      back.searchParams.set("error", "access_denied");
      back.searchParams.set("error_code", "200");
      back.searchParams.set("error_description", "Permissions error");
      back.searchParams.set("error_reason", "user_denied");
    } else {
      const code = randomBytes(24).toString("base64url");
      codes.set(code, {
        clientId: options.clientId, redirectUri, account: next, until: Date.now() + 600_000,
        challenge: q.get("code_challenge") ?? undefined, method: q.get("code_challenge_method") ?? undefined,
      });
      back.searchParams.set("code", code);
    }
    res.writeHead(302, { location: back.toString() }).end();
  }

  function accessToken(params: URLSearchParams, res: ServerResponse) {
    if (params.get("client_id") !== options.clientId || params.get("client_secret") !== options.clientSecret)
      return graphError(res, 400, "Error validating client secret.", "OAuthException", 1);
    const code = codes.get(params.get("code") ?? "");
    codes.delete(params.get("code") ?? "");
    if (!code || code.until < Date.now()) return graphError(res, 400, "This authorization code has been used.");
    if (code.redirectUri !== params.get("redirect_uri")) return graphError(res, 400, "Error validating verification code. Please make sure your redirect_uri is identical.");
    if (code.challenge) {
      const verifier = params.get("code_verifier") ?? "";
      const computed = code.method === "S256" ? createHash("sha256").update(verifier).digest("base64url") : verifier;
      if (computed !== code.challenge) return graphError(res, 400, "Invalid code verifier.");
    }
    const token = randomBytes(32).toString("base64url");
    tokens.set(token, code.account);
    json(res, 200, { access_token: token, token_type: "bearer", expires_in: 5183944 });
  }

  function me(url: URL, req: IncomingMessage, res: ServerResponse) {
    const bearer = /^Bearer (.+)$/i.exec(req.headers.authorization ?? "")?.[1];
    const token = bearer ?? url.searchParams.get("access_token") ?? "";
    const id = tokens.get(token);
    if (!id) return graphError(res, 400, "Invalid OAuth access token.", "OAuthException", 190);
    const proof = url.searchParams.get("appsecret_proof");
    if (proof) proofs.push({ valid: proof === createHmac("sha256", options.clientSecret).update(token).digest("hex") });
    const account = options.accounts.find((a) => a.id === id)!;
    const fields = (url.searchParams.get("fields") ?? "id,name").split(",");
    const out: Record<string, unknown> = {};
    for (const field of fields) {
      if (field === "picture" && account.picture) out.picture = { data: { height: 50, width: 50, is_silhouette: false, url: account.picture } };
      else if (field !== "picture" && account[field as keyof FacebookAccount] !== undefined) out[field] = account[field as keyof FacebookAccount];
    }
    out.id = account.id;
    json(res, 200, out);
  }

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const path = url.pathname;
    try {
      if (req.method === "GET" && path === `/${version}/dialog/oauth`) return dialog(url, res);
      if (path === `/${version}/oauth/access_token`) {
        const params = req.method === "POST" ? await form(req) : url.searchParams;
        return accessToken(params, res);
      }
      if (req.method === "GET" && path === `/${version}/me`) return me(url, req, res);
      graphError(res, 404, "Unknown path components");
    } catch (error) {
      json(res, 500, { error: { message: String(error) } });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    apiVersion: version,
    details: { authorize_url: `${base}/${version}/dialog/oauth`, token_url: `${base}/${version}/oauth/access_token`, attributes_url: `${base}/${version}/me` },
    signInAs: (id) => { next = id; },
    cancelNext: () => { cancel = true; },
    proofs,
    stop: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
