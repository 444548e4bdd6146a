// Gatehouse's only entry point: one HTTP server in front of the Next.js app (hosted pages, admin,
// JSON routes) and each pool's oidc-provider, routed by path (docs/architecture.md).
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import next from "next";
import { boot, DEMO_CLIENT_ID, DEMO_POOL_ID, internalUrl } from "./lib/boot.ts";
import { EnvError } from "./lib/config/env.ts";
import { ConfigFileError } from "./lib/config/apply-config.ts";
import { POOL_ID_PATTERN } from "./lib/pools/config-schema.ts";
import { setRuntime, type Runtime } from "./lib/runtime.ts";
import { databaseCounts } from "./lib/db/statement-count.ts";
import { applySecurityHeaders } from "./lib/http/security-headers.ts";
import { normalisedPath, refuseMalformedPath } from "./lib/http/request-path.ts";
import { isMachineEndpoint, routeProtocol } from "./lib/http/route-protocol.ts";
import { handleCognitoApi, isCognitoApiCall } from "./lib/cognito-api/endpoint.ts";
import { clearRequestLocale, deferRequestLocale, resolveRequestLocale } from "./lib/i18n/request-locale.ts";
import { forwardAuthName, handleForwardAuth } from "./lib/authorizers/forward-auth.ts";
import { isUnavailable, sendUnavailable } from "./lib/http/unavailable.ts";
import { IDENTITY_ISSUER_PATH, serveIdentityIssuer } from "./lib/identity-pools/open-id-token.ts";
import { TOKEN_TO_CREDENTIALS_PATH, handleTokenToCredentials } from "./lib/identity-pools/token-to-credentials-route.ts";
import { STS_PATHS, handleSts, isStsQueryCall } from "./lib/identity-pools/sts/endpoint.ts";
import { handleUserImportUpload, isUserImportUpload } from "./lib/user-import/upload-route.ts";
import { HttpError, clientIp, sendHtml } from "./lib/hosted-ui/http.ts";
import { renderProviderError } from "./lib/hosted-ui/protocol-pages.ts";
import { countAdmins } from "./lib/admin/system-pool.ts";
import { LOCAL_REQUEST_HEADER, isLocalRequest, setupToken } from "./lib/admin/setup-access.ts";

const dev = process.argv.includes("--dev");

async function main() {
  const { runtime, demoCreated, shutdown } = await boot();
  setRuntime(runtime);
  const { env, log } = runtime;

  const needsSetup = (await countAdmins(runtime.db)) === 0;
  const app = next({ dev, dir: process.cwd(), hostname: "localhost", port: env.port });
  await app.prepare();
  const handleNext = app.getRequestHandler();

  const server = createServer((req, res) => {
    handle(runtime, req, res, handleNext).catch((error) => {
      // The 503 itself makes handle()'s finish hook re-check the database.
      if (isUnavailable(error)) return res.headersSent ? res.end() : sendUnavailable(req, res);
      const status = error instanceof HttpError ? error.status : 500;
      if (status === 500) log(`error on ${req.method} ${req.url}: ${(error as Error).stack ?? error}`);
      if (res.headersSent) return res.end();
      sendHtml(res, status, renderProviderError({
        pool: null,
        out: { error: status === 500 ? "server_error" : "invalid_request", error_description: status === 500 ? "An unexpected error occurred." : (error as Error).message },
      }));
    });
  });
  server.listen(env.port, env.host, () => {
    const address = server.address();
    const port = typeof address === "object" && address ? address.port : env.port;
    const base = env.publicUrl;
    runtime.internalUrl = internalUrl(env.host, port);
    const issuer = `${base}/${DEMO_POOL_ID}`;
    console.log(`Gatehouse is listening on port ${port}${dev ? " (development)" : ""}.`);
    console.log(`  Public URL:     ${base}`);
    if (demoCreated || !env.configFile) {
      console.log(`  Demo pool:      ${DEMO_POOL_ID} (client ${DEMO_CLIENT_ID})`);
      console.log(`  Issuer:         ${issuer}`);
      console.log(`  Discovery:      ${issuer}/.well-known/openid-configuration`);
      console.log(`  Try a sign-in:  ${base}/demo`);
    }
    console.log(`  Console:        ${base}/admin`);
    if (needsSetup) {
      // Until an admin exists, the set-up page opens only on this machine or with this link.
      console.log(`  First admin:    ${base}/admin/setup?token=${setupToken(runtime.secrets)}`);
    }
    console.log(`GATEHOUSE_READY ${JSON.stringify({ port, publicUrl: base })}`);
  });

  const stop = async () => {
    server.close();
    server.closeAllConnections();
    await shutdown().catch(() => {});
    process.exit(0);
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
  // `kill -USR2 <pid>`: one line of counters on stdout, for benchmarks and operators (bench/README.md).
  process.on("SIGUSR2", () => {
    const { rss, heapUsed, external } = process.memoryUsage();
    console.log(`GATEHOUSE_STATS ${JSON.stringify({ ...databaseCounts(), rss, heapUsed, external })}`);
  });
}

async function handle(rt: Runtime, req: IncomingMessage, res: ServerResponse, handleNext: (req: IncomingMessage, res: ServerResponse) => Promise<void>) {
  const normalised = normalisedPath(req.url);
  applySecurityHeaders(req, res, { dev, https: rt.env.publicUrl.startsWith("https://"), path: normalised });
  // The client's address for Next.js routes (audit log), which cannot see the socket. A client
  // cannot set it: whatever arrives under this name is replaced.
  req.headers["x-gatehouse-client-ip"] = clientIp(req, rt.env.trustProxy);
  const path = (req.url ?? "/").split("?")[0]!;
  if (normalised === null) return refuseMalformedPath(path, res);
  // While the database is down, answer at once rather than queue for a connection. Static files,
  // the health check (which looks for itself), discovery documents served from memory and
  // authorizers (a token seen before is answered from memory; no revocation can happen while the
  // database is away) and STS GetCallerIdentity (it needs no database) pass, judged by the path
  // as the routers read it.
  if (!rt.database.up() && !/^\/(_next\/static\/|api\/health$|[^/]+\/\.well-known\/|authorizers\/|sts\/?$)/.test(normalised)) return sendUnavailable(req, res);
  // A 5xx from anywhere (a Next.js page included) may be the database going away: check now.
  res.once("finish", () => res.statusCode >= 500 && rt.database.up() && rt.database.recheck());
  // Cognito's JSON API: clients set their endpoint to PUBLIC_URL and POST to its root.
  if (normalised === "/" && isCognitoApiCall(req)) return handleCognitoApi(rt, req, res);
  // STS GetCallerIdentity for local credentials: at /sts, or at / where an SDK given the bare PUBLIC_URL posts its form.
  if (STS_PATHS.has(normalised) || (normalised === "/" && isStsQueryCall(req))) return handleSts(rt, req, res);
  if (normalised === TOKEN_TO_CREDENTIALS_PATH) return handleTokenToCredentials(rt, req, res);
  if (isUserImportUpload(normalised)) return handleUserImportUpload(rt, req, res);
  // The identity pools' OpenID issuer: discovery and JWKS.
  if (normalised.startsWith(`${IDENTITY_ISSUER_PATH}/`) && (await serveIdentityIssuer({ db: rt.db, secrets: rt.secrets, publicUrl: rt.env.publicUrl }, req, res, normalised))) return;
  // Forward-auth for proxies in front of APIs (lib/authorizers/forward-auth.ts).
  const authorizer = forwardAuthName(normalised);
  if (authorizer) return handleForwardAuth(rt, req, res, authorizer);
  const poolId = path.split("/")[1] ?? "";
  if (POOL_ID_PATTERN.test(poolId)) {
    // The language of the pool's pages and of the messages their forms send (lib/i18n/request-locale.ts);
    // machine endpoints resolve it only if they render a page after all.
    const secure = rt.env.publicUrl.startsWith("https://");
    if (isMachineEndpoint(path, poolId)) deferRequestLocale(req, res, { poolId, secure });
    else resolveRequestLocale(req, res, { poolId, poolDefault: (await rt.providers.get(poolId))?.pool.defaultLanguage, secure });
    if (await routeProtocol(rt, req, res, poolId)) return;
  } else clearRequestLocale(req);
  // Likewise whether it is a browser on this machine, which opens the first-run set-up
  // (lib/admin/setup-access.ts); only Next.js pages read it, so protocol requests skip the check.
  req.headers[LOCAL_REQUEST_HEADER] = isLocalRequest(req.socket.remoteAddress, req.headers, req.httpVersion) ? "1" : "0";
  await handleNext(req, res);
}

main().catch((error) => {
  if (error instanceof EnvError || error instanceof ConfigFileError) {
    console.error(error.message);
  } else {
    console.error("Gatehouse failed to start:", error);
  }
  process.exit(1);
});
