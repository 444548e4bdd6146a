// Signing a user out everywhere also ends the sign-ins they have in progress: a browser that got
// past the password before the sign-out cannot finish afterwards and get tokens. Run with and
// without Redis (where hosted sign-ins keep their progress: lib/hosted-ui/flow.ts).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { generate } from "otplib";
import { startServer, type RunningServer } from "../support/server.ts";
import { CALLBACK, MFA_POOL, PASSWORD, testConfig } from "../support/fixtures.ts";
import { TestBrowser } from "../support/browser.ts";
import { pkceAuthorizeRequest } from "../support/oauth.ts";
import { ADMIN_ENV } from "../support/cognito-admin.ts";
import { apiClient, createApiKey } from "../support/console.ts";

const servers: RunningServer[] = [];
after(async () => {
  for (const server of servers) await server.stop();
});

for (const redis of [true, false]) {
  const where = redis ? "Redis" : "the database";
  let server: RunningServer;
  let api: ReturnType<typeof apiClient>;
  before(async () => {
    const env: Record<string, string> = { ...ADMIN_ENV };
    if (!redis) env.REDIS_URL = "";
    server = await startServer({ config: testConfig(), env });
    servers.push(server);
    api = apiClient(server.url, await createApiKey(server.url));
  });

  test(`a sign-in waiting for its second factor ends when the user is signed out (flows in ${where})`, { skip: redis && !process.env.REDIS_URL ? "needs REDIS_URL" : false }, async () => {
    const browser = new TestBrowser(server.url);
    const login = await browser.request(pkceAuthorizeRequest(server.url, { pool: MFA_POOL, clientId: "secure-web" }).url);
    const setup = await browser.submit(login, { login: "dave@example.com", password: PASSWORD });
    assert.match(setup.url, /\/mfa-setup$/);
    const secret = /data-testid="totp-secret"[^>]*>([^<]+)</.exec(setup.html)![1]!.replace(/\s+/g, "");

    const { status } = await api("POST", `/pools/${MFA_POOL}/users/dave/sign-out`);
    assert.equal(status, 200);

    // Had the sign-in lived on, the code would lead to the recovery codes and, on Continue, to the app.
    let page = await browser.submit(setup, { code: await generate({ secret }) });
    if (/\/recovery-codes$/.test(page.url)) page = await browser.submit(page, {});
    assert.ok(!page.url.startsWith(CALLBACK), `the sign-in finished after the sign-out, at ${page.url}`);
    assert.match(page.html, /This sign-in page has expired/);
  });
}
