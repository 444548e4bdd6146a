// What a test needs to act as a relying party and a mailbox, shared by the integration tests and
// the end-to-end specs: a PKCE authorization request and the dev outbox.
import { createHash, randomBytes } from "node:crypto";
import { CALLBACK } from "./fixtures.ts";

export type AuthorizeRequest = { url: string; verifier: string; state: string; pool: string; clientId: string };

/** An authorization-code request with PKCE S256, as a public client sends it. */
export function pkceAuthorizeRequest(
  baseUrl: string,
  options: { pool: string; clientId: string; scope?: string; state?: string },
): AuthorizeRequest {
  const verifier = randomBytes(32).toString("base64url");
  const state = options.state ?? "xyz";
  const query = new URLSearchParams({
    client_id: options.clientId,
    response_type: "code",
    scope: options.scope ?? "openid email",
    redirect_uri: CALLBACK,
    code_challenge: createHash("sha256").update(verifier).digest("base64url"),
    code_challenge_method: "S256",
    state,
  });
  return { url: `${baseUrl}/${options.pool}/oauth2/authorize?${query}`, verifier, state, pool: options.pool, clientId: options.clientId };
}

export type OutboxMessage = { to: string; subject: string; body: string; code: string | null; createdAt: string };

/** The messages sent to `to`, newest first (GET /api/dev/outbox). */
export async function readOutbox(baseUrl: string, to: string): Promise<OutboxMessage[]> {
  const response = await fetch(`${baseUrl}/api/dev/outbox?${new URLSearchParams({ to })}`);
  if (response.status !== 200) throw new Error(`the outbox answered ${response.status}`);
  return (await response.json()) as OutboxMessage[];
}
