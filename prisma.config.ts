// Prisma CLI configuration. `prisma generate` does not use the native schema engine, but the CLI
// tries to fetch it on every command; pointing it at any path lets generate run offline.
// Migrations are applied by lib/db/migrate.ts, not by the CLI (see ../shared/STACK-NOTES.md).
import path from "node:path";
import { defineConfig } from "prisma/config";

process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= path.resolve("prisma/schema.prisma");

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
});
