// An uploaded SVG must be a picture and nothing more (issue 8, item 9): SMIL that rewrites an event
// handler or a link (<set attributeName="onload">, <animate attributeName="href" to="javascript:…">,
// <set attributeName="xlink:href">), scripts and handlers in any spelling are refused at upload
// and at import. The rules are tested in depth in lib/branding/svg-safety.test.ts.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { startServer, type RunningServer } from "../support/server.ts";
import { ADMIN_EMAIL, ADMIN_PASSWORD, apiClient, createApiKey } from "../support/console.ts";
import { POOL, testConfig } from "../support/fixtures.ts";

let server: RunningServer;
let key: string;
before(async () => {
  server = await startServer({ config: testConfig(), env: { GATEHOUSE_ADMIN_EMAIL: ADMIN_EMAIL, GATEHOUSE_ADMIN_PASSWORD: ADMIN_PASSWORD } });
  key = await createApiKey(server.url, "svg");
});
after(async () => {
  await server?.stop();
});

const NS = 'xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"';
const ATTACKS = [
  `<svg ${NS}><set attributeName="onload" to="alert(document.domain)"/></svg>`,
  `<svg ${NS}><rect width="9" height="9"><set attributeName="onmouseover" to="alert(1)"/></rect></svg>`,
  `<svg ${NS}><a><animate attributeName="href" to="javascript:alert(1)"/><text y="9">logo</text></a></svg>`,
  `<svg ${NS}><a xlink:href="#l"><set attributeName="xlink:href" to="javascript:alert(1)"/><rect width="9" height="9"/></a></svg>`,
  `<svg ${NS}><animateTransform attributeName="href" values="javascript:alert(1)"/></svg>`,
  `<svg ${NS}><x:script xmlns:x="http://www.w3.org/2000/svg">alert(1)</x:script></svg>`,
  `<svg ${NS}><use href="&#106;avascript:alert(1)"/></svg>`,
  `<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY s "&#60;script&#62;alert(1)&#60;/script&#62;">]><svg ${NS}>&s;</svg>`,
];

async function upload(svg: string) {
  const response = await fetch(`${server.url}/api/admin/pools/${POOL}/branding/assets`, { method: "POST", headers: { authorization: `Bearer ${key}`, "content-type": "image/svg+xml" }, body: svg });
  return { status: response.status, body: (await response.json()) as { error?: { code: string; message: string; field?: string } } };
}

test("an SVG with SMIL that sets handlers or links, or with script in any spelling, is refused at upload", async () => {
  for (const svg of ATTACKS) {
    const { status, body } = await upload(svg);
    assert.equal(status, 400, svg);
    assert.equal(body.error?.code, "InvalidParameterException");
    assert.equal(body.error?.field, "file");
  }
  const picture = await upload(`<svg ${NS} viewBox="0 0 9 9"><g><animateTransform attributeName="transform" type="rotate" from="0" to="360" dur="3s"/><rect width="9" height="9"/></g></svg>`);
  assert.equal(picture.status, 201, "a plain (even gently animated) drawing is accepted");
});

test("an imported pool cannot bring such an SVG in either", async () => {
  const api = apiClient(server.url, key);
  const { body: doc } = await api("GET", `/pools/${POOL}/export?users=false`);
  const svg = ATTACKS[0]!;
  const copy = {
    ...doc, id: "local_SvgImport", name: "SVG import", clients: [],
    brandingAssets: [{ contentType: "image/svg+xml", data: Buffer.from(svg).toString("base64") }],
  };
  const imported = await api("POST", "/pools/import", copy);
  assert.equal(imported.status, 400, JSON.stringify(imported.body));
  assert.match(imported.body.error.message, /SVG has <set> elements/);
});
