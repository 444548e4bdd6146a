// The process-wide pieces (database, secrets, counters, message sender, providers), created once
// by server.ts and shared with the Next.js side through globalThis: Next bundles app/ code
// separately, so module-level singletons would not be shared.
import type { Redis } from "ioredis";
import type { Env } from "./config/env.ts";
import type { Db } from "./db/client.ts";
import type { DatabaseWatch } from "./health.ts";
import type { Sender } from "./messaging/sender.ts";
import type { ProviderRegistry } from "./oidc/registry.ts";
import type { Counters } from "./security/rate-limit.ts";
import type { Secrets } from "./security/secrets.ts";

export type Runtime = {
  env: Env;
  db: Db;
  /** Whether the database is reachable (lib/health.ts). */
  database: DatabaseWatch;
  secrets: Secrets;
  counters: Counters;
  sender: Sender;
  providers: ProviderRegistry;
  redis: Redis | null;
  embedded: boolean;
  /** How this process reaches itself (loopback and the port it listens on), for server-side
   * calls to its own endpoints such as the console's token request. */
  internalUrl: string;
  log: (line: string) => void;
};

const KEY = Symbol.for("gatehouse.runtime");
type Holder = { [KEY]?: Runtime };

export function setRuntime(runtime: Runtime | undefined) {
  (globalThis as Holder)[KEY] = runtime;
}

export function getRuntime(): Runtime {
  const runtime = (globalThis as Holder)[KEY];
  if (!runtime) throw new Error("Gatehouse runtime is not initialised: start Gatehouse with server.ts");
  return runtime;
}

/** The runtime when server.ts has started one; undefined in scripts and unit tests. */
export function runningRuntime(): Runtime | undefined {
  return (globalThis as Holder)[KEY];
}
