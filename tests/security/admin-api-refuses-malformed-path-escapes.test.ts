// A malformed %-escape in a path is the client's mistake: the admin API answers 400 in its own
// error shape, and other paths answer 400 too, never 500 (issue 8, item 9). Next.js failed on
// such paths before any of our code ran, so the server refuses them first.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { startServer, type RunningServer } from "../support/server.ts";
import { ADMIN_EMAIL, ADMIN_PASSWORD, createApiKey } from "../support/console.ts";
import { POOL, testConfig } from "../support/fixtures.ts";

let server: RunningServer;
let key: string;
before(async () => {
  server = await startServer({ config: testConfig(), env: { GATEHOUSE_ADMIN_EMAIL: ADMIN_EMAIL, GATEHOUSE_ADMIN_PASSWORD: ADMIN_PASSWORD } });
  key = await createApiKey(server.url, "escapes");
});
after(async () => {
  await server?.stop();
});

const MALFORMED = ["/pools/%E0%A4%A", "/pools/%E0%A4%A/users", `/pools/${POOL}/users/%`, `/pools/${POOL}/users/%zz/groups`, "/%C0"];

test("the admin API answers a malformed escape with 400 InvalidParameterException, with or without a key", async () => {
  for (const path of MALFORMED) {
    for (const headers of [{ authorization: `Bearer ${key}` }, {}] as Record<string, string>[]) {
      for (const method of ["GET", "DELETE"]) {
        const response = await fetch(`${server.url}/api/admin${path}`, { method, headers });
        assert.equal(response.status, 400, `${method} ${path}`);
        assert.match(response.headers.get("content-type") ?? "", /application\/json/);
        const body = (await response.json()) as { error: { code: string; message: string } };
        assert.equal(body.error.code, "InvalidParameterException", path);
        assert.match(body.error.message, /URL encoding/);
      }
    }
  }
  // A well-formed escape still reaches the API.
  const ok = await fetch(`${server.url}/api/admin/pools/${POOL}/users/alice%40example.com`, { headers: { authorization: `Bearer ${key}` } });
  assert.equal(ok.status, 200);
});

test("other paths with a malformed escape are a 400 too, not a server error", async () => {
  for (const path of ["/admin/pools/%E0%A4%A", `/${POOL}/branding/%E0%A4%A`, "/%E0%A4%A", `/${POOL}/oauth2/authorize%E0`]) {
    const response = await fetch(`${server.url}${path}`, { redirect: "manual" });
    assert.equal(response.status, 400, path);
  }
});
