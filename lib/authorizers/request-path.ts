// The path an authorizer's rules are matched against: the one the API behind the proxy will act
// on, however the client spelt it. `/orders/../admin`, `/orders/%2e%2e/admin`, `//admin`,
// `/orders%2F..%2Fadmin` and `\admin` all name /admin, so none of them can dodge an /admin/* rule.
import { normalisedPath } from "../http/request-path.ts";

/** Runs of / (and \, which many servers read as /) become one /. */
const collapse = (path: string) => path.replace(/[/\\]+/g, "/");

/** `.` and `..` segments resolved, without decoding again. */
function resolveDots(path: string): string {
  const out: string[] = [];
  const segments = path.split("/").slice(1);
  segments.forEach((segment, i) => {
    const last = i === segments.length - 1;
    if (segment === "..") out.pop();
    if (segment === "." || segment === "..") {
      if (last) out.push("");
      return;
    }
    out.push(segment);
  });
  return `/${out.join("/")}`;
}

/**
 * The path of a request target (`/a/b?q`, or an absolute URL), query and fragment gone,
 * %-decoded once, dot segments resolved (also those that only appear once decoded), slashes
 * collapsed. Null when a %-escape does not decode: such a request is refused, never matched.
 */
export function authorizerPath(target: string): string | null {
  let raw = target.split(/[?#]/, 1)[0] ?? "";
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(raw)) {
    try {
      raw = new URL(raw).pathname;
    } catch {
      return null;
    }
  }
  // Collapsed first, or `//admin` would be read as a host named admin.
  const decoded = normalisedPath(collapse(`/${raw}`));
  if (decoded === null) return null;
  return resolveDots(collapse(decoded));
}
