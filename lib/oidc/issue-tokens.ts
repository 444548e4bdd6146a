// The one token issuer for doors other than oidc-provider's own endpoints (the Cognito JSON API):
// tokens are made by the pool's provider, with its models, inside a provider request context, in
// the same steps as its authorization_code and refresh_token grants (oidc-provider's
// lib/helpers/grant_common.js and lib/actions/grants/refresh_token.js). So they carry the same
// claims (the provider's findAccount and JWT customizer, lib/tokens/claims.ts), the refresh token is
// stored as every refresh token is, `origin_jti` names the same grant, and a refresh token from
// InitiateAuth works at /oauth2/token and the other way round.
import type { IncomingMessage, ServerResponse } from "node:http";
import type Provider from "oidc-provider";
import type { KoaContextWithOIDC } from "oidc-provider";
// oidc-provider keeps the request context of a token being made in this AsyncLocalStorage (its
// token formats and our customizer read it). The package has no export map, so the module is
// reachable; it has no types.
// @ts-expect-error no declaration file for an internal module
import als from "oidc-provider/lib/helpers/als.js";
import { AppError } from "../errors.ts";
import { markTokenRequest, type TokenRequestInfo } from "../triggers/pre-token-generation.ts";
import { markTokenDevice } from "../devices/token-device.ts";

/** The scope of the Cognito API's access tokens, which its user operations require. */
export const USER_ADMIN_SCOPE = "aws.cognito.signin.user.admin";

export type IssuedTokens = {
  AccessToken: string;
  IdToken: string;
  /** Absent on a refresh without rotation: the client keeps the one it has. */
  RefreshToken?: string;
  ExpiresIn: number;
  TokenType: "Bearer";
};

export type TokenIssuer = {
  /** Tokens for a finished sign-in: a new grant, an access, ID and refresh token. */
  signIn(http: HttpPair, options: {
    clientId: string; userId: string; amr: string[];
    /** For the pre token generation trigger: a plain sign-in (the default) or one that set a new password. */
    source?: "Authentication" | "NewPasswordChallenge"; clientMetadata?: Record<string, string> | undefined;
    /** The device the sign-in proved or created: the access token's `device_key`. */
    deviceKey?: string | null;
  }): Promise<IssuedTokens>;
  /** New access and ID tokens from a refresh token of this client (and a new refresh token when the client rotates them). */
  refresh(http: HttpPair, options: {
    clientId: string; refreshToken: string; assertOwner?: (userId: string) => Promise<void>; clientMetadata?: Record<string, string> | undefined;
    /** The device a refresh names (REFRESH_TOKEN_AUTH's DEVICE_KEY), checked to be the token's user's: the access token's `device_key`. */
    deviceKeyFor?: (userId: string) => Promise<string | null>;
  }): Promise<IssuedTokens>;
  /** Revokes a refresh token of this client and everything issued from its grant. */
  revoke(http: HttpPair, options: { clientId: string; refreshToken: string }): Promise<void>;
};

export type HttpPair = { req: IncomingMessage; res: ServerResponse };

type IssuerConfig = {
  provider: Provider;
  /** The pool's one resource (the issuer) and its resource-server settings for a client. */
  resource: string;
  resourceServerInfo: (client: unknown) => object;
  /** The claims every grant carries (the provider's idClaims). */
  idClaims: string[];
  /** Whether the client rotates refresh tokens. */
  rotates: (client: unknown) => boolean;
  /** The provider's own findAccount: undefined for a deleted or disabled user. */
  findAccount: (ctx: KoaContextWithOIDC, sub: string) => Promise<{ accountId: string; claims: (...args: never[]) => unknown } | undefined>;
};

const invalidRefreshToken = () => new AppError("NotAuthorizedException", "Invalid Refresh Token");

export function createTokenIssuer(config: IssuerConfig): TokenIssuer {
  const { provider, resource } = config;
  type Ctx = KoaContextWithOIDC;

  /** Runs `fn` as oidc-provider runs a token request: an OIDC context holding the client, in its AsyncLocalStorage. */
  async function inContext<T>(http: HttpPair, clientId: string, request: TokenRequestInfo, fn: (ctx: Ctx) => Promise<T>): Promise<T> {
    const client = await provider.Client.find(clientId);
    if (!client) throw new AppError("ResourceNotFoundException", "User pool client does not exist.");
    const ctx = provider.createContext(http.req, http.res) as unknown as Ctx;
    const oidc = new provider.OIDCContext(ctx);
    Object.defineProperty(ctx, "oidc", { value: oidc });
    oidc.entity("Client", client);
    markTokenRequest(ctx, request);
    return (als as { run<R>(store: unknown, fn: () => R): R }).run(ctx, () => fn(ctx));
  }

  async function accountOf(ctx: Ctx, accountId: string) {
    const account = await config.findAccount(ctx, accountId);
    // findAccount answers nothing for a deleted or disabled user.
    if (!account) throw new AppError("NotAuthorizedException", "User is disabled.");
    ctx.oidc.entity("Account", account);
    return account;
  }

  async function accessToken(ctx: Ctx, source: { accountId: string; grantId: string; gty: string }) {
    const at = new provider.AccessToken({ accountId: source.accountId, client: ctx.oidc.client!, grantId: source.grantId, gty: source.gty, expiresWithSession: false });
    at.resourceServer = new provider.ResourceServer(resource, config.resourceServerInfo(ctx.oidc.client) as never);
    at.scope = USER_ADMIN_SCOPE;
    ctx.oidc.entity("AccessToken", at);
    return { value: await at.save(), expiresIn: at.expiration };
  }

  async function idToken(ctx: Ctx, source: { amr?: string[]; authTime?: number }) {
    const claims = await (ctx.oidc.account as { claims: (use: string, scope: string, claims: object, rejected: string[]) => Promise<Record<string, unknown>> })
      .claims("id_token", "openid", {}, []);
    const token = new provider.IdToken({ ...claims, sub: ctx.oidc.account!.accountId, amr: source.amr, auth_time: source.authTime }, { ctx });
    (token as unknown as { scope: string }).scope = "openid";
    return token.issue({ use: "idtoken" });
  }

  return {
    signIn(http, { clientId, userId, amr, source = "Authentication", clientMetadata, deviceKey }) {
      return inContext(http, clientId, { source, clientMetadata }, async (ctx) => {
        await accountOf(ctx, userId);
        markTokenDevice(ctx, deviceKey);
        const grant = new provider.Grant({ accountId: userId, clientId });
        grant.addOIDCScope(`openid ${USER_ADMIN_SCOPE}`);
        grant.addOIDCClaims(config.idClaims);
        grant.addResourceScope(resource, USER_ADMIN_SCOPE);
        const grantId = await grant.save();
        const authTime = Math.floor(Date.now() / 1000);
        const rt = new provider.RefreshToken({
          accountId: userId, amr, authTime, client: ctx.oidc.client!, expiresWithSession: false, grantId,
          gty: "cognito_api", resource, rotations: 0, scope: `openid ${USER_ADMIN_SCOPE}`,
          // What the authorization endpoint records for a client with require_auth_time: without it the
          // token endpoint's refresh_token grant masks auth_time out of the ID token.
          claims: { id_token: { auth_time: { essential: true } } },
        });
        // The access token's customizer takes auth_time from the refresh token of the request.
        ctx.oidc.entity("RefreshToken", rt);
        const at = await accessToken(ctx, { accountId: userId, grantId, gty: "cognito_api" });
        const refreshToken = await rt.save();
        return { AccessToken: at.value, IdToken: await idToken(ctx, { amr, authTime }), RefreshToken: refreshToken, ExpiresIn: at.expiresIn, TokenType: "Bearer" };
      });
    },

    refresh(http, { clientId, refreshToken: value, assertOwner, clientMetadata, deviceKeyFor }) {
      return inContext(http, clientId, { source: "RefreshTokens", clientMetadata }, async (ctx) => {
        let rt = await provider.RefreshToken.find(value, { ignoreExpiration: true });
        if (!rt || rt.clientId !== clientId) throw invalidRefreshToken();
        // The door's own check of whose token it is (the Cognito API's SECRET_HASH names the user).
        if (assertOwner) await assertOwner(rt.accountId);
        if (rt.isExpired) throw new AppError("NotAuthorizedException", "Refresh Token has expired");
        const grant = await provider.Grant.find(rt.grantId!, { ignoreExpiration: true });
        if (!grant || grant.isExpired || grant.clientId !== clientId || grant.accountId !== rt.accountId) throw new AppError("NotAuthorizedException", "Refresh Token has been revoked");
        ctx.oidc.entity("Grant", grant);
        await accountOf(ctx, rt.accountId);
        if (deviceKeyFor) markTokenDevice(ctx, await deviceKeyFor(rt.accountId));
        if (rt.consumed) {
          // A rotated-away token used again: someone else holds the chain. End it, as the token endpoint does.
          await provider.RefreshToken.adapter.revokeByGrantId(rt.grantId!);
          throw new AppError("NotAuthorizedException", "Refresh Token has been revoked");
        }
        let rotated: string | undefined;
        if (config.rotates(ctx.oidc.client)) {
          // Conditional in the adapter: of two requests with the same token, one wins, the other ends the grant.
          await rt.consume().catch(() => { throw new AppError("NotAuthorizedException", "Refresh Token has been revoked"); });
          ctx.oidc.entity("RotatedRefreshToken", rt);
          rt = new provider.RefreshToken({
            accountId: rt.accountId, amr: rt.amr, authTime: rt.authTime, client: ctx.oidc.client!, expiresWithSession: false,
            claims: rt.claims, grantId: rt.grantId, gty: rt.gty, resource: rt.resource, rotations: (rt.rotations ?? 0) + 1, scope: rt.scope,
          } as never);
          rotated = await rt.save();
        }
        ctx.oidc.entity("RefreshToken", rt);
        const at = await accessToken(ctx, { accountId: rt.accountId, grantId: rt.grantId!, gty: rt.gty ?? "refresh_token" });
        return {
          AccessToken: at.value, IdToken: await idToken(ctx, { amr: rt.amr, authTime: rt.authTime }),
          ...(rotated ? { RefreshToken: rotated } : {}), ExpiresIn: at.expiresIn, TokenType: "Bearer",
        };
      });
    },

    revoke(http, { clientId, refreshToken: value }) {
      return inContext(http, clientId, { source: "RefreshTokens" }, async () => {
        const rt = await provider.RefreshToken.find(value, { ignoreExpiration: true });
        // Cognito answers an unknown token as revoked; another client's is refused.
        if (!rt) return;
        if (rt.clientId !== clientId) throw new AppError("UnauthorizedException", "Token does not belong to this client.");
        await provider.RefreshToken.adapter.revokeByGrantId(rt.grantId!);
      });
    },
  };
}
