// The admin API's machinery: a table of routes, each with zod schemas for its path parameters,
// query, body and response. One function serves them all from a Web Request (mounted in one
// line by app/api/admin/[...path]/route.ts), and the OpenAPI document is generated from the
// same table. Handlers call lib/admin functions; every change is written to the audit log here.
import { z } from "zod";
import { AppError, isAppError } from "../../errors.ts";
import { recordAudit, writeAudit, type AuditEntry, type AuditIn } from "../../audit/audit.ts";
import { isUnavailable } from "../../http/unavailable.ts";
import type { Runtime } from "../../runtime.ts";
import type { Caller } from "./authenticate.ts";
import { errorResponse, zodErrorResponse as zodError } from "./error-response.ts";

export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export type RouteContext<P, Q, B> = {
  params: P; query: Q; body: B; caller: Caller; rt: Runtime; ip: string; request: Request;
  /**
   * The change's audit row, for the lib function that makes the change to write inside its
   * transaction (pass it on as its `audit` option). A handler that does not pass it on is audited
   * by the router once it has succeeded.
   */
  audit: AuditIn;
};

export type Route = {
  method: Method;
  path: string;
  operationId: string;
  summary: string;
  tag: string;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  /** For uploads: the body is passed as bytes with its content type, not parsed as JSON. */
  rawBody?: { contentTypes: string[]; maxBytes: number };
  response: z.ZodType;
  status?: number;
  handler: (ctx: RouteContext<never, never, never>) => Promise<unknown>;
  /** What the audit log says about a change (GET routes are not audited); `result` is the handler's answer. */
  audit?: (ctx: RouteContext<Record<string, string>, unknown, unknown> & { result: unknown }) => { target?: string | null; details?: Record<string, unknown> };
};

/** Declares a route with its handler typed from its schemas. */
export function route<
  P extends z.ZodObject | undefined = undefined,
  Q extends z.ZodObject | undefined = undefined,
  B extends z.ZodType | undefined = undefined,
  R extends z.ZodType = z.ZodType,
>(def: {
  method: Method; path: string; operationId: string; summary: string; tag: string;
  params?: P; query?: Q; body?: B; rawBody?: Route["rawBody"]; response: R; status?: number;
  handler: (ctx: RouteContext<P extends z.ZodObject ? z.infer<P> : Record<string, never>, Q extends z.ZodObject ? z.infer<Q> : Record<string, never>, B extends z.ZodType ? z.infer<B> : undefined>) => Promise<z.input<R>>;
  audit?: Route["audit"];
}): Route {
  return def;
}

type Compiled = { route: Route; pattern: RegExp; names: string[] };

export function compileRoutes(routes: Route[]): Compiled[] {
  return routes.map((r) => {
    const names: string[] = [];
    const pattern = new RegExp(
      "^" + r.path.replace(/\{(\w+)\}/g, (_m, name: string) => {
        names.push(name);
        return "([^/]+)";
      }) + "$",
    );
    return { route: r, pattern, names };
  });
}

const SECRET_KEYS = /password|secret|key$/i;

/** Request bodies in the audit log, without passwords or secrets. */
export function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (value && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, SECRET_KEYS.test(k) && typeof v === "string" ? "[redacted]" : redact(v)]));
  return value;
}

export async function dispatch(options: {
  routes: Compiled[];
  request: Request;
  path: string;
  rt: Runtime;
  authenticate: (request: Request) => Promise<Caller | Response>;
}): Promise<Response> {
  const { request, rt } = options;
  const method = request.method.toUpperCase();
  const matches = options.routes.map((c) => ({ c, m: c.pattern.exec(options.path) })).filter((x) => x.m);
  const hit = matches.find((x) => x.c.route.method === method);
  if (!hit) {
    if (matches.length) return errorResponse(405, { code: "MethodNotAllowed", message: `${method} is not allowed here; use ${matches.map((x) => x.c.route.method).join(", ")}.` }, { allow: matches.map((x) => x.c.route.method).join(", ") });
    return errorResponse(404, { code: "NotFound", message: `No admin API endpoint at ${options.path}. See /api/admin/openapi.json.` });
  }
  const { route: r, names } = hit.c;

  const caller = await options.authenticate(request);
  if (caller instanceof Response) return caller;

  let rawParams: Record<string, string>;
  try {
    rawParams = Object.fromEntries(names.map((name, i) => [name, decodeURIComponent(hit.m![i + 1]!)]));
  } catch {
    return errorResponse(400, { code: "InvalidParameterException", message: "The path is not valid URL encoding." });
  }
  const params = r.params ? r.params.safeParse(rawParams) : { success: true as const, data: rawParams };
  if (!params.success) return zodError(params.error, "path");
  const url = new URL(request.url);
  const query = r.query ? r.query.safeParse(Object.fromEntries(url.searchParams)) : { success: true as const, data: {} };
  if (!query.success) return zodError(query.error, "query");

  let body: unknown;
  if (r.rawBody) {
    const type = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
    if (!r.rawBody.contentTypes.includes(type))
      return errorResponse(415, { code: "UnsupportedMediaType", message: `Send the file with Content-Type ${r.rawBody.contentTypes.join(", ")}.` });
    const bytes = new Uint8Array(await request.arrayBuffer());
    if (bytes.byteLength > r.rawBody.maxBytes)
      return errorResponse(413, { code: "InvalidParameterException", message: `The file is larger than ${Math.round(r.rawBody.maxBytes / 1024)} KB.` });
    body = { contentType: type, bytes };
  } else if (r.body) {
    let json: unknown;
    try {
      const text = await request.text();
      json = text ? JSON.parse(text) : {};
    } catch {
      return errorResponse(400, { code: "InvalidParameterException", message: "The request body is not valid JSON." });
    }
    const parsed = r.body.safeParse(json);
    if (!parsed.success) return zodError(parsed.error, "body");
    body = parsed.data;
  }

  const ip = request.headers.get("x-gatehouse-client-ip") ?? "unknown";
  const p = params.data as Record<string, string>;
  const entryFor = (result: unknown): AuditEntry => {
    const extra = r.audit?.({ ...(ctx as unknown as RouteContext<Record<string, string>, unknown, unknown>), result }) ?? {};
    return {
      poolId: p.poolId ?? null,
      type: `admin.${r.operationId}`,
      actorType: caller.type,
      actor: caller.name,
      target: extra.target ?? p.username ?? p.clientId ?? p.group ?? p.identifier ?? p.id ?? p.poolId ?? null,
      ip,
      userAgent: request.headers.get("user-agent"),
      details: extra.details ?? (r.rawBody || body === undefined ? {} : { request: redact(body) }),
    };
  };
  let audited = method === "GET";
  const audit: AuditIn = async (tx, result) => {
    await writeAudit(tx, entryFor(result));
    audited = true;
  };
  const ctx = { params: params.data, query: query.data, body, caller, rt, ip, request, audit } as RouteContext<never, never, never>;
  try {
    const result = await r.handler(ctx);
    if (!audited) await recordAudit(rt.db, entryFor(result), rt.log);
    if (rt.env.checkResponses) {
      // What the caller will read (dates as strings), against the schema OpenAPI publishes for it.
      const sent: unknown = result === undefined ? null : JSON.parse(JSON.stringify(result));
      const checked = r.response.safeParse(sent);
      if (!checked.success) {
        rt.log(`admin API ${r.method} ${r.path} (${r.operationId}) answered outside its response schema: ${checked.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ")}`);
        return errorResponse(500, { code: "InternalErrorException", message: `The answer of ${r.operationId} does not match its published schema.` });
      }
    }
    if (r.status === 204) return new Response(null, { status: 204, headers: { "cache-control": "no-store" } });
    return Response.json(result, { status: r.status ?? 200, headers: { "cache-control": "no-store" } });
  } catch (error) {
    if (isAppError(error)) return errorResponse(error.status, { code: error.code, message: error.message, ...(error.field ? { field: error.field } : {}), ...(error.issues ? { issues: error.issues } : {}) });
    if (isUnavailable(error)) throw error; // answered as a 503 by handle.ts
    rt.log(`admin API ${method} ${options.path} failed: ${(error as Error).stack ?? String(error)}`);
    return errorResponse(500, { code: "InternalErrorException", message: "An unexpected error occurred." });
  }
}

export function notFound(what: string): never {
  throw new AppError("ResourceNotFoundException", what);
}
