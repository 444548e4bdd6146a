// Authorizer settings in memory: read from the database once per process, then served from here
// on every forward-auth request. A change (admin API, console, config file) calls
// invalidateAuthorizer, which drops the entry here and, through Redis pub/sub when REDIS_URL is
// set, on every other instance (the pattern of lib/oidc/registry.ts).
//
// On globalThis, like lib/runtime.ts: the Next.js bundle (console actions) invalidates the same
// cache that server.ts's forward-auth endpoint reads.
import type { Redis } from "ioredis";
import type { Db } from "../db/client.ts";
import { findAuthorizer } from "./authorizers.queries.ts";
import type { AuthorizerConfig } from "./config.ts";

type State = {
  configs: Map<string, Promise<AuthorizerConfig | null>>;
  publish: ((name: string) => Promise<void>) | null;
};

const KEY = Symbol.for("gatehouse.authorizers");
type Holder = { [KEY]?: State };

function state(): State {
  const holder = globalThis as Holder;
  return (holder[KEY] ??= { configs: new Map(), publish: null });
}

/**
 * The authorizer's settings, or null when there is none by that name. The object returned stays
 * the same until the authorizer is invalidated, so caches keyed on it (token-cache.ts) notice a change.
 */
export function getAuthorizer(db: Db, name: string): Promise<AuthorizerConfig | null> {
  const { configs } = state();
  let entry = configs.get(name);
  if (!entry) {
    const forget = () => {
      if (configs.get(name) === loading) configs.delete(name);
    };
    const loading: Promise<AuthorizerConfig | null> = findAuthorizer(db, name).then(
      (found) => {
        // Unknown names are not remembered: they cost a read each, and cannot fill the cache.
        if (!found) forget();
        return found;
      },
      (error: unknown) => {
        forget();
        throw error;
      },
    );
    entry = loading;
    configs.set(name, entry);
  }
  return entry;
}

/** Forget the authorizer's settings here and on every instance; call after any change to it. */
export async function invalidateAuthorizer(name: string): Promise<void> {
  const { configs, publish } = state();
  configs.delete(name);
  await publish?.(name);
}

/** Hears other instances' invalidations and sends this one's (boot.ts, when REDIS_URL is set). */
export function connectAuthorizers(deps: { redis: Redis | null; redisSubscriber: Redis | null; redisPrefix: string }): void {
  if (!deps.redis || !deps.redisSubscriber) return;
  const channel = `${deps.redisPrefix}authorizer-changed`;
  const redis = deps.redis;
  void deps.redisSubscriber.subscribe(channel);
  deps.redisSubscriber.on("message", (from, name) => {
    if (from === channel) state().configs.delete(name);
  });
  state().publish = async (name) => {
    await redis.publish(channel, name);
  };
}
