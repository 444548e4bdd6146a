// Where the hosted UI's flows live in Redis (lib/hosted-ui/flow.ts), and the per-user index that
// lets a sign-out end the sign-ins a user has in progress there, as it deletes their AuthFlow rows.
// A leaf module: lib/users reaches it without importing the hosted UI.
import type { Redis } from "ioredis";

/** One flow: a hash of its record and version, expiring with the interaction. */
export const flowKey = (prefix: string, uid: string) => `${prefix}hosted-flow:${uid}`;

/** The keys of the flows that have reached a user, expiring with the latest of them. */
export const userFlowsKey = (prefix: string, poolId: string, userId: string) => `${prefix}hosted-flows-of:${poolId}/${userId}`;

/** Ends every flow in Redis that has reached the user (sign-out everywhere, disabling, deletion). */
export async function endUserFlows(redis: Redis, prefix: string, options: { poolId: string; userId: string }): Promise<void> {
  const index = userFlowsKey(prefix, options.poolId, options.userId);
  const flows = await redis.smembers(index);
  await redis.del(...flows, index);
}
