// Headers every response gets. Scripts run only with this request's nonce (Next.js reads it from
// the request's CSP header and puts it on its own script tags). Everything but the nonce depends
// only on the server's mode and on whether the path may be framed, so it is built once.
import { randomFillSync } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { normalisedPath } from "./request-path.ts";

/** Uploaded branding assets live at /{poolId}/branding/{id}; any spelling of such a path counts. */
const ASSET_PATH = /^\/[^/]+\/branding\/[^/]+\/?$/i;

const ASSET_CSP = "default-src 'none'; style-src 'unsafe-inline'; sandbox";

type Options = { dev: boolean; https: boolean };

/** The CSP around its nonce (dev has none: one string), and the headers that never change, per mode. */
type Policy = { cspBeforeNonce: string; cspAfterNonce: string | null; frameOptions: string };
const policies = new Map<string, Policy>();

function policyFor(options: Options, framable: boolean): Policy {
  const key = `${options.dev ? 1 : 0}${framable ? 1 : 0}`;
  let policy = policies.get(key);
  if (policy) return policy;
  const NONCE = "\u0000";
  const script = options.dev ? "'self' 'unsafe-inline' 'unsafe-eval'" : `'self' 'nonce-${NONCE}' 'strict-dynamic'`;
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
  const [before, after] = csp.split(NONCE) as [string, string | undefined];
  policy = { cspBeforeNonce: before, cspAfterNonce: after ?? null, frameOptions: framable ? "SAMEORIGIN" : "DENY" };
  policies.set(key, policy);
  return policy;
}

// Nonces are cut from a block of random bytes filled 256 nonces at a time (as node:crypto's
// randomUUID does): each is still 16 bytes from the CSPRNG, used once, for a fraction of the cost
// of asking the CSPRNG for each.
const NONCE_BYTES = 16;
const randomBlock = Buffer.alloc(NONCE_BYTES * 256);
let nextNonceAt = randomBlock.length;

function newNonce(): string {
  if (nextNonceAt === randomBlock.length) {
    randomFillSync(randomBlock);
    nextNonceAt = 0;
  }
  const nonce = randomBlock.toString("base64", nextNonceAt, nextNonceAt + NONCE_BYTES);
  nextNonceAt += NONCE_BYTES;
  return nonce;
}

/**
 * `path`: the request's normalisedPath (lib/http/request-path.ts) when the caller has it already;
 * read from the request otherwise.
 */
export function applySecurityHeaders(req: IncomingMessage, res: ServerResponse, options: Options & { path?: string | null }): string {
  const nonce = newNonce();
  // Rules read the path as the router will, not as spelt; a path that cannot be read (a 400) gets the strictest.
  const path = options.path !== undefined ? options.path : normalisedPath(req.url);
  // The branding editor shows hosted-page previews in frames of the console; nothing else frames.
  const framable = path?.startsWith("/admin/preview/") ?? false;
  const policy = policyFor(options, framable);
  const csp = policy.cspAfterNonce === null ? policy.cspBeforeNonce : policy.cspBeforeNonce + nonce + policy.cspAfterNonce;
  // Uploaded branding assets (SVGs included) are inert even when opened directly. Next.js keeps a
  // header set here over the route's own, so this is where the asset's policy is decided.
  const asset = path === null || ASSET_PATH.test(path);
  if (!options.dev && !asset) req.headers["content-security-policy"] = csp;
  res.setHeader("Content-Security-Policy", asset ? ASSET_CSP : csp);
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("X-Frame-Options", policy.frameOptions);
  // same-origin, not no-referrer: with no-referrer Chromium sends `Origin: null` on our own form posts.
  res.setHeader("Referrer-Policy", "same-origin");
  res.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()");
  res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
  if (options.https) res.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
  (res as ServerResponse & { locals?: Record<string, string> }).locals = { cspNonce: nonce };
  return nonce;
}
