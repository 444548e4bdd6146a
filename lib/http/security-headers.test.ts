import { test } from "node:test";
import assert from "node:assert/strict";
import type { IncomingMessage, ServerResponse } from "node:http";
import { applySecurityHeaders } from "./security-headers.ts";

function apply(options: { dev: boolean; https: boolean }) {
  const headers = new Map<string, string>();
  const req = { headers: {} } as IncomingMessage;
  const res = { setHeader: (name: string, value: string) => headers.set(name.toLowerCase(), value) } as unknown as ServerResponse;
  const nonce = applySecurityHeaders(req, res, options);
  return { nonce, headers, req, res: res as ServerResponse & { locals?: Record<string, string> } };
}

test("CSP: in production, scripts run only with this response's nonce", () => {
  const { nonce, headers, req, res } = apply({ dev: false, https: true });
  const csp = headers.get("content-security-policy")!;
  assert.match(csp, new RegExp(`script-src 'self' 'nonce-${nonce.replace(/[+/]/g, "\\$&")}' 'strict-dynamic'`));
  assert.ok(!/script-src[^;]*unsafe/.test(csp), "no unsafe script sources");
  assert.match(csp, /frame-ancestors 'none'/);
  assert.match(csp, /object-src 'none'/);
  // Next.js reads the nonce from the request's CSP; the protocol pages from res.locals.
  assert.equal(req.headers["content-security-policy"], csp);
  assert.equal(res.locals?.cspNonce, nonce);
});

test("CSP: every response gets a different nonce", () => {
  const a = apply({ dev: false, https: false }).nonce;
  const b = apply({ dev: false, https: false }).nonce;
  assert.notEqual(a, b);
  assert.equal(Buffer.from(a, "base64").length, 16);
});

test("security headers: no framing, no sniffing, no cross-site referrer; HSTS only over https", () => {
  const secure = apply({ dev: false, https: true }).headers;
  assert.equal(secure.get("x-frame-options"), "DENY");
  assert.equal(secure.get("x-content-type-options"), "nosniff");
  assert.equal(secure.get("referrer-policy"), "same-origin");
  assert.equal(secure.get("strict-transport-security"), "max-age=31536000; includeSubDomains");
  assert.equal(apply({ dev: false, https: false }).headers.get("strict-transport-security"), undefined);
});
