// One oidc-provider per pool, built lazily from the database and cached. A change to a pool's
// settings, clients or keys invalidates its instance here and, through Redis pub/sub when
// REDIS_URL is set, on every other Gatehouse instance.
import type { Redis } from "ioredis";
import { buildProvider, type BuiltProvider, type ProviderDeps } from "./provider.ts";

export type ProviderEntry = BuiltProvider;

export type ProviderRegistry = {
  get(poolId: string): Promise<ProviderEntry | null>;
  invalidate(poolId: string): Promise<void>;
  close(): Promise<void>;
};

export function createProviderRegistry(deps: ProviderDeps & { redis: Redis | null; redisSubscriber: Redis | null; redisPrefix?: string }): ProviderRegistry {
  // Under REDIS_PREFIX, so Gatehouse deployments sharing one Redis do not invalidate each other.
  const CHANNEL = `${deps.redisPrefix ?? "gatehouse:"}pool-changed`;
  const cache = new Map<string, Promise<ProviderEntry | null>>();

  if (deps.redisSubscriber) {
    void deps.redisSubscriber.subscribe(CHANNEL);
    deps.redisSubscriber.on("message", (channel, poolId) => {
      if (channel === CHANNEL) cache.delete(poolId);
    });
  }

  return {
    get(poolId) {
      let entry = cache.get(poolId);
      if (!entry) {
        entry = buildProvider(deps, poolId).catch((error) => {
          cache.delete(poolId);
          if ((error as { code?: string }).code === "ResourceNotFoundException") return null;
          throw error;
        });
        cache.set(poolId, entry);
      }
      return entry;
    },
    async invalidate(poolId) {
      cache.delete(poolId);
      if (deps.redis) await deps.redis.publish(CHANNEL, poolId);
    },
    async close() {
      cache.clear();
      await deps.redisSubscriber?.quit().catch(() => {});
    },
  };
}
