// One oidc-provider per pool, built lazily from the database and cached with the pool's app
// clients (lib/oidc/pool-clients.ts). A change to a pool's settings, clients or keys invalidates
// its instance here and, through Redis pub/sub when REDIS_URL is set, on every other Gatehouse
// instance.
import type { Redis } from "ioredis";
import { buildProvider, type BuiltProvider, type ProviderDeps } from "./provider.ts";
import type { PoolClient } from "./pool-clients.ts";
import { findClientPoolId } from "./clients.queries.ts";

export type ProviderEntry = BuiltProvider;

export type ProviderRegistry = {
  get(poolId: string): Promise<ProviderEntry | null>;
  /**
   * The app client `clientId`, whichever pool it is in (the Cognito API names a client, not its
   * pool), with its pool's provider; null when there is no such client. No database read once the
   * client has been used.
   */
  findClient(clientId: string): Promise<{ entry: ProviderEntry; client: PoolClient } | null>;
  /** Call after every change to the pool's settings, app clients (branding included) or keys. */
  invalidate(poolId: string): Promise<void>;
  close(): Promise<void>;
};

export function createProviderRegistry(deps: ProviderDeps & { redis: Redis | null; redisSubscriber: Redis | null; redisPrefix?: string }): ProviderRegistry {
  // Under REDIS_PREFIX, so Gatehouse deployments sharing one Redis do not invalidate each other.
  const CHANNEL = `${deps.redisPrefix ?? "gatehouse:"}pool-changed`;
  const cache = new Map<string, Promise<ProviderEntry | null>>();
  // Which pool each client used here is in. Only clients that exist are kept (so the database
  // bounds it); a pool's go with its provider, so a client deleted and made again elsewhere is found anew.
  const poolOfClient = new Map<string, string>();

  const drop = (poolId: string) => {
    cache.delete(poolId);
    for (const [clientId, pool] of poolOfClient) if (pool === poolId) poolOfClient.delete(clientId);
  };

  if (deps.redisSubscriber) {
    void deps.redisSubscriber.subscribe(CHANNEL);
    deps.redisSubscriber.on("message", (channel, poolId) => {
      if (channel === CHANNEL) drop(poolId);
    });
    // Changes published while the subscription was down were never heard: once the connection is
    // back (ioredis then subscribes again by itself), everything is built afresh.
    let connected = false;
    deps.redisSubscriber.on("ready", () => {
      if (connected) {
        cache.clear();
        poolOfClient.clear();
      }
      connected = true;
    });
  }

  const get = (poolId: string) => {
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
  };

  return {
    get,
    async findClient(clientId) {
      const inPool = async (poolId: string) => {
        const entry = await get(poolId);
        const client = entry ? await entry.client(clientId) : null;
        return entry && client ? { entry, client } : null;
      };
      const known = poolOfClient.get(clientId);
      if (known) {
        const found = await inPool(known);
        if (found) return found;
        poolOfClient.delete(clientId);
      }
      const poolId = await findClientPoolId(deps.db, { clientId });
      const found = poolId ? await inPool(poolId) : null;
      if (found) poolOfClient.set(clientId, found.entry.pool.id);
      return found;
    },
    async invalidate(poolId) {
      drop(poolId);
      if (deps.redis) await deps.redis.publish(CHANNEL, poolId);
    },
    async close() {
      cache.clear();
      poolOfClient.clear();
      await deps.redisSubscriber?.quit().catch(() => {});
    },
  };
}
