// Small helpers for the Node-level handlers (the parts of the hosted UI that need req/res).
import type { IncomingMessage, ServerResponse } from "node:http";
import { readBody } from "../http/request-body.ts";

const FORM_LIMIT = 64 * 1024;

/** Reads a url-encoded body of at most 64 KiB (or `limit` bytes: a SAML response may be larger). */
export async function readUrlEncoded(req: IncomingMessage, limit = FORM_LIMIT): Promise<URLSearchParams> {
  const body = await readBody(req, limit, () => new HttpError(413, "The request body is too large."));
  return new URLSearchParams(body.toString("utf8"));
}

export async function readForm(req: IncomingMessage): Promise<Record<string, string>> {
  const type = req.headers["content-type"] ?? "";
  if (!type.startsWith("application/x-www-form-urlencoded")) throw new HttpError(415, "Forms must be sent as application/x-www-form-urlencoded.");
  const out: Record<string, string> = {};
  for (const [key, value] of await readUrlEncoded(req)) {
    if (key in out) throw new HttpError(400, `The field ${key} was sent twice.`);
    out[key] = value;
  }
  return out;
}

export class HttpError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

export function redirect(res: ServerResponse, location: string, status = 303) {
  res.statusCode = status;
  res.setHeader("Location", location);
  res.setHeader("Cache-Control", "no-store");
  res.end();
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.statusCode = status;
  res.setHeader("Content-Type", "application/json; charset=utf-8");
  res.setHeader("Cache-Control", "no-store");
  for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
  res.end(JSON.stringify(body));
}

export function sendHtml(res: ServerResponse, status: number, html: string) {
  res.statusCode = status;
  res.setHeader("Content-Type", "text/html; charset=utf-8");
  res.setHeader("Cache-Control", "no-store");
  res.end(html);
}

export function clientIp(req: IncomingMessage, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = req.headers["x-forwarded-for"];
    // The last entry is the one our own proxy added; earlier ones are the client's to invent.
    const last = (Array.isArray(forwarded) ? forwarded.at(-1) : forwarded)?.split(",").at(-1)?.trim();
    if (last) return last;
  }
  return req.socket.remoteAddress ?? "unknown";
}
