// Calls a pool's trigger with a Cognito event and returns the event its handler answered (with
// `response` filled in), exactly what a Lambda handler returns; null when the pool has no such
// trigger. As Cognito: 5 seconds per try, up to 3 tries on timeouts, connection errors and 5xx
// answers; a handler's error (`{"errorMessage": "…"}`, a 4xx, or every try failed) stops the
// operation with UserLambdaValidationException ("PreSignUp failed with error Domain not allowed.").
// Each delivery is recorded (TriggerDelivery) for the console.
import { InvokeCommand, LambdaClient } from "@aws-sdk/client-lambda";
import type { Db } from "../db/client.ts";
import { AppError } from "../errors.ts";
import type { Pool } from "../pools/pool.ts";
import type { Secrets } from "../security/secrets.ts";
import { TRIGGER_LABELS, type StoredTrigger, type TriggerName } from "./config.ts";
import type { CognitoEvent } from "./events.ts";
import { SIGNATURE_HEADER, signBody } from "./signature.ts";
import { insertTriggerDelivery, type DeliveryIn } from "./triggers.queries.ts";

export const TRIGGER_TIMEOUT_MS = 5_000;
export const TRIGGER_TRIES = 3;

export type TriggerDeps = { db: Db; secrets: Pick<Secrets, "decrypt">; log: (line: string) => void };

/** What a try ended with: the handler's answer, or why there was none and whether to try again. */
type Attempt = { ok: true; body: unknown; status: number | null } | { ok: false; error: string; retry: boolean; status: number | null };

export function triggerFailed(name: TriggerName, message: string): AppError {
  return new AppError("UserLambdaValidationException", `${TRIGGER_LABELS[name]} failed with error ${message.replace(/\.$/, "")}.`);
}

/** Whether the pool has `name` set. */
export function hasTrigger(pool: Pick<Pool, "triggers">, name: TriggerName): boolean {
  return !!pool.triggers[name];
}

export async function invokeTrigger<E extends CognitoEvent<object, object>>(
  deps: TriggerDeps,
  pool: Pick<Pool, "id" | "triggers">,
  name: TriggerName,
  event: E,
): Promise<E | null> {
  const trigger = pool.triggers[name];
  if (!trigger) return null;
  const started = Date.now();
  let last: Attempt = { ok: false, error: "not called", retry: false, status: null };
  let tries = 0;
  while (tries < TRIGGER_TRIES) {
    tries++;
    last = await attempt(deps, trigger, event);
    if (last.ok || !last.retry) break;
  }
  const outcome = last.ok ? answerOf(last.body) : { error: last.error };
  await recordDelivery(deps, {
    poolId: pool.id, trigger: name, triggerSource: event.triggerSource, ok: !("error" in outcome), status: last.status,
    durationMs: Date.now() - started, tries, error: "error" in outcome ? outcome.error : null,
  });
  if ("error" in outcome) throw triggerFailed(name, outcome.error);
  return { ...event, response: { ...event.response, ...(outcome.event.response ?? {}) } };
}

/** A handler's answer: the event with its response, or the error it reported. */
function answerOf(body: unknown): { event: { response?: object } } | { error: string } {
  if (!body || typeof body !== "object" || Array.isArray(body)) return { error: "the handler did not answer with the event" };
  const answer = body as { errorMessage?: unknown; response?: unknown };
  if (typeof answer.errorMessage === "string") return { error: answer.errorMessage };
  if (answer.response !== undefined && (answer.response === null || typeof answer.response !== "object" || Array.isArray(answer.response))) {
    return { error: "the handler's response is not an object" };
  }
  return { event: answer as { response?: object } };
}

async function attempt(deps: TriggerDeps, trigger: StoredTrigger, event: object): Promise<Attempt> {
  return "url" in trigger ? attemptWebhook(deps, trigger, event) : attemptLambda(trigger, event);
}

async function attemptWebhook(deps: TriggerDeps, trigger: { url: string; secretEnc: string }, event: object): Promise<Attempt> {
  const body = JSON.stringify(event);
  let response: Response;
  try {
    response = await fetch(trigger.url, {
      method: "POST",
      headers: { "content-type": "application/json", "user-agent": "Gatehouse-Triggers/1", [SIGNATURE_HEADER]: signBody(deps.secrets.decrypt(trigger.secretEnc), body) },
      body,
      redirect: "error",
      signal: AbortSignal.timeout(TRIGGER_TIMEOUT_MS),
    });
  } catch (error) {
    const timedOut = (error as Error).name === "TimeoutError";
    return { ok: false, error: timedOut ? "the handler did not answer within 5 seconds" : "the handler could not be reached", retry: true, status: null };
  }
  const text = await response.text().catch(() => "");
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  if (response.status >= 500) return { ok: false, error: errorMessageOf(json) ?? `the handler answered ${response.status}`, retry: true, status: response.status };
  if (!response.ok) return { ok: false, error: errorMessageOf(json) ?? `the handler answered ${response.status}`, retry: false, status: response.status };
  if (json === null) return { ok: false, error: "the handler's answer is not JSON", retry: false, status: response.status };
  return { ok: true, body: json, status: response.status };
}

function errorMessageOf(json: unknown): string | null {
  const message = json && typeof json === "object" ? (json as { errorMessage?: unknown }).errorMessage : undefined;
  return typeof message === "string" ? message : null;
}

const lambdaClients = new Map<string, LambdaClient>();

/** A Lambda function, invoked as Cognito invokes it (RequestResponse), with the default AWS credential chain. */
async function attemptLambda(trigger: { lambdaArn: string; endpoint?: string }, event: object): Promise<Attempt> {
  const region = trigger.lambdaArn.split(":")[3]!;
  const key = `${region}|${trigger.endpoint ?? ""}`;
  let client = lambdaClients.get(key);
  if (!client) lambdaClients.set(key, (client = new LambdaClient({ region, ...(trigger.endpoint ? { endpoint: trigger.endpoint } : {}), maxAttempts: 1 })));
  try {
    const answer = await client.send(
      new InvokeCommand({ FunctionName: trigger.lambdaArn, InvocationType: "RequestResponse", Payload: Buffer.from(JSON.stringify(event)) }),
      { abortSignal: AbortSignal.timeout(TRIGGER_TIMEOUT_MS) },
    );
    const text = answer.Payload ? Buffer.from(answer.Payload).toString("utf8") : "";
    let json: unknown = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = null;
    }
    if (answer.FunctionError) return { ok: false, error: errorMessageOf(json) ?? answer.FunctionError, retry: false, status: answer.StatusCode ?? null };
    if (json === null) return { ok: false, error: "the function's answer is not JSON", retry: false, status: answer.StatusCode ?? null };
    return { ok: true, body: json, status: answer.StatusCode ?? null };
  } catch (error) {
    const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode ?? null;
    const timedOut = (error as Error).name === "TimeoutError" || (error as Error).name === "AbortError";
    return { ok: false, error: timedOut ? "the function did not answer within 5 seconds" : `the function could not be invoked: ${(error as Error).message}`, retry: timedOut || status === null || status >= 500, status };
  }
}

type Delivery = DeliveryIn;

/** Keeps each trigger's last deliveries for the console; never fails the operation it records. */
async function recordDelivery(deps: TriggerDeps, delivery: Delivery): Promise<void> {
  try {
    await insertTriggerDelivery(deps.db, { ...delivery, error: delivery.error?.slice(0, 1000) ?? null });
  } catch (error) {
    deps.log(`trigger ${delivery.trigger} of ${delivery.poolId}: delivery not recorded: ${(error as Error).message}`);
  }
}
