// The trigger handler the end-to-end server calls (started by e2e/global-setup.ts): a legacy
// store for user migration and a pre sign-up rule, answering as Lambda handlers do. Every request's
// Gatehouse-Signature is checked; an unsigned one is refused.
import { startWebhookReceiver } from "../tests/support/webhook-receiver.ts";

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
  const receiver = await startWebhookReceiver({ secret: E2E_TRIGGER_SECRET });
  receiver.answerAll((received) => ({ json: answer(received.path.slice(1), received.event as Event) }));
  return { url: receiver.url, close: receiver.stop };
}
