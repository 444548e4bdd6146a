// Reading a Node request for the handlers that sit beside Next.js (the Cognito APIs, STS,
// /token-to-credentials, forward-auth, the hosted UI's Node-level forms): the body up to a limit,
// and the headers as one lower-cased map.
import type { IncomingMessage } from "node:http";

/** The whole body, or null as soon as it passes `limit` bytes (nothing more is read). */
export async function readBodyUpTo(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** The whole body, refusing one past `limit` bytes with the caller's error. */
export async function readBody(req: IncomingMessage, limit: number, tooLarge: () => Error): Promise<Buffer> {
  const body = await readBodyUpTo(req, limit);
  if (!body) throw tooLarge();
  return body;
}

/** The request's headers by lower-case name, repeated ones joined with commas (as SigV4 signs them). */
export function headerMap(req: IncomingMessage): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(req.headers)) out[name.toLowerCase()] = Array.isArray(value) ? value.join(",") : value;
  return out;
}
