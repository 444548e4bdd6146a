// What an authorizer answers the proxy: allow (200, with headers for the API behind it), 401 or
// 403, each with the reason in words.
export type Decision =
  | { status: 200; headers: Record<string, string> }
  | { status: 401; message: string; wwwAuthenticate?: string }
  | { status: 403; message: string };

/** Header values must be visible ASCII: anything else (a Unicode username) goes %-encoded. */
export function headerValue(value: string): string {
  return /^[\x20-\x7e]*$/.test(value) ? value : encodeURIComponent(value);
}
