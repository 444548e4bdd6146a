// `npm start` / `npm run dev`: make sure the Prisma client and (for start) a production build
// exist, then run server.ts. A build is made only when there is none.
import { execFileSync, spawn } from "node:child_process";
import { existsSync } from "node:fs";

const dev = process.argv.includes("--dev");
execFileSync(process.execPath, ["scripts/generate-prisma.mjs"], { stdio: "inherit" });
if (!dev && !existsSync(".next/BUILD_ID")) {
  console.log("No production build yet: building (this takes a minute the first time)...");
  execFileSync(process.execPath, ["--import", "tsx", "scripts/check-catalogues.ts"], { stdio: "inherit" });
  execFileSync(process.execPath, ["node_modules/next/dist/bin/next", "build"], { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
}
const child = spawn(process.execPath, ["--import", "tsx", "server.ts", ...(dev ? ["--dev"] : [])], {
  stdio: "inherit",
  env: { ...process.env, NODE_ENV: dev ? "development" : "production", NEXT_TELEMETRY_DISABLED: "1" },
});
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
child.on("exit", (code) => process.exit(code ?? 1));
