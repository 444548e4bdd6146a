// What every front door answers while the database (or Redis) cannot be reached: a fast 503 with
// Retry-After, as JSON for APIs and as a plain page for browsers, instead of a 500 or a hang.
// server.ts, the admin API and oidc-provider's error hooks each call this one module.
import type { IncomingMessage, ServerResponse } from "node:http";
import { renderProviderError } from "../hosted-ui/protocol-pages.ts";
import { isAdminApiPath } from "./request-path.ts";

export const RETRY_AFTER_SECONDS = 5;
export const UNAVAILABLE_MESSAGE = "The service is briefly unavailable: it cannot reach its database. Try again in a few seconds.";

// SQLSTATE classes and codes that mean "no usable connection": 08 connection exceptions, 57P01-03
// (administrator/crash shutdown, cannot connect now), 53300 too many connections.
const PG_CODES = /^(08...|57P0[123]|53300)$/;
// Prisma: cannot reach / timed out / server closed the connection / pool timeout.
const PRISMA_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2024"]);
// What @prisma/adapter-pg reports for socket failures.
const ADAPTER_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections"]);
// node-postgres's own errors carry no code. (Bare socket codes such as ECONNREFUSED are not
// enough: SMTP and HTTP clients fail with them too, and Prisma wraps the database's in a P1001.)
const PG_UNAVAILABLE_MESSAGES = /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error)/;

type Inspectable = {
  code?: unknown; kind?: unknown; originalCode?: unknown; message?: unknown; name?: unknown;
  cause?: unknown; meta?: { driverAdapterError?: unknown };
};

/** The error says the database could not be reached (not that a query was wrong). */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== "object" || depth > 4) return false;
  const e = error as Inspectable;
  if (typeof e.code === "string" && (PRISMA_CODES.has(e.code) || PG_CODES.test(e.code))) return true;
  if (typeof e.kind === "string" && ADAPTER_KINDS.has(e.kind)) return true;
  if (typeof e.originalCode === "string" && PG_CODES.test(e.originalCode)) return true;
  if (typeof e.message === "string" && PG_UNAVAILABLE_MESSAGES.test(e.message)) return true;
  return isDatabaseUnavailable(e.meta?.driverAdapterError, depth + 1) || isDatabaseUnavailable(e.cause, depth + 1);
}

/** ioredis gave up on a command because Redis is down. */
export function isRedisUnavailable(error: unknown): boolean {
  const e = error as Inspectable | null;
  return !!e && typeof e === "object" && (e.name === "MaxRetriesPerRequestError" || e.message === "Connection is closed.");
}

export function isUnavailable(error: unknown): boolean {
  return isDatabaseUnavailable(error) || isRedisUnavailable(error);
}

/** The OAuth-shaped body (RFC 6749's temporarily_unavailable) for protocol and other JSON endpoints. */
export const UNAVAILABLE_OAUTH_ERROR = { error: "temporarily_unavailable", error_description: UNAVAILABLE_MESSAGE };

export function unavailablePage(): string {
  return renderProviderError({ pool: null, out: UNAVAILABLE_OAUTH_ERROR });
}

function wantsHtml(accept: string | undefined): boolean {
  return (accept ?? "").includes("text/html");
}

/** The Node-level answer (server.ts): a page for browsers, JSON for everything else. */
export function sendUnavailable(req: IncomingMessage, res: ServerResponse) {
  res.statusCode = 503;
  res.setHeader("Retry-After", String(RETRY_AFTER_SECONDS));
  res.setHeader("Cache-Control", "no-store");
  if (wantsHtml(req.headers.accept)) {
    res.setHeader("Content-Type", "text/html; charset=utf-8");
    res.end(unavailablePage());
  } else {
    res.setHeader("Content-Type", "application/json; charset=utf-8");
    res.end(JSON.stringify(isAdminApiPath((req.url ?? "").split("?")[0]!) ? ADMIN_API_ERROR : UNAVAILABLE_OAUTH_ERROR));
  }
}

// The admin API's error shape (lib/admin/api/router.ts errorResponse, which the API itself uses).
const ADMIN_API_ERROR = { error: { code: "ServiceUnavailableException", message: UNAVAILABLE_MESSAGE } };

type KoaLike = { status: number; body: unknown; set(name: string, value: string): void; accepts(...types: string[]): string | false };

/** oidc-provider's error hooks: turns the response it has prepared into the 503. */
export function answerUnavailable(ctx: KoaLike) {
  ctx.status = 503;
  ctx.set("Retry-After", String(RETRY_AFTER_SECONDS));
  ctx.set("Cache-Control", "no-store");
  if (ctx.accepts("json", "html") === "html") {
    ctx.set("Content-Type", "text/html; charset=utf-8");
    ctx.body = unavailablePage();
  } else {
    ctx.body = UNAVAILABLE_OAUTH_ERROR;
  }
}
