// A pool's triggers in the admin API and the console: read them (never their secrets), replace
// the whole set (a webhook given without its secret keeps the stored one of the same url), and
// send a sample event to one of them.
import type { AuditIn } from "../audit/audit.ts";
import type { Db } from "../db/client.ts";
import { AppError, isAppError } from "../errors.ts";
import type { ProviderRegistry } from "../oidc/registry.ts";
import { getPool } from "../pools/pool.ts";
import type { Secrets } from "../security/secrets.ts";
import { mergeTriggers, viewTriggers, type TriggerName, type TriggersInput, type TriggerView } from "../triggers/config.ts";
import { invokeTrigger } from "../triggers/invoke.ts";
import { sampleEvent } from "../triggers/sample-event.ts";
import { findFirstClientId } from "./clients.queries.ts";
import { updatePoolRow } from "./pools.queries.ts";

export type TriggerViews = Partial<Record<TriggerName, TriggerView>>;

export async function getTriggers(db: Db, poolId: string): Promise<{ triggers: TriggerViews }> {
  return { triggers: viewTriggers((await getPool(db, poolId)).triggers) };
}

export async function saveTriggers(deps: { db: Db; secrets: Pick<Secrets, "encrypt">; providers: ProviderRegistry }, poolId: string, input: TriggersInput, options: { audit?: AuditIn } = {}): Promise<{ triggers: TriggerViews }> {
  const pool = await getPool(deps.db, poolId);
  const merged = mergeTriggers(deps.secrets, pool.triggers, input);
  if ("missingSecret" in merged)
    throw new AppError("InvalidParameterException", `${merged.missingSecret}: a webhook needs a secret to sign its requests (give secret when the url changes).`, { field: `${merged.missingSecret}.secret` });
  await deps.db.$transaction(async (tx) => {
    await updatePoolRow(tx, pool.id, { triggers: merged });
    await options.audit?.(tx);
  });
  await deps.providers.invalidate(pool.id);
  return { triggers: viewTriggers(merged) };
}

export type TestEventResult = { ok: true; durationMs: number; triggerSource: string; response: unknown } | { ok: false; durationMs: number; triggerSource: string; error: string };

/** Sends the trigger a sample of its first event (recorded as a delivery like any other). */
export async function sendTestEvent(deps: { db: Db; secrets: Pick<Secrets, "decrypt">; log: (line: string) => void }, poolId: string, name: TriggerName): Promise<TestEventResult> {
  const pool = await getPool(deps.db, poolId);
  if (!pool.triggers[name]) throw new AppError("InvalidParameterException", `The pool has no ${name} trigger.`, { field: "trigger" });
  const event = sampleEvent(pool, name, await findFirstClientId(deps.db, pool.id));
  const started = Date.now();
  try {
    const answered = await invokeTrigger(deps, pool, name, event);
    return { ok: true, durationMs: Date.now() - started, triggerSource: event.triggerSource, response: answered?.response ?? null };
  } catch (error) {
    if (!isAppError(error)) throw error;
    return { ok: false, durationMs: Date.now() - started, triggerSource: event.triggerSource, error: error.message };
  }
}
