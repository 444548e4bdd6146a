// The admin API's error answer, `{ error: { code, message, field?, issues? } }`: in its own module
// so authentication, the router and the server's request guards share it without importing each other.
import type { z } from "zod";
import type { ErrorCode, Issue } from "../../errors.ts";

/** `issues` names each invalid input by its path (`body.scopes.0.name`) as data; `message` joins them for people. */
export type ErrorPayload = { code: ErrorCode | "NotFound" | "MethodNotAllowed" | "UnsupportedMediaType"; message: string; field?: string; issues?: Issue[] };

export function errorResponse(status: number, error: ErrorPayload, headers: Record<string, string> = {}): Response {
  return Response.json({ error }, { status, headers: { "cache-control": "no-store", ...headers } });
}

/** A 400 naming each invalid input of the request's `where` part (`path`, `query`, `body`). */
export function zodErrorResponse(error: z.ZodError, where: string): Response {
  const issues = error.issues.map((i) => ({ path: [where, ...i.path].join("."), message: i.message }));
  return errorResponse(400, { code: "InvalidParameterException", message: issues.map((i) => `${i.path}: ${i.message}`).join("; "), ...(issues[0] ? { field: String(error.issues[0]!.path[0] ?? where) } : {}), issues });
}
