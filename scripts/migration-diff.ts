// Writes a new migration: the SQL between the schema at the last migration and the current
// prisma/schema.prisma, computed by Prisma's schema engine compiled to WebAssembly (the CLI's
// native engine cannot be downloaded here). Usage: npm run migration:diff -- <name>
import { readFileSync, writeFileSync, mkdirSync, readdirSync, existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";

const require = createRequire(import.meta.url);
const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) throw new Error("usage: migration:diff <snake_case_name>");

const dir = "prisma/migrations";
const previous = readdirSync(dir).filter((d) => existsSync(path.join(dir, d, "schema.prisma"))).sort().at(-1);
const current = readFileSync("prisma/schema.prisma", "utf8");

const bgPath = path.join(path.dirname(require.resolve("@prisma/schema-engine-wasm")), "schema_engine_bg.js");
const bg = await import(bgPath);
const { instance } = await WebAssembly.instantiate(readFileSync(bgPath.replace(/\.js$/, ".wasm")), { "./schema_engine_bg.js": bg });
bg.__wbg_set_wasm(instance.exports);
(instance.exports.__wbindgen_start as () => void)();

// The engine wants an adapter even for a schema-to-schema diff; it does not read the database.
const adapter = bindMigrationAwareSqlAdapterFactory(new PrismaPg({ connectionString: process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres" }));
const engine = await bg.SchemaEngine.new({ datamodels: [["schema.prisma", current]] }, () => {}, adapter);
const from = previous
  ? { tag: "schemaDatamodel", files: [{ path: "schema.prisma", content: readFileSync(path.join(dir, previous, "schema.prisma"), "utf8") }] }
  : { tag: "empty" };
const result = await engine.diff({
  from, to: { tag: "schemaDatamodel", files: [{ path: "schema.prisma", content: current }] },
  script: true, exitCode: null, filters: { externalTables: [], externalEnums: [] },
});
const sql: string = result.stdout ?? "";
if (!sql.trim() || sql.includes("This is an empty migration")) { console.log("no changes"); process.exit(0); }
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const target = path.join(dir, `${stamp}_${name}`);
mkdirSync(target, { recursive: true });
writeFileSync(path.join(target, "migration.sql"), sql);
// The schema as of this migration, so the next diff starts from it.
writeFileSync(path.join(target, "schema.prisma"), current);
console.log(`wrote ${target}/migration.sql`);
process.exit(0);
