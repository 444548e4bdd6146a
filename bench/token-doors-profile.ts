// A CPU profile of the server while it answers userInfo or refresh_token (not a test: run by hand):
//   DOOR=userInfo|refresh node_modules/.bin/node --import tsx bench/token-doors-profile.ts /tmp/profile-dir
// then read the .cpuprofile the server wrote there (e.g. in Chrome's DevTools).
import { createHash, randomBytes } from "node:crypto";
import { startServer } from "../tests/support/server.ts";
import { TestBrowser } from "../tests/support/browser.ts";
import { CALLBACK, PASSWORD } from "../tests/support/fixtures.ts";

const POOL = "local_Profile01";
const dir = process.argv[2] ?? "/tmp";
const door = process.env.DOOR ?? "userInfo";
const server = await startServer({
  nodeArgs: ["--cpu-prof", `--cpu-prof-dir=${dir}`],
  config: {
    pools: [{
      id: POOL, name: "Profile", signInAliases: ["email"], autoVerifiedAttributes: ["email"], mfa: "OFF",
      passwordPolicy: { minLength: 8, requireLowercase: true, requireUppercase: true, requireNumbers: true, requireSymbols: false },
      groups: [{ name: "staff", precedence: 5, description: "" }],
      clients: [{ clientId: "web", clientSecret: null, name: "web", callbackUrls: [CALLBACK], allowedOAuthFlows: ["code"], allowedScopes: ["openid", "email", "profile"] }],
      users: [{ username: "p", password: PASSWORD, attributes: { email: "p@example.com", email_verified: "true" }, groups: ["staff"] }],
    }],
  },
});
try {
  const issuer = `${server.url}/${POOL}`;
  const verifier = randomBytes(32).toString("base64url");
  const query = new URLSearchParams({
    client_id: "web", response_type: "code", scope: "openid email profile", redirect_uri: CALLBACK, state: "s",
    code_challenge: createHash("sha256").update(verifier).digest("base64url"), code_challenge_method: "S256",
  });
  const browser = new TestBrowser(server.url);
  const done = await browser.submit(await browser.request(`${issuer}/oauth2/authorize?${query}`), { login: "p@example.com", password: PASSWORD });
  const form = { grant_type: "authorization_code", client_id: "web", code: new URL(done.url).searchParams.get("code")!, code_verifier: verifier, redirect_uri: CALLBACK };
  const post = (body: Record<string, string>) => fetch(`${issuer}/oauth2/token`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams(body) });
  const tokens = (await (await post(form)).json()) as Record<string, string>;
  const count = Number(process.env.N ?? 2000);
  let next = 0;
  await Promise.all(Array.from({ length: 4 }, async () => {
    while (next++ < count) {
      const res = door === "refresh"
        ? await post({ grant_type: "refresh_token", client_id: "web", refresh_token: tokens.refresh_token! })
        : await fetch(`${issuer}/oauth2/userInfo`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
      await res.arrayBuffer();
    }
  }));
} finally {
  await server.stop();
}
