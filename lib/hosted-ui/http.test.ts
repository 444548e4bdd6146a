import { test } from "node:test";
import assert from "node:assert/strict";
import type { IncomingMessage } from "node:http";
import { Readable } from "node:stream";
import { clientIp, HttpError, readForm, readUrlEncoded } from "./http.ts";

function request(options: { body?: string; headers?: Record<string, string | string[]>; remoteAddress?: string } = {}): IncomingMessage {
  const stream = Readable.from(options.body === undefined ? [] : [Buffer.from(options.body)]) as unknown as IncomingMessage;
  Object.assign(stream, { headers: options.headers ?? {}, socket: { remoteAddress: options.remoteAddress ?? "203.0.113.7" } });
  return stream;
}

const FORM = { "content-type": "application/x-www-form-urlencoded" };

async function rejectsWith(promise: Promise<unknown>, status: number, message: RegExp) {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof HttpError, String(error));
    assert.equal(error.status, status);
    assert.match(error.message, message);
    return true;
  });
}

test("rate limits: X-Forwarded-For is ignored unless TRUST_PROXY is set", () => {
  const req = request({ headers: { "x-forwarded-for": "198.51.100.1" }, remoteAddress: "10.0.0.2" });
  assert.equal(clientIp(req, false), "10.0.0.2");
  assert.equal(clientIp(req, true), "198.51.100.1");
});

test("rate limits: behind a trusted proxy, X-Forwarded-For names the client, else the socket address does", () => {
  assert.equal(clientIp(request({ remoteAddress: "10.0.0.2" }), true), "10.0.0.2");
  assert.equal(clientIp(request({ headers: { "x-forwarded-for": " 192.0.2.10 " } }), true), "192.0.2.10");
});

// Proxies append the address they saw to whatever X-Forwarded-For the client sent, so only the
// last entry can be trusted; the first is the client's to choose, and would escape per-IP limits.
test("rate limits: a client cannot choose its rate-limit key by sending its own X-Forwarded-For", () => {
  const req = request({ headers: { "x-forwarded-for": "1.2.3.4, 198.51.100.1" }, remoteAddress: "10.0.0.2" });
  assert.equal(clientIp(req, true), "198.51.100.1");
});

test("hosted forms: a url-encoded body is read into fields", async () => {
  assert.deepEqual(await readForm(request({ body: "csrf=abc&login=alice%40example.com&password=p%26ss+word", headers: FORM })), {
    csrf: "abc", login: "alice@example.com", password: "p&ss word",
  });
  assert.deepEqual(await readForm(request({ body: "", headers: { "content-type": "application/x-www-form-urlencoded; charset=UTF-8" } })), {});
});

test("hosted forms: a field sent twice is refused", async () => {
  await rejectsWith(readForm(request({ body: "csrf=a&csrf=b", headers: FORM })), 400, /The field csrf was sent twice/);
});

test("hosted forms: only url-encoded bodies are accepted", async () => {
  await rejectsWith(readForm(request({ body: '{"csrf":"a"}', headers: { "content-type": "application/json" } })), 415, /application\/x-www-form-urlencoded/);
  await rejectsWith(readForm(request({ body: "csrf=a" })), 415, /application\/x-www-form-urlencoded/);
});

test("hosted forms: a body over 64 KiB is refused", async () => {
  const fits = await readUrlEncoded(request({ body: `a=${"x".repeat(64 * 1024 - 2)}` }));
  assert.equal(fits.get("a")!.length, 64 * 1024 - 2);
  await rejectsWith(readUrlEncoded(request({ body: `a=${"x".repeat(64 * 1024)}` })), 413, /too large/);
});
