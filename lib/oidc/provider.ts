// Builds one pool's oidc-provider instance from the database. The provider owns the protocol
// (authorize, token, revoke, logout, sessions, grants); Gatehouse supplies accounts, claims,
// clients, keys, storage and the hosted pages through its configuration hooks.
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import Provider, { errors, type AdapterPayload, type Configuration, type KoaContextWithOIDC } from "oidc-provider";
import type { Redis } from "ioredis";
import type { Db } from "../db/client.ts";
import { STANDARD_ATTRIBUTES } from "../pools/attributes.ts";
import { getPool, type Pool } from "../pools/pool.ts";
import type { Secrets } from "../security/secrets.ts";
import { constantTimeEqual, sha256 } from "../security/secrets.ts";
import { createLocalJWKSet, type JWTVerifyGetKey } from "jose";
import { tokenDeviceOf } from "../devices/token-device.ts";
import { accessTokenUserClaims, claimsSourceOf, idTokenUserClaims, loadClaimsSource, orderedGroups, type UserClaimsSource } from "../tokens/claims.ts";
import { loadPublicKeys, loadSigningKeys } from "../tokens/keys.ts";
import { createAdapterClass, takePrefetchedClaims } from "./adapter.ts";
import { accountClientMetadata, isBuiltInClientId } from "../account/account-client.ts";
import { createTokenIssuer, type TokenIssuer } from "./issue-tokens.ts";
import { EXTRA_CLIENT_METADATA } from "./client-metadata.ts";
import { createPoolClients, type PoolClient } from "./pool-clients.ts";
import { listPoolScopeServers } from "./clients.queries.ts";
import { renderLogoutPage, renderProviderError, renderSignedOutPage } from "../hosted-ui/protocol-pages.ts";
import { requestLocaleOf } from "../i18n/request-locale.ts";
import { answerUnavailable, isUnavailable } from "../http/unavailable.ts";
import { eventUserAttributes } from "../triggers/user-attributes.ts";
import { prepareSamlLogout, samlLogoutCookieName } from "../federation/saml-session.ts";
import {
  applyAccessTokenOverrides, applyIdTokenOverrides, isApiTokenRequest, isTriggerFailure, runPreTokenGeneration, tokenRequestOf, type TokenOverrides,
} from "../triggers/pre-token-generation.ts";

export const OIDC_SCOPES = ["openid", "email", "phone", "profile", "aws.cognito.signin.user.admin"];

export type ProviderDeps = {
  db: Db; secrets: Secrets; publicUrl: string; log?: (line: string) => void;
  /** Interactions are kept in Redis when it is configured (adapter.ts). */
  redis?: Redis | null; redisPrefix?: string;
};

type ClientExtras = {
  "urn:gatehouse:access_ttl": number;
  "urn:gatehouse:id_ttl": number;
  "urn:gatehouse:refresh_ttl": number;
  "urn:gatehouse:refresh_rotation": boolean;
  "urn:gatehouse:read_attributes": string[] | null;
};

export function issuerFor(publicUrl: string, poolId: string) {
  return `${publicUrl}/${poolId}`;
}

/** Every scope the pool knows: the OIDC ones and `{resource server}/{scope}`. */
export async function poolScopes(db: Db, poolId: string): Promise<string[]> {
  const servers = await listPoolScopeServers(db, { poolId });
  const custom = servers.flatMap((rs) => (rs.scopes as { name: string }[]).map((s) => `${rs.identifier}/${s.name}`));
  return [...OIDC_SCOPES, ...custom];
}

export type BuiltProvider = {
  provider: Provider;
  pool: Pool;
  /** The pool's public keys, for verifying its own tokens (userInfo) without a database read. */
  verificationKeys: JWTVerifyGetKey;
  /** Tokens for the doors that are not the provider's endpoints (the Cognito API), made by this provider. */
  tokens: TokenIssuer;
  /**
   * The pool's app client `clientId` as this provider holds it (lib/oidc/pool-clients.ts), or null
   * when the pool has none such (the built-in account client is not one). No database read once
   * the client has been used: read a client here rather than from the AppClient table.
   */
  client: (clientId: string) => Promise<PoolClient | null>;
  /** The provider's request handler (its Koa callback, composed once). */
  handle: (req: IncomingMessage, res: ServerResponse) => Promise<void>;
};

export async function buildProvider(deps: ProviderDeps, poolId: string): Promise<BuiltProvider> {
  const { db, secrets, publicUrl } = deps;
  const pool = await getPool(db, poolId);
  const issuer = issuerFor(publicUrl, poolId);
  // Access tokens are JWTs for this one resource: the pool itself, whose `aud` is dropped below
  // so that they look like Cognito's.
  const resource = issuer;
  const scopes = await poolScopes(db, poolId);
  const keys = await loadSigningKeys(db, secrets, poolId);
  const publicKeys = await loadPublicKeys(db, poolId);
  const secure = publicUrl.startsWith("https://");
  const customClaims = pool.customAttributes.map((a) => `custom:${a.name}`);
  const idClaims = [
    "sub", "auth_time", "token_use", "cognito:username", "cognito:groups", "cognito:roles", "cognito:preferred_role",
    ...STANDARD_ATTRIBUTES, "email_verified", "phone_number_verified", "identities", ...customClaims,
  ];

  const clients = createPoolClients(db, poolId);
  // The account page's client is every pool's, from code (lib/account/account-client.ts).
  let accountClient: { metadata: AdapterPayload } | undefined;
  const builtInClient = () => (accountClient ??= { metadata: accountClientMetadata({ publicUrl, poolId, secrets }) });
  const clientOf = async (clientId: string) => (isBuiltInClientId(clientId) ? builtInClient() : await clients.get(clientId));
  const Adapter = createAdapterClass(db, async (clientId) => (await clientOf(clientId))?.metadata, poolId, {
    identities: pool.identityProviders.length > 0,
    redis: deps.redis ? { client: deps.redis, prefix: deps.redisPrefix ?? "gatehouse:" } : null,
  });

  const extras = (client: unknown) => client as ClientExtras;

  // Pages the provider renders itself wear the client's branding over the pool's, when the request
  // names a client of this pool. Best effort: an error page must render even if this lookup fails.
  const clientBranding = async (ctx: KoaContextWithOIDC): Promise<unknown> => {
    const clientId = ctx.oidc?.client?.clientId;
    if (!clientId) return undefined;
    const client = await clients.get(clientId).catch(() => null);
    return client?.row.branding ?? undefined;
  };

  // findAccount (ID token claims) and the access-token customizer both need the user during one
  // token request; oidc-provider hands both the same request context, so load the user once.
  const loaded = new WeakMap<object, Map<string, Promise<UserClaimsSource | null>>>();
  const claimsSource = (ctx: object, sub: string) => {
    let byUser = loaded.get(ctx);
    if (!byUser) loaded.set(ctx, (byUser = new Map()));
    let source = byUser.get(sub);
    if (!source) {
      // A refresh token or authorization code of this request was read with its user's claims (adapter.ts).
      const rows = takePrefetchedClaims(ctx, sub);
      source = rows === undefined
        ? loadClaimsSource(db, { poolId, sub, identitiesOf: pool })
        : Promise.resolve(rows && claimsSourceOf(rows, pool.identityProviders.length ? pool : null));
      byUser.set(sub, source);
    }
    return source;
  };

  // The pre token generation trigger: one call per token request, whose answer both the access
  // token's customizer and the ID token apply (the provider hands both the same context).
  const triggerAnswers = new WeakMap<object, Promise<TokenOverrides | null>>();
  const tokenOverrides = async (ctx: KoaContextWithOIDC, sub: string | null, scope: string): Promise<TokenOverrides | null> => {
    // No request context (never expected for a token): nothing to share the answer with, so no trigger.
    if (!pool.triggers.preTokenGeneration || !ctx) return null;
    let answer = triggerAnswers.get(ctx);
    if (!answer) {
      answer = (async () => {
        const source = sub ? await claimsSource(ctx, sub) : null;
        if (sub && !source) return null;
        const user = source
          ? { username: source.user.username, attributes: eventUserAttributes(source.user), groups: orderedGroups(source) }
          : null;
        return runPreTokenGeneration({ db, secrets, log: deps.log ?? (() => {}) }, pool, {
          request: tokenRequestOf(ctx), clientId: ctx.oidc.client?.clientId ?? "", user, scopes: scope.split(" ").filter(Boolean),
        });
      })();
      triggerAnswers.set(ctx, answer);
    }
    try {
      return await answer;
    } catch (error) {
      // At the token endpoint a trigger's refusal is an OAuth error; the Cognito API answers its exception.
      if (isTriggerFailure(error) && !isApiTokenRequest(ctx)) throw new errors.CustomOIDCProviderError("invalid_request", error.message);
      throw error;
    }
  };

  const resourceServerInfo = (client: unknown) => ({
    scope: scopes.join(" "),
    audience: resource,
    accessTokenTTL: extras(client)["urn:gatehouse:access_ttl"],
    accessTokenFormat: "jwt" as const,
    jwt: { sign: { alg: "RS256" as const } },
  });

  const findAccount = async (ctx: KoaContextWithOIDC, sub: string) => {
    const source = await claimsSource(ctx, sub);
    if (!source || !source.user.enabled) return undefined;
    // Only the attributes this client may read (its ReadAttributes); none if it cannot be told.
    const readAttributes = ctx.oidc.client ? extras(ctx.oidc.client)["urn:gatehouse:read_attributes"] : [];
    return { accountId: sub, claims: () => idTokenUserClaims(source, { readAttributes }) as { sub: string } };
  };

  const configuration: Configuration = {
    adapter: Adapter,
    clients: [],
    jwks: { keys: keys },
    scopes,
    claims: { openid: idClaims },
    conformIdTokenClaims: false,
    extraClientMetadata: { properties: EXTRA_CLIENT_METADATA },
    clientDefaults: { id_token_signed_response_alg: "RS256", grant_types: ["authorization_code"], response_types: ["code"] },
    allowOmittingSingleRegisteredRedirectUri: false,
    responseTypes: ["code", "id_token", "none"],
    // Cognito's authorize parameters that pick an identity provider (lib/hosted-ui/federation.ts).
    extraParams: ["identity_provider", "idp_identifier"],
    pkce: { required: (_ctx, client) => client.clientAuthMethod === "none" },
    enabledJWA: { idTokenSigningAlgValues: ["RS256"], requestObjectSigningAlgValues: ["RS256"] },
    routes: {
      authorization: "/oauth2/authorize",
      token: "/oauth2/token",
      revocation: "/oauth2/revoke",
      jwks: "/.well-known/jwks.json",
      end_session: "/logout",
      userinfo: "/oauth2/userInfo",
    },
    cookies: {
      keys: secrets.cookieKeys,
      names: { session: `gh_session_${poolId}`, interaction: `gh_interaction_${poolId}`, resume: `gh_resume_${poolId}` },
      long: { signed: true, httpOnly: true, sameSite: "lax", secure },
      short: { signed: true, httpOnly: true, sameSite: "lax", secure },
    },
    discovery: { userinfo_endpoint: `${issuer}/oauth2/userInfo`, claims_parameter_supported: false },
    clientAuthMethods: ["client_secret_basic", "client_secret_post", "none"],
    features: {
      devInteractions: { enabled: false },
      pushedAuthorizationRequests: { enabled: false },
      // userInfo is served by Gatehouse itself (lib/tokens/user-info.ts) so it accepts the
      // Cognito-shaped JWT access tokens.
      userinfo: { enabled: false },
      revocation: { enabled: true },
      clientCredentials: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (ctx, form) => {
          // Signed in through a SAML IdP with single logout: the confirmation goes on to the IdP.
          const accountId = ctx.oidc.session?.accountId;
          if (accountId && pool.identityProviders.some((p) => p.type === "SAML" && p.details.IDPSignout === "true")) {
            const pending = await prepareSamlLogout({ db, secrets }, { publicUrl, pool, userId: accountId });
            if (pending) ctx.cookies.set(samlLogoutCookieName(poolId), pending.id, { path: `/${poolId}/logout`, httpOnly: true, sameSite: "lax", secure, signed: false, maxAge: 600_000 });
          }
          ctx.type = "html";
          ctx.body = renderLogoutPage({ pool, clientBranding: await clientBranding(ctx), form, nonce: cspNonce(ctx), locale: requestLocaleOf(ctx.req, pool.defaultLanguage) });
        },
        postLogoutSuccessSource: async (ctx) => {
          ctx.type = "html";
          ctx.body = renderSignedOutPage({ pool, clientBranding: await clientBranding(ctx), locale: requestLocaleOf(ctx.req, pool.defaultLanguage) });
        },
      },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => resource,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, indicator, client) => {
          if (indicator !== resource) throw new errors.InvalidTarget();
          return resourceServerInfo(client);
        },
      },
    },
    formats: {
      customizers: {
        jwt: async (ctx, token, jwt) => {
          const payload = jwt.payload as Record<string, unknown>;
          // Cognito's access tokens have no `aud`. oidc-provider insists on one before signing, so
          // it stays on the object but out of the serialised token.
          Object.defineProperty(payload, "aud", { value: payload.aud, enumerable: false });
          payload.token_use = "access";
          payload.version = 2;
          payload.client_id = token.clientId;
          const accountId = (token as { accountId?: string }).accountId;
          if (accountId) {
            const source = await claimsSource(ctx, accountId);
            if (source) Object.assign(payload, accessTokenUserClaims(source));
            const origin = ctx.oidc.entities.AuthorizationCode ?? ctx.oidc.entities.RefreshToken;
            if (origin?.authTime) payload.auth_time = origin.authTime;
            const deviceKey = tokenDeviceOf(ctx);
            if (deviceKey) payload.device_key = deviceKey;
            // Lets userInfo and API authorizers see that the refresh token (grant) behind this
            // access token was revoked.
            payload.origin_jti = (token as { grantId?: string }).grantId;
          }
          const overrides = await tokenOverrides(ctx, accountId ?? null, typeof payload.scope === "string" ? payload.scope : "");
          if (overrides) applyAccessTokenOverrides(payload, overrides);
        },
      },
    },
    findAccount,
    loadExistingGrant: async (ctx) => {
      const { client, session } = ctx.oidc;
      if (!client || !session?.accountId) return undefined;
      const grantId = ctx.oidc.result?.consent?.grantId ?? session.grantIdFor(client.clientId);
      let grant = grantId ? await ctx.oidc.provider.Grant.find(grantId) : undefined;
      if (!grant || grant.accountId !== session.accountId) {
        grant = new ctx.oidc.provider.Grant({ clientId: client.clientId, accountId: session.accountId });
      }
      // First-party clients: the user is never asked to consent; the client's allowed scopes decide.
      const allowed = new Set((client.scope ?? "").split(" "));
      const requested = [...(ctx.oidc.requestParamScopes ?? [])].filter((s) => allowed.has(s));
      // Resource-server scopes are listed among the provider's scopes too, so they are granted on both sides.
      grant.addOIDCScope(requested.join(" "));
      grant.addOIDCClaims(idClaims);
      grant.addResourceScope(resource, requested.join(" "));
      await grant.save();
      return grant;
    },
    issueRefreshToken: async (_ctx, client, code) => client.grantTypeAllowed("refresh_token") && code.scopes.has("openid"),
    rotateRefreshToken: (ctx) => extras(ctx.oidc.client)["urn:gatehouse:refresh_rotation"] === true,
    // Signing out of the hosted UI ends the browser session only; refresh tokens live on until
    // they expire or are revoked, as in Cognito.
    expiresWithSession: () => false,
    ttl: {
      AccessToken: (_ctx, _token, client) => extras(client)["urn:gatehouse:access_ttl"],
      ClientCredentials: (_ctx, _token, client) => extras(client)["urn:gatehouse:access_ttl"],
      IdToken: (_ctx, _token, client) => extras(client)["urn:gatehouse:id_ttl"],
      RefreshToken: (ctx, token, client) => {
        const rotated = ctx?.oidc?.entities.RotatedRefreshToken;
        // A rotated token keeps the original expiry: rotation must not extend a session forever.
        return rotated ? rotated.remainingTTL : extras(client)["urn:gatehouse:refresh_ttl"];
      },
      Grant: (ctx) => (ctx?.oidc?.client ? extras(ctx.oidc.client)["urn:gatehouse:refresh_ttl"] : 30 * 86400),
      AuthorizationCode: 300,
      Interaction: 3600,
      Session: 3600,
    },
    interactions: {
      url: (_ctx, interaction) => `${issuer}/interaction/${interaction.uid}`,
    },
    clientBasedCORS: (_ctx, origin, client) => {
      const uris = (client.redirectUris ?? []) as string[];
      return uris.some((uri) => {
        try {
          return new URL(uri).origin === origin;
        } catch {
          return false;
        }
      });
    },
    renderError: async (ctx, out, error) => {
      if (isUnavailable(error)) return answerUnavailable(ctx);
      ctx.type = "html";
      ctx.body = renderProviderError({ pool, clientBranding: await clientBranding(ctx), out: out as unknown as Record<string, string>, error, locale: requestLocaleOf(ctx.req, pool.defaultLanguage) });
    },
  };

  const provider = new Provider(issuer, configuration);
  // Koa then takes host and scheme from X-Forwarded-Host/-Proto, which lib/http/route-protocol.ts
  // always overwrites with PUBLIC_URL's (lib/oidc/public-origin.ts): never the client's.
  provider.proxy = true;
  provider.on("server_error", (ctx, error) => {
    // A database outage: a 503 in place of the 500 the provider prepared (JSON endpoints; pages
    // were answered by renderError).
    if (isUnavailable(error)) return answerUnavailable(ctx);
    deps.log?.(`[${poolId}] oidc server error: ${(error).stack ?? error}`);
  });
  for (const event of ["authorization.error", "grant.error", "end_session.error", "revocation.error"] as const) {
    (provider as unknown as { on(e: string, fn: (ctx: unknown, error: Error) => void): void }).on(event, (_ctx, error) => deps.log?.(`[${poolId}] ${event}: ${(error).message} ${(error as { error_description?: string }).error_description ?? ""}`));
  }
  // oidc-provider finds a client by hashing its metadata into a cache of its own, on every request;
  // the pool's clients are held above, so each keeps the provider's Client made of it instead.
  const ClientModel = provider.Client as unknown as { find(id: unknown): Promise<unknown> };
  const findClient = ClientModel.find.bind(ClientModel);
  const clientModels = new WeakMap<object, Promise<unknown>>();
  ClientModel.find = async function find(id: unknown) {
    if (typeof id !== "string" || !id) return undefined;
    const held = await clientOf(id);
    if (!held) return undefined;
    let model = clientModels.get(held);
    if (!model) {
      model = findClient(id);
      clientModels.set(held, model);
      // Invalid metadata is refused as oidc-provider refuses it, every time, rather than remembered.
      model.catch(() => clientModels.delete(held));
    }
    return model;
  };
  // Client secrets are stored as SHA-256 hashes, never in plain text.
  provider.Client.prototype.compareClientSecret = async function compareClientSecret(this: { clientSecret?: string }, actual: string) {
    return !!this.clientSecret && constantTimeEqual(this.clientSecret, sha256(actual));
  };
  // The ID token's claims, after oidc-provider's scope mask, take the trigger's answer (claims the
  // mask would drop, such as ones the trigger adds, included). Patched on this provider's own class.
  type IdTokenLike = { ctx?: KoaContextWithOIDC; scope?: string; [ID_OVERRIDES]?: TokenOverrides };
  const IdTokenProto = (provider as unknown as { IdToken: { prototype: { issue: (...args: unknown[]) => Promise<unknown>; payload: () => Promise<Record<string, unknown>> } } }).IdToken.prototype;
  const issueIdToken = IdTokenProto.issue;
  const idTokenPayload = IdTokenProto.payload;
  IdTokenProto.issue = async function issue(this: IdTokenLike, ...args: unknown[]) {
    const use = (args[0] as { use?: string } | undefined)?.use;
    const ctx = this.ctx;
    if (use === "idtoken" && ctx) {
      const scope = ctx.oidc.entities.AccessToken?.scope ?? this.scope ?? "openid";
      const overrides = await tokenOverrides(ctx, ctx.oidc.account?.accountId ?? null, scope);
      if (overrides) this[ID_OVERRIDES] = overrides;
    }
    return issueIdToken.apply(this, args);
  };
  IdTokenProto.payload = async function payload(this: IdTokenLike) {
    const out = await idTokenPayload.call(this);
    const overrides = this[ID_OVERRIDES];
    if (overrides) applyIdTokenOverrides(out, overrides);
    // As Cognito's ID tokens: `origin_jti` names the grant (the sign-in), so that identity pools and
    // authorizers can refuse an ID token whose sign-in was revoked or signed out; `jti` is its own id.
    const entities = this.ctx?.oidc.entities as { AuthorizationCode?: { grantId?: string }; RefreshToken?: { grantId?: string }; Grant?: { jti?: string } } | undefined;
    const grantId = entities?.AuthorizationCode?.grantId ?? entities?.RefreshToken?.grantId ?? entities?.Grant?.jti;
    if (grantId) out.origin_jti = grantId;
    out.jti = randomUUID();
    return out;
  };

  const tokens = createTokenIssuer({
    provider, resource, resourceServerInfo, idClaims, findAccount,
    rotates: (client) => extras(client)["urn:gatehouse:refresh_rotation"] === true,
  });
  const callback = provider.callback();
  return {
    provider, pool, verificationKeys: createLocalJWKSet({ keys: publicKeys }), tokens,
    client: (clientId) => clients.get(clientId),
    handle: async (req, res) => { await callback(req, res); },
  };
}

const ID_OVERRIDES = Symbol("gatehouse.idTokenOverrides");

function cspNonce(ctx: KoaContextWithOIDC): string {
  return (ctx.res as unknown as { locals?: { cspNonce?: string } }).locals?.cspNonce ?? "";
}
