// Requests that fetch cannot make: a Host header (or Forwarded, …) of our choosing, as a reverse
// proxy, a client or a cache in front of Gatehouse could send, or HTTP/1.0 (as nginx's plain
// proxy_pass speaks), over a real socket to the test server. (Follow a sign-in with browser.ts's
// CookieJar, fed the response's `set-cookie` header.)
import { request as httpRequest } from "node:http";
import { connect } from "node:net";

export type RawResponse = { status: number; headers: Record<string, string | string[] | undefined>; body: string };

type RawOptions = { method?: string; headers?: Record<string, string>; body?: string; httpVersion?: "1.0" | "1.1"; port?: number };

/** Sends to the URL's port on loopback (or `options.port`), whatever the URL's host says. */
export function rawRequest(url: string, options: RawOptions = {}): Promise<RawResponse> {
  const target = new URL(url);
  if (options.port) target.port = String(options.port);
  const method = options.method ?? "GET";
  const headers = { host: new URL(url).host, ...options.headers, ...(options.body !== undefined ? { "content-length": String(Buffer.byteLength(options.body)) } : {}) };
  if (options.httpVersion === "1.0") {
    return new Promise((resolve, reject) => {
      const socket = connect(Number(target.port), target.hostname === "localhost" ? "127.0.0.1" : target.hostname);
      const chunks: Buffer[] = [];
      socket.on("data", (chunk) => chunks.push(chunk));
      socket.on("error", reject);
      socket.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        const split = text.indexOf("\r\n\r\n");
        const [statusLine, ...lines] = text.slice(0, split).split("\r\n");
        const parsed: Record<string, string> = {};
        for (const line of lines) parsed[line.slice(0, line.indexOf(":")).toLowerCase()] = line.slice(line.indexOf(":") + 1).trim();
        resolve({ status: Number(statusLine!.split(" ")[1]), headers: parsed, body: text.slice(split + 4) });
      });
      const head = Object.entries(headers).map(([k, v]) => `${k}: ${v}`).join("\r\n");
      // Written, not ended: a half-closed socket can make the server drop the request. HTTP/1.0 closes after the answer.
      socket.write(`${method} ${target.pathname}${target.search} HTTP/1.0\r\n${head}\r\n\r\n${options.body ?? ""}`);
    });
  }
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: "127.0.0.1", port: target.port, path: `${target.pathname}${target.search}`, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(options.body);
  });
}

/** rawRequest to the test server's loopback `port` whatever host the URL names. */
export function rawRequestTo(port: number, url: string, options: Omit<RawOptions, "port"> = {}): Promise<RawResponse> {
  return rawRequest(url, { ...options, port });
}
