// oidc-provider (Koa) builds every URL it publishes (discovery, the JWKS URL, endpoints, the
// interaction's return URL, the sign-out form) from the request's host and scheme. Those come from
// the client: Host, X-Forwarded-Host, X-Forwarded-Proto. One `Host: evil.example` in front of a
// shared cache would poison every relying party's discovery document. So before the provider sees a
// request, its host and scheme are set from PUBLIC_URL, whatever the request said; the provider
// runs with `proxy = true` so that Koa reads exactly these pinned forwarding headers (and the
// scheme is https behind a TLS-terminating proxy that reaches us over plain http).
import type { IncomingMessage } from "node:http";

// PUBLIC_URL does not change while the process runs: parsed once.
let parsed: { publicUrl: string; host: string; scheme: string } | null = null;

export function pinPublicOrigin(req: IncomingMessage, publicUrl: string): void {
  if (parsed?.publicUrl !== publicUrl) {
    const { host, protocol } = new URL(publicUrl);
    parsed = { publicUrl, host, scheme: protocol.slice(0, -1) };
  }
  const { host, scheme } = parsed;
  req.headers.host = host;
  req.headers["x-forwarded-host"] = host;
  req.headers["x-forwarded-proto"] = scheme;
  // Koa does not read these, but nothing downstream should either.
  delete req.headers.forwarded;
  delete req.headers["x-forwarded-port"];
}
