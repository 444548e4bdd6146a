// A PostgreSQL server of the test's own (initdb into a temporary directory, pg_ctl on a free
// port), for tests that stop and start the database under a running Gatehouse. The machine's
// shared server is never touched: other test runs use it.
import { execFileSync } from "node:child_process";
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { freePort } from "./server.ts";

export type PostgresInstance = {
  /** postgres://…/postgres on the instance: a base for createTestDatabase. */
  url: string;
  port: number;
  stop: () => void;
  start: () => void;
  destroy: () => void;
};

/** The directory of initdb and pg_ctl: PG_BIN, Debian's /usr/lib/postgresql/<newest>/bin, or pg_config's. */
function binDir(): string {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const debian = "/usr/lib/postgresql";
  if (existsSync(debian)) {
    const newest = readdirSync(debian).filter((v) => existsSync(path.join(debian, v, "bin", "initdb"))).sort((a, b) => Number(b) - Number(a))[0];
    if (newest) return path.join(debian, newest, "bin");
  }
  try {
    return execFileSync("pg_config", ["--bindir"], { encoding: "utf8" }).trim();
  } catch {
    throw new Error("This test runs a PostgreSQL server of its own and needs its programs (initdb, pg_ctl): install PostgreSQL's server package (Debian: postgresql), or set PG_BIN to the folder that holds them.");
  }
}

export async function startPostgres(): Promise<PostgresInstance> {
  const bin = binDir();
  const root = process.getuid?.() === 0;
  const dir = mkdtempSync(path.join(tmpdir(), "gatehouse-pg-"));
  const data = path.join(dir, "data");
  // PostgreSQL refuses to run as root: as root, the cluster belongs to the postgres user.
  if (root) {
    const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }));
    const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }));
    chownSync(dir, uid, gid);
  }
  chmodSync(dir, 0o700);
  const run = (program: string, args: string[]) =>
    execFileSync(root ? "runuser" : path.join(bin, program), root ? ["-u", "postgres", "--", path.join(bin, program), ...args] : args, { stdio: "pipe", cwd: dir });
  run("initdb", ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"]);
  const port = await freePort();
  // Small and fast: a throw-away cluster on loopback, its socket in its own folder.
  const options = `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=${dir} -c fsync=off -c shared_buffers=16MB -c max_connections=40`;
  const start = () => void run("pg_ctl", ["start", "-w", "-D", data, "-l", path.join(dir, "server.log"), "-o", options]);
  const stop = () => void run("pg_ctl", ["stop", "-w", "-m", "fast", "-D", data]);
  start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    start,
    stop,
    destroy: () => {
      try {
        stop();
      } catch {
        // already stopped
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
