// The revocation signal: a counter per pool (its epoch) that moves whenever a grant or a user's
// sessions end there. Whoever caches "this token is live" (lib/authorizers/token-cache.ts)
// remembers the epoch it checked at and checks again once it has moved, so no cached answer
// outlives a revocation. With REDIS_URL the note reaches every instance through pub/sub.
//
// Kept on globalThis, like lib/runtime.ts: revocations are noted from server.ts's side and from
// the Next.js bundle (console actions), which would otherwise each have their own copy.
//
// Callers often note a revocation inside the transaction that performs it (end-sessions.ts), so
// the note can come before the commit: a check made in between would still see the grant and be
// cached under the new epoch. Each note therefore moves the epoch again once transactions of that
// kind have committed (SETTLE_MS), and that second move catches such a check.
import type { Redis } from "ioredis";

export const SETTLE_MS = 2_000;

type State = {
  epochs: Map<string, number>;
  publish: ((poolId: string) => Promise<void>) | null;
};

/** How long a revocation waits for Redis to take its note before the request carries on regardless. */
const PUBLISH_WAIT_MS = 250;

const KEY = Symbol.for("gatehouse.revocations");
type Holder = { [KEY]?: State };

function state(): State {
  const holder = globalThis as Holder;
  return (holder[KEY] ??= { epochs: new Map(), publish: null });
}

/** The pool's revocation epoch on this instance: compare, never interpret. */
export function revocationEpoch(poolId: string): number {
  return state().epochs.get(poolId) ?? 0;
}

function bump(poolId: string) {
  const { epochs } = state();
  epochs.set(poolId, (epochs.get(poolId) ?? 0) + 1);
}

function bumpNowAndSettled(poolId: string) {
  bump(poolId);
  setTimeout(() => bump(poolId), SETTLE_MS).unref();
}

/**
 * A grant, a session or a user's sessions in the pool ended (or the pool or a client went). The
 * epoch moves here at once; the promise settles once Redis has handed the note to the other
 * instances (or after PUBLISH_WAIT_MS), so a door that awaits it before answering (RevokeToken,
 * GlobalSignOut) cannot have its caller reach another instance before the note does. It never
 * rejects: a lost note is logged, and the settled bump still comes.
 */
export function noteRevocation(poolId: string): Promise<void> {
  bumpNowAndSettled(poolId);
  const published = state().publish?.(poolId);
  if (!published) return Promise.resolve();
  return Promise.race([published, new Promise<void>((resolve) => setTimeout(resolve, PUBLISH_WAIT_MS).unref())]);
}

/** Hears other instances' notes and sends this one's (boot.ts, when REDIS_URL is set). */
export function connectRevocations(deps: { redis: Redis | null; redisSubscriber: Redis | null; redisPrefix: string; log?: (line: string) => void }): void {
  if (!deps.redis || !deps.redisSubscriber) return;
  const channel = `${deps.redisPrefix}token-revoked`;
  const redis = deps.redis;
  void deps.redisSubscriber.subscribe(channel);
  deps.redisSubscriber.on("message", (from, poolId) => {
    if (from === channel) bumpNowAndSettled(poolId);
  });
  state().publish = (poolId) =>
    redis.publish(channel, poolId).then(() => undefined, (error: Error) => deps.log?.(`could not publish a revocation for ${poolId}: ${error.message}`));
}
