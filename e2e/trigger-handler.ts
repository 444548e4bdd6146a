// The trigger handler the end-to-end server calls (started by e2e/global-setup.ts): a legacy
// store for user migration and a pre sign-up rule, answering as Lambda handlers do. Every request's
// Gatehouse-Signature is checked; an unsigned one is refused.
import { createServer } from "node:http";
import { verifySignature } from "../lib/triggers/signature.ts";

export const E2E_TRIGGER_SECRET = "whsec_e2e-triggers-0123456789abcdef";
/** Sign-ups from this domain are refused by pre sign-up. */
export const BLOCKED_DOMAIN = "blocked.example.com";
/** Names legacy-…@example.com are in the legacy store, with this password. */
export const LEGACY_PASSWORD = "Legacy-Pass-1";

type Event = { triggerSource: string; userName: string; request: Record<string, unknown>; response: Record<string, unknown> };

function answer(name: string, event: Event): object {
  if (name === "preSignUp") {
    const email = String((event.request.userAttributes as Record<string, string>).email ?? "");
    return email.endsWith(`@${BLOCKED_DOMAIN}`) ? { errorMessage: "Domain not allowed." } : event;
  }
  if (name === "userMigration" && /^legacy-[^@]+@example\.com$/.test(event.userName)) {
    if (event.triggerSource === "UserMigration_Authentication" && event.request.password !== LEGACY_PASSWORD) return { errorMessage: "Bad password" };
    return { ...event, response: { ...event.response, userAttributes: { email: event.userName, email_verified: "true" }, finalUserStatus: "CONFIRMED", messageAction: "SUPPRESS" } };
  }
  return event;
}

/** Starts the handler on a free loopback port; each trigger at /<triggerName>. */
export async function startTriggerHandler(): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString()));
    req.on("end", () => {
      if (!verifySignature(E2E_TRIGGER_SECRET, body, req.headers["gatehouse-signature"] as string | undefined)) {
        res.writeHead(401, { "content-type": "application/json" }).end(JSON.stringify({ errorMessage: "bad signature" }));
        return;
      }
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(answer(req.url!.slice(1), JSON.parse(body) as Event)));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
