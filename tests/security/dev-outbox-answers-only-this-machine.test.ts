// The development outbox (GATEHOUSE_DEV_OUTBOX=1) holds codes and temporary passwords, so even when
// left on it answers only a browser or test on the server itself, by the set-up page's rule
// (loopback socket, no forwarding headers, a local Host, not HTTP/1.0): never through a proxy.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { startServer, type RunningServer } from "../support/server.ts";
import { TestBrowser } from "../support/browser.ts";
import { POOL, testConfig } from "../support/fixtures.ts";
import { pkceAuthorizeRequest, readOutbox } from "../support/oauth.ts";
import { rawRequest } from "../support/raw-http.ts";

const EMAIL = "forgetful@example.com";
let server: RunningServer;
before(async () => {
  server = await startServer({ config: testConfig() });
  // A reset code goes to the outbox.
  const browser = new TestBrowser(server.url);
  const login = await browser.request(pkceAuthorizeRequest(server.url, { pool: POOL, clientId: "web" }).url);
  const forgot = await browser.request(login.url.replace(/\/login$/, "/forgot-password"));
  await browser.submit(forgot, { login: EMAIL });
  for (let i = 0; i < 50 && (await readOutbox(server.url, EMAIL)).length === 0; i++) await new Promise((r) => setTimeout(r, 100));
});
after(async () => {
  await server?.stop();
});

const path = () => `${server.url}/api/dev/outbox?to=${encodeURIComponent(EMAIL)}`;

test("a test on the server itself reads the outbox", async () => {
  const [message] = await readOutbox(server.url, EMAIL);
  assert.ok(message?.code, "the reset code is there");
});

test("through a proxy, under a public Host or over HTTP/1.0, the outbox does not exist", async () => {
  const requests: { name: string; headers: Record<string, string>; httpVersion?: "1.0" }[] = [
    { name: "X-Forwarded-For", headers: { "x-forwarded-for": "203.0.113.9" } },
    { name: "Forwarded", headers: { forwarded: "for=203.0.113.9" } },
    { name: "X-Real-IP", headers: { "x-real-ip": "203.0.113.9" } },
    { name: "a public Host", headers: { host: "id.example.com" } },
    { name: "HTTP/1.0", headers: { host: `127.0.0.1:${server.port}` }, httpVersion: "1.0" },
  ];
  for (const request of requests) {
    const response = await rawRequest(path(), { headers: request.headers, httpVersion: request.httpVersion });
    assert.equal(response.status, 404, request.name);
    assert.doesNotMatch(response.body, /forgetful|code/i, request.name);
  }
});
