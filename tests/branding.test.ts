// Branding over HTTP: drafts, publishing (seen on the real hosted pages, on every instance),
// per-client overrides, uploads and the custom-CSS and contrast rules.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { startServer, type RunningServer } from "./support/server.ts";
import { TestBrowser } from "./support/browser.ts";
import { ADMIN_EMAIL, ADMIN_PASSWORD, apiClient, createApiKey } from "./support/console.ts";
import { POOL, testConfig } from "./support/fixtures.ts";
import { pkceAuthorizeRequest } from "./support/oauth.ts";
import { solidPng } from "./support/png.ts";

let server: RunningServer;
let api: ReturnType<typeof apiClient>;
let key: string;

before(async () => {
  server = await startServer({ config: testConfig(), env: { GATEHOUSE_ADMIN_EMAIL: ADMIN_EMAIL, GATEHOUSE_ADMIN_PASSWORD: ADMIN_PASSWORD } });
  key = await createApiKey(server.url, "branding");
  api = apiClient(server.url, key);
});
after(async () => {
  await server?.stop();
});

async function loginPage(base: string, clientId = "web") {
  const browser = new TestBrowser(base);
  return browser.request(pkceAuthorizeRequest(base, { pool: POOL, clientId }).url);
}

async function draftOf(clientId?: string) {
  const { body } = await api("GET", `/pools/${POOL}/branding${clientId ? `?clientId=${clientId}` : ""}`);
  return body.draft;
}

async function upload(type: string, body: Buffer | string) {
  const response = await fetch(`${server.url}/api/admin/pools/${POOL}/branding/assets`, { method: "POST", headers: { authorization: `Bearer ${key}`, "content-type": type }, body: typeof body === "string" ? body : new Uint8Array(body) });
  return { status: response.status, body: (await response.json()) as { id?: string; url?: string; error?: { message: string } } };
}

describe("branding", () => {
  test("a draft is not shown to users; publishing shows it on the next page load", async () => {
    const draft = await draftOf();
    const saved = await api("PUT", `/pools/${POOL}/branding/draft`, { ...draft, colors: { ...draft.colors, primary: "#0f766e" }, texts: { signInTitle: "Welcome back" } });
    assert.equal(saved.status, 200);
    assert.doesNotMatch((await loginPage(server.url)).html, /#0f766e/);
    const published = await api("POST", `/pools/${POOL}/branding/publish`);
    assert.equal(published.body.hasDraft, false);
    const page = await loginPage(server.url);
    assert.match(page.html, /--gh-primary: #0f766e/);
    assert.match(page.html, /Welcome back/);
  });

  test("an app client's overrides apply to its pages only, and it follows the pool for the rest", async () => {
    const draft = await draftOf("confidential");
    await api("PUT", `/pools/${POOL}/branding/draft?clientId=confidential`, { ...draft, colors: { ...draft.colors, primary: "#7c3aed" } });
    await api("POST", `/pools/${POOL}/branding/publish?clientId=confidential`);
    assert.match((await loginPage(server.url, "confidential")).html, /--gh-primary: #7c3aed/);
    assert.match((await loginPage(server.url, "web")).html, /--gh-primary: #0f766e/);
    // A later pool change reaches the client for what it did not override.
    const pool = await draftOf();
    await api("PUT", `/pools/${POOL}/branding/draft`, { ...pool, radius: 4 });
    await api("POST", `/pools/${POOL}/branding/publish`);
    const clientPage = (await loginPage(server.url, "confidential")).html;
    assert.match(clientPage, /--gh-radius: 4px/);
    assert.match(clientPage, /--gh-primary: #7c3aed/);
  });

  test("custom CSS is scoped to the hosted pages and cannot load anything", async () => {
    const draft = await draftOf();
    const saved = await api("PUT", `/pools/${POOL}/branding/draft`, { ...draft, customCss: '@import url("https://evil.example/x.css");\nbody { background: url(https://evil.example/t.png); }\nh1 { letter-spacing: -0.02em; }' });
    assert.equal(saved.status, 200);
    assert.ok(saved.body.cssWarnings.some((w: string) => /@import/.test(w)));
    await api("POST", `/pools/${POOL}/branding/publish`);
    const html = (await loginPage(server.url)).html;
    assert.match(html, /\.gh-hosted h1\s*\{\s*letter-spacing: -0\.02em/);
    assert.doesNotMatch(html, /evil\.example/);
  });

  test("custom CSS that cannot be parsed is refused with the line", async () => {
    const draft = await draftOf();
    const { status, body } = await api("PUT", `/pools/${POOL}/branding/draft`, { ...draft, customCss: "h1 { color: red;" });
    assert.equal(status, 400);
    assert.equal(body.error.field, "customCss");
    assert.match(body.error.message, /line 1/);
  });

  test("custom CSS can never close the style element", async () => {
    const draft = await draftOf();
    await api("PUT", `/pools/${POOL}/branding/draft`, { ...draft, customCss: 'h1 { font-family: "</style><script>alert(1)</script>"; }' });
    await api("POST", `/pools/${POOL}/branding/publish`);
    assert.doesNotMatch((await loginPage(server.url)).html, /<script>alert/);
  });

  test("colours that fail WCAG AA contrast come back as warnings", async () => {
    const draft = await draftOf();
    const { body } = await api("PUT", `/pools/${POOL}/branding/draft`, { ...draft, colors: { ...draft.colors, text: "#aaaaaa" } });
    assert.ok(body.contrast.some((w: { pair: string; ratio: number }) => w.pair === "Text on surface" && w.ratio < 4.5));
    await api("DELETE", `/pools/${POOL}/branding/draft`);
  });

  test("uploads: an image is stored and served immutable and sandboxed; a fake or scripted one is refused", async () => {
    const ok = await upload("image/png", solidPng(1, 1, [200, 30, 30]));
    assert.equal(ok.status, 201);
    const served = await fetch(`${server.url}${ok.body.url}`);
    assert.equal(served.headers.get("content-type"), "image/png");
    assert.match(served.headers.get("cache-control") ?? "", /immutable/);
    assert.match(served.headers.get("content-security-policy") ?? "", /sandbox/);
    assert.equal((await upload("image/png", "<html><script>alert(1)</script></html>")).status, 400);
    const svg = await upload("image/svg+xml", '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="1" height="1"/></svg>');
    assert.equal(svg.status, 400);
    assert.equal((await upload("text/html", "<p>hi</p>")).status, 415);
    assert.equal((await upload("image/png", Buffer.alloc(600 * 1024, 1))).status, 413);

    const draft = await draftOf();
    assert.equal((await api("PUT", `/pools/${POOL}/branding/draft`, { ...draft, logo: "0".repeat(64) })).status, 400, "an unknown asset id is refused");
    await api("PUT", `/pools/${POOL}/branding/draft`, { ...draft, logo: ok.body.id, customCss: "" });
    await api("POST", `/pools/${POOL}/branding/publish`);
    assert.match((await loginPage(server.url)).html, new RegExp(`<img src="${ok.body.url}" alt="Acme"`));
  });

  test("branding and its images survive an export and import into another pool", async () => {
    const { body: doc } = await api("GET", `/pools/${POOL}/export?users=false`);
    assert.ok(doc.branding?.logo);
    assert.ok(doc.brandingAssets.length >= 1);
    assert.equal(doc.clients.find((c: { clientId: string }) => c.clientId === "confidential").branding.colors.primary, "#7c3aed");
    const copy = { ...doc, id: "local_BrandCopy", name: "Copy", clients: doc.clients.map((c: { clientId: string }) => ({ ...c, clientId: `${c.clientId}-copy` })) };
    const imported = await api("POST", "/pools/import", copy);
    assert.equal(imported.status, 200, JSON.stringify(imported.body));
    const { body: again } = await api("GET", "/pools/local_BrandCopy/export?users=false");
    assert.deepEqual(again.branding, doc.branding);
    assert.deepEqual(again.brandingAssets, doc.brandingAssets);
    const page = await new TestBrowser(server.url).request(pkceAuthorizeRequest(server.url, { pool: "local_BrandCopy", clientId: "web-copy" }).url);
    assert.match(page.html, new RegExp(`<img src="/local_BrandCopy/branding/${doc.branding.logo}"`));
    const missing = await api("POST", "/pools/import", { ...copy, id: "local_BrandCop2", clients: [], brandingAssets: [] });
    assert.equal(missing.status, 400, "branding that names an image the document does not carry is refused");
  });

  test("publishing reaches every instance at once (shared database, Redis invalidation)", { skip: !process.env.DATABASE_URL || !process.env.REDIS_URL ? "needs DATABASE_URL and REDIS_URL" : false }, async () => {
    const second = await startServer({ shareWith: server });
    try {
      // The second instance has built (and cached) the pool's provider before the change.
      assert.match((await loginPage(second.url)).html, /--gh-primary: #0f766e/);
      const draft = await draftOf();
      await api("PUT", `/pools/${POOL}/branding/draft`, { ...draft, colors: { ...draft.colors, primary: "#be123c" } });
      await api("POST", `/pools/${POOL}/branding/publish`);
      assert.match((await loginPage(second.url)).html, /--gh-primary: #be123c/);
    } finally {
      await second.stop();
    }
  });
});
