// Copies every user and group of a Cognito user pool into a Gatehouse pool ahead of time.
//   npm run import:cognito -- --user-pool-id eu-west-1_AbCdEf123 --region eu-west-1 [--into <pool id>] [--endpoint URL] [--max-pages N] [--page-size N]
// --into defaults to the pool whose migrateFrom names that user pool. Works on the database
// (DATABASE_URL, or the embedded one in GATEHOUSE_DATA_DIR: stop Gatehouse first), like seed:users.
// AWS credentials come from the default chain; the SDK's own endpoint settings
// (AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER, AWS_ENDPOINT_URL) apply. Resumable: run it again
// after an interruption and it goes on from the page it was on; idempotent: a finished import run
// again updates what is there. --max-pages stops after that many pages (to spread a large import);
// --page-size asks the old pool for fewer than its 60 items a page.
import { parseArgs } from "node:util";
import { CognitoIdentityProviderClient, DescribeUserPoolCommand } from "@aws-sdk/client-cognito-identity-provider";
import { parseEnv } from "../lib/config/env.ts";
import { createDb } from "../lib/db/client.ts";
import { startEmbeddedDatabase } from "../lib/db/embedded.ts";
import { applyMigrations } from "../lib/db/migrate.ts";
import { importCognitoPool, type ImportProgress } from "../lib/migration/import-cognito.ts";
import { storedMigrateFromOf } from "../lib/migration/config.ts";
import { getPool } from "../lib/pools/pool.ts";
import { createSecrets, loadRootSecret } from "../lib/security/secrets.ts";

const { values } = parseArgs({
  options: {
    "user-pool-id": { type: "string" }, region: { type: "string" }, into: { type: "string" }, endpoint: { type: "string" }, "max-pages": { type: "string" }, "page-size": { type: "string" },
  },
});
const sourcePoolId = values["user-pool-id"];
const region = values.region ?? sourcePoolId?.split("_")[0];
if (!sourcePoolId || !/^[\w-]+_[0-9a-zA-Z]+$/.test(sourcePoolId)) fail("--user-pool-id: give the Cognito user pool id, such as eu-west-1_AbCdEf123");
if (!region) fail("--region: give the user pool's AWS region");
const maxPages = values["max-pages"] === undefined ? undefined : Number(values["max-pages"]);
if (maxPages !== undefined && (!Number.isInteger(maxPages) || maxPages < 1)) fail("--max-pages must be a whole number from 1");
const pageSize = values["page-size"] === undefined ? undefined : Number(values["page-size"]);
if (pageSize !== undefined && (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 60)) fail("--page-size must be a whole number from 1 to 60");

const env = parseEnv();
const embedded = env.databaseUrl ? null : await startEmbeddedDatabase({ dataDir: env.dataDir });
const url = env.databaseUrl ?? embedded!.url;
await applyMigrations({ url });
const db = createDb({ url, embedded: !!embedded });
const cognito = new CognitoIdentityProviderClient({ region, ...(values.endpoint ? { endpoint: values.endpoint } : {}) });
try {
  const into = values.into ?? (await poolMigratingFrom(sourcePoolId));
  const pool = await getPool(db, into);
  const total = await estimatedUsers(sourcePoolId);
  const bar = progressBar(total);
  const secrets = createSecrets(loadRootSecret({ secret: env.secret, dataDir: env.dataDir }));
  const result = await importCognitoPool(
    { db, secrets, cognito, log: (line) => bar.note(line) },
    { pool, sourcePoolId: sourcePoolId, ...(maxPages ? { maxPages } : {}), ...(pageSize ? { pageSize } : {}), onProgress: (progress) => bar.update(progress) },
  );
  bar.end();
  const c = result.counts;
  const summary = `${c.groups} groups, ${c.users} users (${c.created} new, ${c.updated} updated, ${c.kept} already moved in, ${c.skipped} skipped), ${c.memberships} new memberships`;
  console.log(result.phase === "done" ? `imported ${sourcePoolId} into ${pool.id} (${result.pages} pages this run): ${summary}` : `stopped after ${maxPages} pages (${result.phase}); run again to go on. So far: ${summary}`);
} finally {
  cognito.destroy();
  await db.$disconnect();
  await embedded?.stop();
}

function fail(message: string): never {
  console.error(`import:cognito: ${message}`);
  process.exit(2);
}

/** The pool whose migrateFrom names the user pool: the one users move into. */
async function poolMigratingFrom(userPoolId: string): Promise<string> {
  const pools = await db.userPool.findMany({ where: { migrateFrom: { not: { equals: null } } }, select: { id: true, migrateFrom: true } });
  const matching = pools.filter((p) => storedMigrateFromOf(p.migrateFrom)?.userPoolId === userPoolId);
  if (matching.length !== 1) fail(matching.length ? `several pools migrate from ${userPoolId} (${matching.map((p) => p.id).join(", ")}): choose one with --into` : `no pool's migrateFrom names ${userPoolId}: give --into <pool id>`);
  return matching[0]!.id;
}

/** The old pool's estimate, for the bar (DescribeUserPool; without that permission the bar counts without a total). */
async function estimatedUsers(userPoolId: string): Promise<number | null> {
  try {
    return (await cognito.send(new DescribeUserPoolCommand({ UserPoolId: userPoolId }))).UserPool?.EstimatedNumberOfUsers ?? null;
  } catch {
    return null;
  }
}

/** On a terminal, one bar redrawn in place on stderr; otherwise a line per page. */
function progressBar(total: number | null) {
  const tty = process.stderr.isTTY === true;
  let drawn = false;
  const line = ({ phase, counts }: ImportProgress) => {
    const done = counts.users + counts.skipped;
    if (phase !== "users" || !total) return `${phase}: ${counts.groups} groups, ${done} users, ${counts.memberships} memberships`;
    const share = Math.min(1, done / total);
    const width = 30;
    return `users [${"#".repeat(Math.round(share * width)).padEnd(width, ".")}] ${done}/${total} (${Math.round(share * 100)} %)`;
  };
  return {
    update(progress: ImportProgress) {
      if (tty) {
        process.stderr.write(`\r\x1b[2K${line(progress)}`);
        drawn = true;
      } else {
        process.stderr.write(`${line(progress)}\n`);
      }
    },
    note(text: string) {
      process.stderr.write(`${tty && drawn ? "\r\x1b[2K" : ""}${text}\n`);
    },
    end() {
      if (tty && drawn) process.stderr.write("\n");
    },
  };
}
