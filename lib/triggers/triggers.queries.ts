// The SQL of the triggers: the delivery log the console shows under each trigger.
import type { Tx } from "../db/client.ts";
import type { TriggerName } from "./config.ts";

export type DeliveryIn = { poolId: string; trigger: TriggerName; triggerSource: string; ok: boolean; status: number | null; durationMs: number; tries: number; error: string | null };

export async function insertTriggerDelivery(db: Tx, delivery: DeliveryIn): Promise<void> {
  await db.triggerDelivery.create({ data: delivery });
}

/** The pool's last `take` deliveries, newest first; of one trigger when `trigger` is given. */
export function listPoolDeliveries(db: Tx, options: { poolId: string; trigger?: TriggerName | undefined; take: number }) {
  return db.triggerDelivery.findMany({
    where: { poolId: options.poolId, ...(options.trigger ? { trigger: options.trigger } : {}) },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: options.take,
    select: { id: true, trigger: true, triggerSource: true, ok: true, status: true, durationMs: true, tries: true, error: true, createdAt: true },
  });
}

/** Deletes deliveries made before `before`; how many went. */
export async function deleteDeliveriesBefore(db: Tx, options: { before: Date }): Promise<number> {
  const { count } = await db.triggerDelivery.deleteMany({ where: { createdAt: { lt: options.before } } });
  return count;
}
