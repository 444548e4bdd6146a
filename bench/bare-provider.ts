// A bare oidc-provider, the yardstick for Gatehouse's token endpoint: the same library from
// node_modules with its in-memory adapter, one RS256 key, one confidential client allowed
// client_credentials and refresh_token, and JWT access tokens (RS256) for one resource, as
// lib/oidc/provider.ts configures them. It runs as its own process so that the benchmark reads its
// CPU from /proc exactly as it reads Gatehouse's.
//   tsx bench/bare-provider.ts --port 4100
// Prints `BARE_READY {"url":…,"refreshToken":…}` on stdout once it listens; the refresh token
// belongs to a grant made here at start (no sign-in), and it does not rotate.
import { generateKeyPairSync } from "node:crypto";
import { createServer } from "node:http";
import { parseArgs } from "node:util";
import Provider, { type Configuration } from "oidc-provider";
import { BARE_CLIENT, BARE_RESOURCE_SCOPE } from "./support.ts";


const { values } = parseArgs({ options: { port: { type: "string", default: "4100" } } });
const port = Number(values.port);
const issuer = `http://localhost:${port}/local_Bare00001`;
const resource = issuer;
const scopes = ["openid", "email", "phone", "profile", "aws.cognito.signin.user.admin", BARE_RESOURCE_SCOPE];
const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
const jwk = { ...privateKey.export({ format: "jwk" }), kid: "bare-1", alg: "RS256", use: "sig" };

const configuration: Configuration = {
  clients: [{
    client_id: BARE_CLIENT.id, client_secret: BARE_CLIENT.secret, grant_types: ["client_credentials", "refresh_token", "authorization_code"],
    redirect_uris: ["http://localhost:4000/callback"], response_types: ["code"], scope: scopes.join(" "), token_endpoint_auth_method: "client_secret_basic",
  }],
  jwks: { keys: [jwk] },
  scopes,
  claims: { openid: ["sub", "email", "email_verified"] },
  conformIdTokenClaims: false,
  clientDefaults: { id_token_signed_response_alg: "RS256", grant_types: ["authorization_code"], response_types: ["code"] },
  routes: { token: "/oauth2/token", jwks: "/.well-known/jwks.json" },
  features: {
    devInteractions: { enabled: false },
    userinfo: { enabled: false },
    clientCredentials: { enabled: true },
    resourceIndicators: {
      enabled: true,
      defaultResource: () => resource,
      useGrantedResource: () => true,
      getResourceServerInfo: () => ({ scope: scopes.join(" "), audience: resource, accessTokenTTL: 3600, accessTokenFormat: "jwt", jwt: { sign: { alg: "RS256" } } }),
    },
  },
  // The claims Gatehouse's customizer adds, as constants: the token has the same shape and size.
  formats: {
    customizers: {
      jwt: async (_ctx, token, jwt) => {
        const payload = jwt.payload as Record<string, unknown>;
        Object.defineProperty(payload, "aud", { value: payload.aud, enumerable: false });
        payload.token_use = "access";
        payload.version = 2;
        payload.client_id = token.clientId;
        const accountId = (token as { accountId?: string }).accountId;
        if (accountId) {
          payload.username = "alice";
          payload["cognito:groups"] = ["staff"];
          payload.origin_jti = (token as { grantId?: string }).grantId;
        }
      },
    },
  },
  findAccount: async (_ctx, sub) => ({ accountId: sub, claims: () => ({ sub, email: "alice@example.com", email_verified: true }) }),
  issueRefreshToken: async () => true,
  rotateRefreshToken: () => false,
  expiresWithSession: () => false,
  ttl: { AccessToken: 3600, ClientCredentials: 3600, IdToken: 3600, RefreshToken: 30 * 86400, Grant: 30 * 86400, AuthorizationCode: 300, Interaction: 3600, Session: 3600 },
};

const provider = new Provider(issuer, configuration);
provider.proxy = true;
provider.on("server_error", (_ctx, error) => console.error(`bare provider: ${(error).stack}`));

// A user's grant and refresh token, made as the authorization-code exchange would make them.
const accountId = "00000000-0000-4000-8000-00000000a11c";
const grant = new provider.Grant({ clientId: BARE_CLIENT.id, accountId });
grant.addOIDCScope("openid email");
grant.addOIDCClaims(["sub", "email", "email_verified"]);
grant.addResourceScope(resource, "openid email");
const grantId = await grant.save();
const client = await provider.Client.find(BARE_CLIENT.id);
const refreshToken = new provider.RefreshToken({
  client, accountId, grantId, scope: "openid email", resource, gty: "authorization_code", authTime: Math.floor(Date.now() / 1000), expiresWithSession: false,
} as never);
const refreshTokenValue = await refreshToken.save();

// The provider sits under the pool's path, as Gatehouse mounts it.
const callback = provider.callback();
const prefix = new URL(issuer).pathname;
const server = createServer((req, res) => {
  if (!req.url?.startsWith(prefix)) {
    res.statusCode = 404;
    return res.end();
  }
  req.url = req.url.slice(prefix.length) || "/";
  void callback(req, res);
});
server.listen(port, "127.0.0.1", () => {
  console.log(`BARE_READY ${JSON.stringify({ url: issuer, refreshToken: refreshTokenValue })}`);
});
process.on("SIGTERM", () => server.close(() => process.exit(0)));
