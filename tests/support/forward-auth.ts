// What the authorizer tests share: pools, clients, users, an identity pool and two authorizers
// applied through GATEHOUSE_CONFIG; tokens from the real server through the Cognito API; Debian's
// nginx with `auth_request` in front of a small API that echoes what the authorizer told it.
import { spawn, type ChildProcess } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { CognitoIdentityProviderClient, InitiateAuthCommand } from "@aws-sdk/client-cognito-identity-provider";
import type { RunningServer } from "./server.ts";

export const AUTHZ_POOL = "local_Authz0001";
export const OTHER_POOL = "local_Authz0002";
export const IDENTITY_POOL = "local:7c9a4d2e-5b1f-4e8a-9f3d-2a6b8c0d1e4f";
export const OTHER_IDENTITY_POOL = "local:0b6f9a3c-1d2e-4f5a-8b7c-9d0e1f2a3b4c";
export const APP_USER_ROLE = "arn:aws:iam::123456789012:role/AppUser";
export const GUEST_ROLE = "arn:aws:iam::123456789012:role/AppGuest";
export const WRITE_SCOPE = "https://api.example.com/write";
export const PASSWORD = "Passw0rd!";
export const MACHINE_SECRET = "machine-secret-0123456789abcdef";

const policy = { minLength: 8, requireLowercase: true, requireUppercase: true, requireNumbers: true, requireSymbols: false };
const flows = ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"];
const appClient = (clientId: string) => ({
  clientId, clientSecret: null, name: clientId, callbackUrls: ["http://localhost:4000/callback"], logoutUrls: ["http://localhost:4000/"],
  allowedOAuthFlows: ["code"], allowedScopes: ["openid", "email", "aws.cognito.signin.user.admin"], explicitAuthFlows: flows,
});
const user = (username: string, groups: string[] = []) => ({
  username, password: PASSWORD, attributes: { email: `${username}@example.com`, email_verified: "true" }, groups,
});

export function forwardAuthConfig(users: string[] = []) {
  return {
    pools: [
      {
        id: AUTHZ_POOL, name: "Orders", signInAliases: ["username"], autoVerifiedAttributes: ["email"], mfa: "OFF", passwordPolicy: policy,
        resourceServers: [{ identifier: "https://api.example.com", name: "API", scopes: [{ name: "write", description: "Write orders" }] }],
        groups: [{ name: "admins", precedence: 1, description: "" }, { name: "staff", precedence: 5, description: "" }],
        clients: [
          appClient("spa"),
          appClient("other"),
          { clientId: "machine", clientSecret: MACHINE_SECRET, name: "machine", allowedOAuthFlows: ["client_credentials"], allowedScopes: [WRITE_SCOPE] },
        ],
        users: [user("alice", ["staff"]), user("bob", ["admins"]), ...users.map((u) => user(u))],
      },
      {
        id: OTHER_POOL, name: "Elsewhere", signInAliases: ["username"], autoVerifiedAttributes: ["email"], mfa: "OFF", passwordPolicy: policy,
        clients: [appClient("elsewhere")], users: [user("erin")],
      },
    ],
    identityPools: [
      {
        id: IDENTITY_POOL, name: "app", allowUnauthenticatedIdentities: true, providers: [{ poolId: AUTHZ_POOL, clientId: "spa" }],
        roles: { authenticated: APP_USER_ROLE, unauthenticated: GUEST_ROLE },
      },
      { id: OTHER_IDENTITY_POOL, name: "other", allowUnauthenticatedIdentities: true, roles: { unauthenticated: GUEST_ROLE } },
    ],
    authorizers: [
      {
        name: "orders", type: "COGNITO_USER_POOLS", poolIds: [AUTHZ_POOL], tokenUse: "access", clientIds: ["spa", "machine"],
        rules: [
          { methods: ["POST"], path: "/orders/*", scopes: [WRITE_SCOPE] },
          { path: "/admin/*", groups: ["admins"] },
        ],
      },
      { name: "files", type: "AWS_IAM", identityPoolIds: [IDENTITY_POOL], rules: [{ path: "/private/*", roles: [APP_USER_ROLE] }] },
    ],
  };
}

/** A user's tokens, signed in through the Cognito API as an app would (USER_PASSWORD_AUTH). */
export async function signIn(server: RunningServer, username: string, clientId = "spa"): Promise<{ accessToken: string; idToken: string; refreshToken: string }> {
  const cognito = new CognitoIdentityProviderClient({ endpoint: server.url, region: "eu-west-1", credentials: { accessKeyId: "unused", secretAccessKey: "unused" }, maxAttempts: 1 });
  const out = await cognito.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: username, PASSWORD } }));
  const r = out.AuthenticationResult!;
  return { accessToken: r.AccessToken!, idToken: r.IdToken!, refreshToken: r.RefreshToken! };
}

export type EchoApi = { port: number; seen: () => { method: string; url: string; headers: Record<string, string> }[]; stop: () => Promise<void> };

/** The API behind the proxy: answers every request with what it got, X-Gatehouse-* headers included. */
export async function startEchoApi(): Promise<EchoApi> {
  const seen: { method: string; url: string; headers: Record<string, string> }[] = [];
  const server: Server = createServer((req, res) => {
    const headers = Object.fromEntries(Object.entries(req.headers).filter(([k]) => k.startsWith("x-gatehouse-")).map(([k, v]) => [k, String(v)]));
    seen.push({ method: req.method!, url: req.url!, headers });
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ method: req.method, url: req.url, headers }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as { port: number }).port,
    seen: () => seen,
    stop: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

const PASSED = ["sub", "username", "groups", "scopes", "client_id", "claims", "identity_id", "role"];

/**
 * The nginx `auth_request` set-up the README shows, one server per authorizer: `listen` → the API
 * at `api`, each request first asked of `{gatehouse}/authorizers/{name}`.
 */
export function forwardAuthServer(options: { listen: number; gatehouse: string; authorizer: string; api: number }): string {
  const set = PASSED.map((h) => `      auth_request_set $gh_${h} $upstream_http_x_gatehouse_${h};\n      proxy_set_header X-Gatehouse-${h.replace("_", "-")} $gh_${h};`).join("\n");
  return `
  server {
    listen 127.0.0.1:${options.listen};
    location / {
      auth_request /_gatehouse;
${set}
      proxy_pass http://127.0.0.1:${options.api};
    }
    location = /_gatehouse {
      internal;
      proxy_pass ${options.gatehouse}/authorizers/${options.authorizer};
      proxy_pass_request_body off;
      proxy_set_header Content-Length "";
      proxy_set_header X-Original-Content-Length $content_length;
      proxy_set_header X-Original-URI $request_uri;
      proxy_set_header X-Original-Method $request_method;
      proxy_set_header X-Forwarded-Host $http_host;
    }
  }`;
}

export type RunningProxy = { stop: () => Promise<void>; errors: () => string };

/** Debian's nginx, unprivileged, with the given server blocks (tests/support/nginx.ts does the same for load balancing). */
export async function startProxy(servers: string[], ports: number[]): Promise<RunningProxy> {
  const binary = ["/usr/sbin/nginx", "/usr/local/sbin/nginx", "/opt/homebrew/bin/nginx", "/usr/local/bin/nginx"].find((p) => existsSync(p));
  if (!binary) throw new Error("nginx is needed for the authorizer tests: install Debian's nginx-light (`apt-get install nginx-light`).");
  const dir = mkdtempSync(path.join(tmpdir(), "gatehouse-nginx-"));
  // Started as root, nginx's workers run as nobody: they must reach the temp folders.
  chmodSync(dir, 0o755);
  mkdirSync(path.join(dir, "tmp"), { mode: 0o777 });
  chmodSync(path.join(dir, "tmp"), 0o777);
  const conf = `
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 256; }
http {
  access_log off;
  client_body_temp_path ${dir}/tmp/body;
  proxy_temp_path ${dir}/tmp/proxy;
  fastcgi_temp_path ${dir}/tmp/fastcgi;
  uwsgi_temp_path ${dir}/tmp/uwsgi;
  scgi_temp_path ${dir}/tmp/scgi;
  proxy_buffer_size 16k;
  proxy_buffers 8 16k;
${servers.join("\n")}
}
`;
  writeFileSync(path.join(dir, "nginx.conf"), conf);
  const child: ChildProcess = spawn(binary, ["-p", dir, "-c", "nginx.conf", "-e", path.join(dir, "error.log"), "-g", "daemon off;"], { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout!.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (output += d.toString()));
  const errors = () => output + (existsSync(path.join(dir, "error.log")) ? readFileSync(path.join(dir, "error.log"), "utf8") : "");
  const deadline = Date.now() + 10_000;
  for (const port of ports) {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`nginx exited with ${child.exitCode}: ${errors()}`);
      if (await accepts(port)) break;
      if (Date.now() > deadline) throw new Error(`nginx did not start: ${errors()}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    errors,
    stop: () =>
      new Promise<void>((resolve) => {
        const done = () => (rmSync(dir, { recursive: true, force: true }), resolve());
        if (child.exitCode !== null || child.signalCode !== null) return done();
        child.once("exit", done);
        child.kill("SIGQUIT");
        setTimeout(() => child.kill("SIGKILL"), 5000).unref();
      }),
  };
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => (socket.destroy(), resolve(true)));
    socket.once("error", () => resolve(false));
  });
}
