// The admin API's one entry: a Web Request in, a Response out (mounted by app/api/admin).
import { RETRY_AFTER_SECONDS, UNAVAILABLE_MESSAGE, isUnavailable } from "../../http/unavailable.ts";
import { getRuntime } from "../../runtime.ts";
import { authenticate } from "./authenticate.ts";
import { openApiDocument } from "./openapi.ts";
import { errorResponse } from "./error-response.ts";
import { compileRoutes, dispatch } from "./router.ts";
import { routes } from "./routes.ts";

const compiled = compileRoutes(routes);
export const ADMIN_API_BASE = "/api/admin";

export async function handleAdminApi(request: Request): Promise<Response> {
  const rt = getRuntime();
  const path = new URL(request.url).pathname.slice(ADMIN_API_BASE.length) || "/";
  if (path === "/openapi.json" && request.method === "GET") {
    return Response.json(openApiDocument(routes, { serverUrl: `${rt.env.publicUrl}${ADMIN_API_BASE}`, version: "1" }), { headers: { "cache-control": "public, max-age=300" } });
  }
  try {
    return await dispatch({ routes: compiled, request, path, rt, authenticate: (req) => authenticate(rt, req) });
  } catch (error) {
    // Authentication reads the database before any route runs; its outage is a 503 too (and the
    // server re-checks the database on any 5xx it sends).
    if (!isUnavailable(error)) throw error;
    return errorResponse(503, { code: "ServiceUnavailableException", message: UNAVAILABLE_MESSAGE }, { "retry-after": String(RETRY_AFTER_SECONDS) });
  }
}
