// A real HTTP server standing in for a team's trigger webhooks, the one every trigger test uses: it
// records every request (raw body and headers) and answers as the test tells it, per path. Given
// the webhook `secret`, it checks each request's Gatehouse-Signature as a team's handler would,
// refuses a bad one with 401 and counts it.
import { createServer, type IncomingHttpHeaders } from "node:http";
import { verifySignature } from "../../lib/triggers/signature.ts";

export type Received = { path: string; headers: IncomingHttpHeaders; body: string; event: Record<string, unknown> | null };
export type Answer = { status?: number; json?: unknown; text?: string; delayMs?: number; headers?: Record<string, string> };
/** How a path answers its `n`th request (1-based); by default the event back, unchanged. */
export type Responder = (received: Received, n: number) => Answer | Promise<Answer>;

export async function startWebhookReceiver(options: { secret?: string } = {}) {
  const received: Received[] = [];
  const responders = new Map<string, Responder>();
  let fallback: Responder | null = null;
  let badSignatures = 0;
  const server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString("utf8");
    if (options.secret && !verifySignature(options.secret, body, request.headers["gatehouse-signature"] as string | undefined)) {
      badSignatures++;
      response.writeHead(401, { "content-type": "application/json" }).end(JSON.stringify({ errorMessage: "bad signature" }));
      return;
    }
    let event: Record<string, unknown> | null = null;
    try {
      event = JSON.parse(body) as Record<string, unknown>;
    } catch {
      event = null;
    }
    const path = (request.url ?? "/").split("?")[0]!;
    const entry: Received = { path, headers: request.headers, body, event };
    received.push(entry);
    const n = received.filter((r) => r.path === path).length;
    const answer: Answer = await (responders.get(path) ?? fallback ?? (() => ({ json: event })))(entry, n);
    if (answer.delayMs) await new Promise((resolve) => setTimeout(resolve, answer.delayMs));
    if (response.destroyed) return;
    const text = answer.text ?? JSON.stringify(answer.json ?? null);
    response.writeHead(answer.status ?? 200, { "content-type": answer.text !== undefined ? "text/plain" : "application/json", ...answer.headers }).end(text);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  return {
    url,
    received,
    /** The requests to one path. */
    at: (path: string) => received.filter((r) => r.path === path),
    answer: (path: string, responder: Responder) => void responders.set(path, responder),
    /** How every path without its own responder answers. */
    answerAll: (responder: Responder | null) => void (fallback = responder),
    /** Requests refused for their signature (only with `secret`). */
    badSignatures: () => badSignatures,
    stop: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
export type WebhookReceiver = Awaited<ReturnType<typeof startWebhookReceiver>>;
