// Starts the real Gatehouse (server.ts, production build) as a child process on a free loopback
// port, with its own database and data directory, for integration and end-to-end tests.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { createTestDatabase, type TestDatabase } from "./database.ts";

export type RunningServer = {
  url: string;
  /** What a second instance needs to share this one's database, secret and Redis namespace. */
  shared: { DATABASE_URL?: string; GATEHOUSE_SECRET: string; REDIS_PREFIX: string };
  port: number;
  dataDir: string;
  output: () => string;
  /** The server process's id (benchmarks read its CPU time). */
  pid: () => number | undefined;
  /** The server's counters (`kill -USR2`, server.ts): database statements and transactions so far, memory. */
  stats: () => Promise<ServerStats>;
  restart: () => Promise<void>;
  /** `kill -9`: no clean-up of any kind; `restart()` starts it again. */
  crash: () => Promise<void>;
  stop: () => Promise<void>;
};

export type ServerStats = { statements: number; transactions: number; rss: number; heapUsed: number; external: number };

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
    s.on("error", reject);
  });
}

export async function startServer(options: {
  config?: unknown; env?: Record<string, string>; shareWith?: RunningServer;
  /** The PostgreSQL server to create the test database on (default: DATABASE_URL's). */
  databaseServer?: string;
  /** How the server reaches its database, e.g. through a test's proxy (the test's own URL stays direct). */
  connectThrough?: (url: string) => string;
  /** Extra node flags for the server process (e.g. --cpu-prof for a benchmark's profile). */
  nodeArgs?: string[];
  /** The port to listen on (default: a free one), for tests that must register the URL elsewhere first. */
  port?: number;
} = {}): Promise<RunningServer> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "gatehouse-test-"));
  // A second instance of a running server uses its database (which the first one drops).
  const db: TestDatabase = options.shareWith ? { url: options.shareWith.shared.DATABASE_URL, drop: async () => {} } : await createTestDatabase(options.databaseServer);
  const port = options.port ?? (await freePort());
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    PORT: String(port),
    HOST: "127.0.0.1",
    PUBLIC_URL: `http://localhost:${port}`,
    GATEHOUSE_DATA_DIR: dataDir,
    GATEHOUSE_SECRET: randomBytes(32).toString("base64url"),
    GATEHOUSE_DEV_OUTBOX: "1",
    REDIS_PREFIX: `gatehouse-test-${randomBytes(4).toString("hex")}:`,
    GATEHOUSE_RATE_LIMIT_FACTOR: "20",
    // The admin API checks its answers against its published schemas (lib/admin/api/router.ts).
    GATEHOUSE_CHECK_RESPONSES: "1",
    ...options.env,
    ...(options.shareWith ? { GATEHOUSE_SECRET: options.shareWith.shared.GATEHOUSE_SECRET, REDIS_PREFIX: options.shareWith.shared.REDIS_PREFIX } : {}),
  };
  if (db.url) env.DATABASE_URL = options.connectThrough ? options.connectThrough(db.url) : db.url;
  else delete env.DATABASE_URL;
  if (options.config) {
    const file = path.join(dataDir, "config.json");
    writeFileSync(file, JSON.stringify(options.config, null, 2));
    env.GATEHOUSE_CONFIG = file;
  }

  let child: ChildProcess | null = null;
  let log = "";
  const launch = () =>
    new Promise<void>((resolve, reject) => {
      const proc: ChildProcess = spawn(process.execPath, [...(options.nodeArgs ?? []), "--import", "tsx", "server.ts"], { env: env as NodeJS.ProcessEnv, stdio: ["ignore", "pipe", "pipe"] });
      child = proc;
      const timer = setTimeout(() => {
        // A server that never got ready must not live on unowned after the caller gives up on it.
        proc.kill("SIGKILL");
        reject(new Error(`server did not start in time:\n${log}`));
      }, 60_000);
      const onData = (chunk: Buffer) => {
        log += chunk.toString();
        if (log.includes("GATEHOUSE_READY")) {
          clearTimeout(timer);
          resolve();
        }
      };
      proc.stdout!.on("data", onData);
      proc.stderr!.on("data", onData);
      proc.on("exit", (code) => {
        clearTimeout(timer);
        if (!log.includes("GATEHOUSE_READY")) reject(new Error(`server exited with ${code}:\n${log}`));
      });
    });
  const kill = () =>
    new Promise<void>((resolve) => {
      const proc = child;
      if (!proc || proc.exitCode !== null || proc.signalCode !== null) return resolve();
      proc.once("exit", () => resolve());
      proc.kill("SIGTERM");
      setTimeout(() => proc.kill("SIGKILL"), 5000).unref();
    });

  await launch();
  return {
    url: `http://localhost:${port}`,
    shared: { ...(db.url ? { DATABASE_URL: db.url } : {}), GATEHOUSE_SECRET: env.GATEHOUSE_SECRET!, REDIS_PREFIX: env.REDIS_PREFIX! },
    port,
    dataDir,
    output: () => log,
    pid: () => (child)?.pid,
    stats: () =>
      new Promise<ServerStats>((resolve, reject) => {
        const proc = child;
        if (!proc?.pid) return reject(new Error("the server is not running"));
        const from = log.length;
        const timer = setInterval(() => {
          const line = /GATEHOUSE_STATS (\{.*\})/.exec(log.slice(from));
          if (!line) return;
          clearInterval(timer);
          resolve(JSON.parse(line[1]!) as ServerStats);
        }, 5);
        proc.kill("SIGUSR2");
      }),
    crash: () =>
      new Promise<void>((resolve) => {
        const proc = child;
        if (!proc || proc.exitCode !== null || proc.signalCode !== null) return resolve();
        proc.once("exit", () => resolve());
        proc.kill("SIGKILL");
      }),
    restart: async () => {
      await kill();
      log = "";
      await launch();
    },
    stop: async () => {
      await kill();
      await db.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
