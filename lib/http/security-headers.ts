// Headers every response gets. Scripts run only with this request's nonce (Next.js reads it from
// the request's CSP header and puts it on its own script tags).
import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { normalisedPath } from "./request-path.ts";

/** Uploaded branding assets live at /{poolId}/branding/{id}; any spelling of such a path counts. */
const ASSET_PATH = /^\/[^/]+\/branding\/[^/]+\/?$/i;

export function applySecurityHeaders(req: IncomingMessage, res: ServerResponse, options: { dev: boolean; https: boolean }): string {
  const nonce = randomBytes(16).toString("base64");
  // Rules read the path as the router will, not as spelt; a path that cannot be read (a 400) gets the strictest.
  const path = normalisedPath(req.url);
  // The branding editor shows hosted-page previews in frames of the console; nothing else frames.
  const framable = path?.startsWith("/admin/preview/") ?? false;
  const script = options.dev ? "'self' 'unsafe-inline' 'unsafe-eval'" : `'self' 'nonce-${nonce}' 'strict-dynamic'`;
  const csp = [
    "default-src 'self'",
    `script-src ${script}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${options.dev ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    framable ? "frame-ancestors 'self'" : "frame-ancestors 'none'",
  ].join("; ");
  // Uploaded branding assets (SVGs included) are inert even when opened directly. Next.js keeps a
  // header set here over the route's own, so this is where the asset's policy is decided.
  const asset = path === null || ASSET_PATH.test(path);
  if (!options.dev && !asset) req.headers["content-security-policy"] = csp;
  res.setHeader("Content-Security-Policy", asset ? "default-src 'none'; style-src 'unsafe-inline'; sandbox" : csp);
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("X-Frame-Options", framable ? "SAMEORIGIN" : "DENY");
  // same-origin, not no-referrer: with no-referrer Chromium sends `Origin: null` on our own form posts.
  res.setHeader("Referrer-Policy", "same-origin");
  res.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()");
  res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
  if (options.https) res.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
  (res as ServerResponse & { locals?: Record<string, string> }).locals = { cspNonce: nonce };
  return nonce;
}
