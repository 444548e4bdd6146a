// The delivery log the console shows under each trigger (written by invokeTrigger): the last
// deliveries, and the purge that keeps a week of them.
import type { Db } from "../db/client.ts";
import type { TriggerName } from "./config.ts";
import { deleteDeliveriesBefore, listPoolDeliveries } from "./triggers.queries.ts";

export const DELIVERY_RETENTION_DAYS = 7;
export const DELIVERIES_SHOWN = 20;

export type TriggerDeliveryView = {
  id: string; trigger: string; triggerSource: string; ok: boolean; status: number | null; durationMs: number; tries: number; error: string | null; createdAt: string;
};

/** The pool's last deliveries, newest first; of one trigger when `trigger` is given. */
export async function listTriggerDeliveries(db: Db, options: { poolId: string; trigger?: TriggerName; limit?: number }): Promise<TriggerDeliveryView[]> {
  const rows = await listPoolDeliveries(db, { poolId: options.poolId, trigger: options.trigger, take: options.limit ?? DELIVERIES_SHOWN });
  return rows.map((row) => ({ ...row, createdAt: row.createdAt.toISOString() }));
}

/** Drops deliveries older than the retention; returns how many went. */
export async function purgeTriggerDeliveries(db: Db, now = new Date()): Promise<number> {
  const before = new Date(now.getTime() - DELIVERY_RETENTION_DAYS * 24 * 60 * 60 * 1000);
  return deleteDeliveriesBefore(db, { before });
}
