// An uploaded branding asset is served with the sandboxing CSP however its path is spelt (issue 8,
// item 9): %-encoded letters, dot segments and the like reach the same asset route, so the policy
// is chosen from the path as the router reads it. An SVG opened directly is also downloaded.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { startServer, type RunningServer } from "../support/server.ts";
import { ADMIN_EMAIL, ADMIN_PASSWORD, createApiKey } from "../support/console.ts";
import { POOL, testConfig } from "../support/fixtures.ts";
import { rawRequest } from "../support/raw-http.ts";

const SANDBOX = "default-src 'none'; style-src 'unsafe-inline'; sandbox";
let server: RunningServer;
let id: string;
before(async () => {
  server = await startServer({ config: testConfig(), env: { GATEHOUSE_ADMIN_EMAIL: ADMIN_EMAIL, GATEHOUSE_ADMIN_PASSWORD: ADMIN_PASSWORD } });
  const key = await createApiKey(server.url, "assets");
  const uploaded = await fetch(`${server.url}/api/admin/pools/${POOL}/branding/assets`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "image/svg+xml" },
    body: '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 4"><rect width="4" height="4" fill="#0f766e"/></svg>',
  });
  assert.equal(uploaded.status, 201);
  id = ((await uploaded.json()) as { id: string }).id;
});
after(async () => {
  await server?.stop();
});

test("every spelling of an asset's path that serves it carries the sandbox", async () => {
  const hex = (c: string) => `%${c.charCodeAt(0).toString(16)}`;
  const spellings = [
    `/${POOL}/branding/${id}`,
    `/${POOL}/branding/${hex(id[0]!)}${id.slice(1)}`,
    `/${POOL}/branding/${id.slice(0, 63)}${hex(id[63]!)}`,
    `/${POOL}/branding/${[...id].map(hex).join("")}`,
    `/${hex(POOL[0]!)}${POOL.slice(1)}/branding/${id}`,
    `/${POOL}/%62randing/${id}`,
    `/${POOL}/x/../branding/${id}`,
    `/${POOL}/x/%2e%2e/branding/${id}`,
    `/${POOL}/x/%2E%2E/branding/${id}`,
    `/${POOL}/branding/./${id}`,
    `/${POOL}/branding/%2e/${id}`,
    `/${POOL}/branding/${id}?download=1`,
  ];
  let served = 0;
  for (const path of spellings) {
    for (const method of ["GET", "HEAD"]) {
      // Sent exactly as spelt: fetch would resolve the dot segments itself.
      const response = await rawRequest(`${server.url}${path}`, { method });
      if (response.status !== 200) continue;
      served++;
      assert.equal(response.headers["content-type"], "image/svg+xml", `${method} ${path}`);
      assert.equal(response.headers["content-security-policy"], SANDBOX, `${method} ${path}`);
      assert.equal(response.headers["content-disposition"], "attachment", `${method} ${path}`);
    }
  }
  // The spellings the router resolves (escaped letters, dot segments) did reach the asset.
  assert.ok(served >= 14, `only ${served} requests served the asset`);
});

test("hosted pages keep their own policy (the sandbox is for assets only)", async () => {
  const response = await fetch(`${server.url}/admin/sign-in`);
  assert.match(response.headers.get("content-security-policy") ?? "", /script-src 'self' 'nonce-/);
});
