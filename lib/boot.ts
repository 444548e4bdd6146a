// Start-up: environment, root secret, database (embedded or DATABASE_URL), migrations, Redis,
// the config file or the demo pool. Returns the runtime that server.ts serves.
import { Redis } from "ioredis";
import { parseEnv, type Env } from "./config/env.ts";
import { createDb } from "./db/client.ts";
import { startEmbeddedDatabase, type EmbeddedDatabase } from "./db/embedded.ts";
import { applyMigrations } from "./db/migrate.ts";
import { createSender, purgeExpiredOutbox } from "./messaging/sender.ts";
import { createSmsSender } from "./messaging/sms.ts";
import { purgeExpiredArtifacts } from "./oidc/adapter.ts";
import { purgeTriggerDeliveries } from "./triggers/deliveries.ts";
import { purgeUnconfirmedDevices } from "./devices/devices.ts";
import { createProviderRegistry } from "./oidc/registry.ts";
import { ConfigFileError, applyConfig, readConfigFile } from "./config/apply-config.ts";
import { countAdmins, createFirstAdmin, ensureSystemPool } from "./admin/system-pool.ts";
import { DEMO_CLIENT_ID, DEMO_POOL_ID, ensureDemoPool } from "./config/demo.ts";
import { postgresCounters, purgeExpiredCounters, redisCounters } from "./security/rate-limit.ts";
import { createSecrets, loadRootSecret } from "./security/secrets.ts";
import { purgeExpiredFlows } from "./hosted-ui/flow.ts";
import { purgeAuditEvents } from "./audit/audit.ts";
import type { Runtime } from "./runtime.ts";
import { dedicatedProbe, probeThrough, watchDatabase } from "./health.ts";
import { connectRevocations } from "./tokens/revocations.ts";
import { connectAuthorizers } from "./authorizers/registry.ts";
import { startImportRunner } from "./user-import/run-job.ts";

export type Booted = { runtime: Runtime; demoCreated: boolean; shutdown: () => Promise<void> };

export async function boot(options: { env?: Env; log?: (line: string) => void } = {}): Promise<Booted> {
  const env = options.env ?? parseEnv();
  const log = options.log ?? ((line: string) => console.log(`[gatehouse] ${line}`));
  const secrets = createSecrets(loadRootSecret({ secret: env.secret, dataDir: env.dataDir, log }));

  let embedded: EmbeddedDatabase | null = null;
  let url = env.databaseUrl;
  if (!url) {
    embedded = await startEmbeddedDatabase({ dataDir: env.dataDir });
    url = embedded.url;
    log(`using the embedded PostgreSQL in ${env.dataDir}/pglite (set DATABASE_URL for a PostgreSQL server)`);
  }
  await applyMigrations({ url, log });
  // A pooled connection that dies (database restarted, network gone) has the watch check at once.
  let recheck = () => {};
  const db = createDb({ url, embedded: !!embedded, onConnectionLost: () => recheck() });
  const probe = embedded ? probeThrough(db) : dedicatedProbe(url, () => recheck());
  const database = watchDatabase(probe, { log });
  recheck = () => database.recheck();

  const redis = env.redisUrl ? new Redis(env.redisUrl, { lazyConnect: false, maxRetriesPerRequest: 2 }) : null;
  const redisSubscriber = redis ? redis.duplicate() : null;
  const counters = redis ? redisCounters(redis, env.redisPrefix) : postgresCounters(db);
  const sender = createSender({ db, smtpUrl: env.smtpUrl, from: env.smtpFrom, sms: env.sms ? createSmsSender(env.sms) : null, log });
  const providers = createProviderRegistry({ db, secrets, publicUrl: env.publicUrl, redis, redisSubscriber, redisPrefix: env.redisPrefix, log });
  // The same subscriber hears revocations and authorizer changes (other channels).
  connectRevocations({ redis, redisSubscriber, redisPrefix: env.redisPrefix, log });
  connectAuthorizers({ redis, redisSubscriber, redisPrefix: env.redisPrefix });

  await ensureSystemPool(db, { publicUrl: env.publicUrl, secrets });
  if (env.firstAdmin && (await countAdmins(db)) === 0) {
    try {
      await createFirstAdmin({ db, sender, secrets }, { ...env.firstAdmin, via: "environment" });
      log(`created the first console admin ${env.firstAdmin.email} (GATEHOUSE_ADMIN_EMAIL)`);
    } catch (error) {
      throw new ConfigFileError(`GATEHOUSE_ADMIN_PASSWORD: cannot create the first admin: ${(error as Error).message}`);
    }
  }
  // next-auth reads its own base URL from the environment.
  process.env.NEXTAUTH_URL = env.publicUrl;

  let demoCreated = false;
  if (env.configFile) {
    const config = readConfigFile(env.configFile);
    await applyConfig({ db, secrets }, config, log);
    // Instances already running hold these pools' providers and app clients: they load them afresh.
    for (const pool of config.pools) await providers.invalidate(pool.id);
  } else {
    demoCreated = await ensureDemoPool({ db, secrets }, env.publicUrl);
  }

  const purgeOnce = () =>
    void purgeExpiredArtifacts(db)
      .then(() => purgeExpiredFlows(db))
      .then(() => purgeAuditEvents(db, env.auditRetentionDays))
      // Codes and temporary passwords leave the outbox once they no longer work.
      .then(() => purgeExpiredOutbox(db))
      .then(() => purgeTriggerDeliveries(db))
      .then(() => purgeUnconfirmedDevices(db))
      .then(() => (redis ? undefined : purgeExpiredCounters(db)))
      .catch((error) => log(`purge failed: ${(error as Error).message}`));
  // At start too, so what expired while Gatehouse was stopped goes at once.
  purgeOnce();
  const purge = setInterval(purgeOnce, 10 * 60 * 1000);
  purge.unref();

  // Started CSV user imports run here (and resume here after a restart).
  const imports = startImportRunner({ db, log });

  const runtime: Runtime = { env, db, database, secrets, counters, sender, providers, redis, embedded: !!embedded, internalUrl: internalUrl(env.host, env.port), log };
  return {
    runtime,
    demoCreated,
    async shutdown() {
      clearInterval(purge);
      await imports.stop();
      database.stop();
      await providers.close();
      await redis?.quit().catch(() => {});
      await db.$disconnect();
      await embedded?.stop();
    },
  };
}

export { DEMO_CLIENT_ID, DEMO_POOL_ID };

export function internalUrl(host: string, port: number): string {
  const loopback = host === "0.0.0.0" || host === "::" || host === "" ? "127.0.0.1" : host.includes(":") ? `[${host}]` : host;
  return `http://${loopback}:${port}`;
}
