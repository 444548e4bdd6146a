// A trigger handler for the tests: the one webhook receiver (tests/support/webhook-receiver.ts),
// checking each request's Gatehouse-Signature, recording the event and answering what the test
// set for its trigger source (by default, the event unchanged, as a handler that changes nothing).
// Triggers are set as an operator sets them: through the admin API, which takes effect at once.
import assert from "node:assert/strict";
import type { TriggersInput } from "../../lib/triggers/config.ts";
import { apiClient, createApiKey } from "../support/console.ts";
import type { RunningServer } from "../support/server.ts";
import { startWebhookReceiver } from "../support/webhook-receiver.ts";

export const HOOK_SECRET = "whsec_test_0123456789abcdef";

export type HookEvent = {
  version: string; triggerSource: string; region: string; userPoolId: string; userName?: string;
  callerContext: { awsSdkVersion: string; clientId: string };
  request: Record<string, unknown>; response: Record<string, unknown>;
};
type Answer = (event: HookEvent) => unknown;

export type HookServer = {
  url: (path: string) => string;
  events: HookEvent[];
  /** Every recorded event of `triggerSource`. */
  of: (triggerSource: string) => HookEvent[];
  /** What the handler answers for a trigger source (a function of the event), until `reset`. */
  answer: (triggerSource: string, answer: Answer) => void;
  reset: () => void;
  badSignatures: () => number;
  close: () => Promise<void>;
};

export async function startHookServer(): Promise<HookServer> {
  const receiver = await startWebhookReceiver({ secret: HOOK_SECRET });
  const events: HookEvent[] = [];
  let answers = new Map<string, Answer>();
  receiver.answerAll((received) => {
    const event = received.event as HookEvent;
    events.push(event);
    const answer = answers.get(event.triggerSource);
    return { json: answer ? answer(structuredClone(event)) : event };
  });
  return {
    url: (path) => `${receiver.url}${path}`,
    events,
    of: (source) => events.filter((e) => e.triggerSource === source),
    answer: (source, answer) => void answers.set(source, answer),
    reset: () => {
      events.length = 0;
      answers = new Map();
    },
    badSignatures: receiver.badSignatures,
    close: receiver.stop,
  };
}

const adminApis = new WeakMap<RunningServer, Promise<ReturnType<typeof apiClient>>>();

/** The admin API of `server`, with a key made once through its console (the server needs ADMIN_ENV's admin). */
export function adminApiOf(server: RunningServer): Promise<ReturnType<typeof apiClient>> {
  let api = adminApis.get(server);
  if (!api) adminApis.set(server, (api = createApiKey(server.url, "trigger-tests").then((key) => apiClient(server.url, key))));
  return api;
}

/** Replaces a pool's triggers through the admin API (PUT /pools/{id}/triggers), as an operator does. */
export async function setTriggers(server: RunningServer, poolId: string, triggers: TriggersInput): Promise<void> {
  const api = await adminApiOf(server);
  const answer = await api("PUT", `/pools/${poolId}/triggers`, triggers);
  assert.equal(answer.status, 200, `the admin API refused the triggers: ${JSON.stringify(answer.body)}`);
}

/** A JWT's payload, unverified (the tests read what the server put in it). */
export function claimsOf(jwt: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt.split(".")[1]!, "base64url").toString("utf8")) as Record<string, unknown>;
}
