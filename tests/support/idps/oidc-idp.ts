// A real OpenID Connect IdP for federation tests: its own oidc-provider on a loopback port, with no
// login page. Its interaction signs in an account at once (the `login_hint`, else the one set with
// signInAs, else the first), so node tests (signInThrough below) and Playwright go through it fast.
// `kind: "apple"` behaves like Sign in with Apple: scopes name/email, form_post, the first sign-in's
// `user` form field, and a client_secret that must be an ES256 JWT signed with the client's key.
// Knobs let a test make it refuse (user cancels), fail (5xx) or tamper with the next ID token.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair, importSPKI, jwtVerify, SignJWT, decodeJwt, type CryptoKey, type JWTPayload } from "jose";
import Provider, { type Configuration, type KoaContextWithOIDC } from "oidc-provider";
import { CookieJar } from "../browser.ts";

export type IdpClient = {
  client_id: string;
  client_secret?: string;
  redirect_uris: string[];
  /** Apple mode: the public key (SPKI PEM) of the .p8 key the client secret JWT must be signed with, its key id and team. */
  apple?: { publicKeyPem: string; keyId: string; teamId: string };
};

export type OidcIdp = {
  issuer: string;
  url: string;
  /** Signs this account in on the next authorizations (until changed). */
  signInAs(sub: string): void;
  /** The next authorization answers error=access_denied, as when the user cancels. */
  cancelNext(): void;
  /** The next token request answers this HTTP status with no body, as an IdP in trouble. */
  failNextToken(status: number): void;
  /** The next ID token is re-signed (with the IdP's own key, or `key`) after `change` edits its payload. */
  tamperNextIdToken(change: (payload: JWTPayload) => JWTPayload, key?: CryptoKey): void;
  /** Why token requests were refused for their Apple client secret (jose's error code), newest last. */
  rejectedClientSecrets: string[];
  stop(): Promise<void>;
};

type Claims = Record<string, unknown>;
/** The Koa context of provider.use's middleware; ctx.oidc is there once oidc-provider has routed the request. */
type Ctx = Parameters<Parameters<Provider["use"]>[0]>[0] & Partial<Pick<KoaContextWithOIDC, "oidc">>;

/** Starts an IdP. Accounts map a subject to its claims (email, email_verified, name, given_name...). */
export async function startOidcIdp(options: { clients: IdpClient[]; accounts: Record<string, Claims>; kind?: "google" | "apple" | "generic"; port?: number }): Promise<OidcIdp> {
  const kind = options.kind ?? "generic";
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  const issuer = `http://127.0.0.1:${port}`;

  const { privateKey } = await generateKeyPair("RS256", { extractable: true });
  const signingJwk = { ...(await exportJWK(privateKey)), kid: "idp-key-1", alg: "RS256", use: "sig" };
  let nextAccount: string | undefined;
  let cancel = false;
  let failToken: number | null = null;
  let tamper: { change: (p: JWTPayload) => JWTPayload; key?: CryptoKey } | null = null;
  const rejectedClientSecrets: string[] = [];
  const signedInOnce = new Set<string>();
  // Apple clients are registered with a secret only this IdP knows; the verified JWT is swapped for it.
  const appleSecrets = new Map<string, string>();

  const clients = options.clients.map((c) => {
    const secret = c.apple ? `apple-${crypto.randomUUID()}` : c.client_secret;
    if (c.apple) appleSecrets.set(c.client_id, secret!);
    return {
      client_id: c.client_id,
      redirect_uris: c.redirect_uris,
      response_types: ["code" as const],
      grant_types: ["authorization_code"],
      ...(secret ? { client_secret: secret, token_endpoint_auth_method: "client_secret_post" as const } : { token_endpoint_auth_method: "none" as const }),
    };
  });

  const configuration: Configuration = {
    clients,
    jwks: { keys: [signingJwk] },
    claims: kind === "apple"
      ? { openid: ["sub"], email: ["email", "email_verified", "is_private_email"], name: [] }
      : { openid: ["sub"], email: ["email", "email_verified"], profile: ["name", "given_name", "family_name", "picture", "locale", "department"], phone: ["phone_number", "phone_number_verified"] },
    // The ID token carries the claims too, as Google's and Apple's do.
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: false }, userinfo: { enabled: kind !== "apple" } },
    pkce: { required: () => false },
    clientAuthMethods: ["client_secret_post", "client_secret_basic", "none"],
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    findAccount: (_ctx, sub) => {
      const claims = options.accounts[sub];
      if (!claims) return undefined;
      return { accountId: sub, claims: () => ({ ...claims, sub }) };
    },
    ttl: { AccessToken: 600, AuthorizationCode: 120, IdToken: 600, Interaction: 600, Session: 600, Grant: 600 },
    renderError: (ctx, out) => {
      ctx.type = "json";
      ctx.body = out;
    },
  };
  const provider = new Provider(issuer, configuration);

  provider.use(async (ctx, next) => {
    if (ctx.method === "GET" && ctx.path.startsWith("/interaction/")) return interact(ctx);
    if (ctx.path === "/auth") {
      // Every authorization goes through the interaction, so signInAs and cancelNext apply even
      // when a browser (Playwright) still has a session here from an earlier sign-in.
      if (!ctx.query.prompt) ctx.query = { ...ctx.query, prompt: "login" };
      if (kind === "apple") appleScopes(ctx);
    }
    if (ctx.method === "POST" && ctx.path === "/token") {
      if (failToken !== null) {
        ctx.status = failToken;
        ctx.body = "upstream trouble";
        failToken = null;
        return;
      }
      if (kind === "apple") await checkAppleSecret(ctx);
    }
    await next();
    if (ctx.path === "/token" && tamper && ctx.body && typeof ctx.body === "object" && "id_token" in ctx.body) {
      const body = ctx.body as { id_token: string };
      const { change, key } = tamper;
      tamper = null;
      body.id_token = await new SignJWT(change(decodeJwt(body.id_token)))
        .setProtectedHeader({ alg: "RS256", kid: signingJwk.kid })
        .sign(key ?? privateKey);
    }
    if (kind === "apple" && typeof ctx.body === "string" && ctx.body.includes('<form method="post"')) addAppleUser(ctx);
  });

  /** The interaction: sign the chosen account in and grant what was asked, or refuse when told to. */
  async function interact(ctx: Ctx) {
    const details = await provider.interactionDetails(ctx.req, ctx.res);
    if (cancel) {
      cancel = false;
      const url = await provider.interactionResult(ctx.req, ctx.res, { error: "access_denied", error_description: "End-User aborted interaction" });
      return ctx.redirect(url);
    }
    const hint = typeof details.params.login_hint === "string" ? details.params.login_hint : undefined;
    const accountId = hint && options.accounts[hint] ? hint : nextAccount ?? Object.keys(options.accounts)[0]!;
    const grant = new provider.Grant({ accountId, clientId: String(details.params.client_id) });
    grant.addOIDCScope(typeof details.params.scope === "string" ? details.params.scope : "openid");
    const grantId = await grant.save();
    const url = await provider.interactionResult(ctx.req, ctx.res, { login: { accountId }, consent: { grantId } }, { mergeWithLastSubmission: false });
    return ctx.redirect(url);
  }

  /** Apple issues an ID token without the openid scope; oidc-provider needs it. */
  function appleScopes(ctx: Ctx) {
    const scope = typeof ctx.query.scope === "string" ? ctx.query.scope : "";
    if (!scope.split(" ").includes("openid")) ctx.query = { ...ctx.query, scope: `openid ${scope}`.trim() };
  }

  /** Apple's client authentication: client_secret is an ES256 JWT (kid, iss=team, sub=client, aud=issuer, short-lived). */
  async function checkAppleSecret(ctx: Ctx) {
    const chunks: Buffer[] = [];
    for await (const chunk of ctx.req) chunks.push(chunk as Buffer);
    const form = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString("utf8")));
    const registered = options.clients.find((c) => c.client_id === form.client_id);
    let valid = false;
    let reason = "no such client or no client_secret";
    if (registered?.apple && form.client_secret) {
      try {
        const key = await importSPKI(registered.apple.publicKeyPem, "ES256");
        const { payload, protectedHeader } = await jwtVerify(form.client_secret, key, {
          algorithms: ["ES256"], issuer: registered.apple.teamId, subject: registered.client_id, audience: issuer, maxTokenAge: "180 days",
        });
        valid = protectedHeader.kid === registered.apple.keyId && typeof payload.exp === "number";
        reason = valid ? "" : "wrong kid or no exp";
      } catch (error) {
        reason = (error as { code?: string }).code ?? String(error);
      }
    }
    if (!valid) rejectedClientSecrets.push(reason);
    form.client_secret = valid ? appleSecrets.get(form.client_id!)! : "rejected";
    // oidc-provider reads an already parsed body from req.body.
    (ctx.req as unknown as { body: Record<string, string> }).body = form;
  }

  /** Apple's first sign-in posts the user's name as JSON in a `user` field beside code and state. */
  function addAppleUser(ctx: Ctx) {
    const code = /name="code" value="([^"]+)"/.exec(String(ctx.body))?.[1];
    if (!code) return;
    const sub = ctx.oidc?.session?.accountId;
    if (!sub || signedInOnce.has(sub)) return;
    signedInOnce.add(sub);
    const account = options.accounts[sub] ?? {};
    const user = JSON.stringify({ name: { firstName: account.given_name, lastName: account.family_name }, email: account.email });
    const escaped = user.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
    ctx.body = String(ctx.body).replace("<noscript>", `<input type="hidden" name="user" value="${escaped}"/>\n    <noscript>`);
  }

  server.on("request", provider.callback());
  return {
    issuer,
    url: issuer,
    signInAs: (sub) => { nextAccount = sub; },
    cancelNext: () => { cancel = true; },
    failNextToken: (status) => { failToken = status; },
    tamperNextIdToken: (change, key) => { tamper = { change, key }; },
    rejectedClientSecrets,
    stop: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

function htmlDecode(value: string): string {
  return value.replace(/&(#x[0-9a-f]+|#\d+|amp|quot|lt|gt|apos);/gi, (_m, entity: string) => {
    const e = entity.toLowerCase();
    if (e.startsWith("#x")) return String.fromCodePoint(parseInt(e.slice(2), 16));
    if (e.startsWith("#")) return String.fromCodePoint(parseInt(e.slice(1), 10));
    return ({ amp: "&", quot: '"', lt: "<", gt: ">", apos: "'" } as Record<string, string>)[e]!;
  });
}

/**
 * Goes through the IdP as a browser would, from `url` (Gatehouse's redirect to the IdP) until the IdP
 * sends the browser back to `redirectUri`: returns the answer's parameters, from the query of the
 * redirect or from the fields of a form_post page, and how they came.
 */
export async function signInThrough(url: string, redirectUri: string, jar = new CookieJar()): Promise<{ params: Record<string, string>; via: "query" | "form_post" }> {
  let current = url;
  let body: URLSearchParams | undefined;
  for (let hops = 0; hops < 15; hops++) {
    if (current.startsWith(redirectUri) && !body) return { params: Object.fromEntries(new URL(current).searchParams), via: "query" };
    const response = await fetch(current, {
      method: body ? "POST" : "GET", redirect: "manual", body,
      headers: { cookie: jar.header(), ...(body ? { "content-type": "application/x-www-form-urlencoded" } : {}) },
    });
    body = undefined;
    jar.store(response.headers.getSetCookie());
    const location = response.headers.get("location");
    if (response.status >= 300 && response.status < 400 && location) {
      current = new URL(location, current).toString();
      continue;
    }
    const html = await response.text();
    const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1];
    if (!action) throw new Error(`the IdP stopped at ${current} (HTTP ${response.status}): ${html.slice(0, 300)}`);
    const params: Record<string, string> = {};
    for (const m of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"\/>/g)) params[m[1]!] = htmlDecode(m[2]!);
    const target = new URL(htmlDecode(action), current).toString();
    if (target.startsWith(redirectUri)) return { params, via: "form_post" };
    // The IdP's own auto-submitting form (oidc-provider ends the previous account's session this
    // way when another account signs in): submitted, as a browser's script would.
    current = target;
    body = new URLSearchParams(params);
  }
  throw new Error("too many redirects at the IdP");
}
