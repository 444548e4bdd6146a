// Generates the Prisma client into generated/prisma (never committed). Runs on install and before
// start, and skips the work when the client is newer than the schema.
import { execFileSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";

const schema = "prisma/schema.prisma";
const marker = "generated/prisma/client.ts";
const fresh = existsSync(marker) && statSync(marker).mtimeMs >= statSync(schema).mtimeMs;
if (!fresh || process.argv.includes("--force")) {
  execFileSync(process.execPath, ["node_modules/prisma/build/index.js", "generate"], {
    stdio: ["ignore", "inherit", "inherit"],
    env: { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: "1", CHECKPOINT_DISABLE: "1" },
  });
}
