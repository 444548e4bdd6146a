// The path a request names, as the app's routers will see it. One path can be spelt many ways
// (`%62randing`, `x/../branding`, `%2e%2e`, a backslash), and Next.js resolves them all to the same
// route, so a rule keyed on a path (the security headers) reads this, never the raw URL.
import type { ServerResponse } from "node:http";
import { errorResponse } from "../admin/api/error-response.ts";
import { HttpError } from "../hosted-ui/http.ts";

/** Dot segments resolved (as the WHATWG URL parser does), each segment %-decoded; null when an escape does not decode. */
export function normalisedPath(url: string | undefined): string | null {
  try {
    return new URL(url ?? "/", "http://localhost").pathname.split("/").map(decodeURIComponent).join("/");
  } catch {
    return null;
  }
}

/** Whether `path` is the admin API's (which answers errors in its own JSON shape). */
export function isAdminApiPath(path: string): boolean {
  return path === "/api/admin" || path.startsWith("/api/admin/");
}

/**
 * Answers a path whose %-escapes do not decode: the client's mistake, a 400 (Next.js would answer
 * 500). The admin API answers with its own error shape; other paths get the server's error page.
 */
export async function refuseMalformedPath(path: string, res: ServerResponse): Promise<void> {
  const message = "The path is not valid URL encoding.";
  if (isAdminApiPath(path)) {
    const response = errorResponse(400, { code: "InvalidParameterException", message });
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(await response.text());
    return;
  }
  throw new HttpError(400, message);
}
