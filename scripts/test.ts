// `npm test`: the static checks (the type checker, type-aware ESLint and import cycles, one check each), unit tests
// (lib/**/*.test.ts), integration tests (tests/**/*.test.ts) and end-to-end specs (e2e/, Playwright
// in Chromium), then one line summing them all: "N passed, N failed".
// `npm test -- lint|unit|integration|e2e` runs one suite.
import { execFileSync, spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync, mkdirSync } from "node:fs";
import path from "node:path";

const only = process.argv[2];
const suites = only ? [only] : ["lint", "unit", "integration", "e2e"];
const totals = { passed: 0, failed: 0, skipped: 0 };

function files(dir: string, pattern: RegExp): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .map((f) => path.join(dir, f))
    .filter((f) => pattern.test(f) && !f.includes("node_modules"))
    .sort();
}

function newestMtime(paths: string[]): number {
  let newest = 0;
  for (const p of paths) {
    for (const f of statSync(p).isDirectory() ? files(p, /\.(tsx?|css|js|mjs|json)$/) : [p]) newest = Math.max(newest, statSync(f).mtimeMs);
  }
  return newest;
}

function ensureBuild() {
  const stamp = ".next/BUILD_ID";
  const sources = ["app", "components", "lib", "i18n", "messages", "next.config.js", "prisma/schema.prisma"].filter(existsSync);
  if (existsSync(stamp) && statSync(stamp).mtimeMs > newestMtime(sources)) return;
  console.log("Building the app for the tests...");
  execFileSync(process.execPath, ["--import", "tsx", "scripts/check-catalogues.ts"], { stdio: "inherit" });
  execFileSync(process.execPath, ["node_modules/next/dist/bin/next", "build"], { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
}

function run(cmd: string, args: string[], env: Record<string, string> = {}): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (d: Buffer) => { output += d.toString(); process.stdout.write(d); });
    child.stderr.on("data", (d: Buffer) => { output += d.toString(); process.stderr.write(d); });
    child.on("exit", (code) => resolve({ code: code ?? 1, output }));
  });
}

async function nodeSuite(name: string, testFiles: string[], concurrency: number) {
  if (testFiles.length === 0) return;
  console.log(`\n=== ${name}: ${testFiles.length} files ===`);
  const { code, output } = await run(process.execPath, [
    "--import", "tsx", "--test", `--test-concurrency=${concurrency}`, "--test-reporter=spec", ...testFiles,
  ]);
  const count = (label: string) => Number(new RegExp(`ℹ ${label} (\\d+)`).exec(output)?.[1] ?? 0);
  const passed = count("pass");
  const failed = count("fail") + count("cancelled");
  totals.passed += passed;
  totals.failed += failed || (code !== 0 ? 1 : 0);
  totals.skipped += count("skipped") + count("todo");
}

/** tsc, ESLint and the import-cycle check over the whole tree: each is one check that passes or fails. */
async function lintSuite() {
  console.log("\n=== static checks: tsc, eslint, import cycles ===");
  for (const [name, args] of [
    ["tsc", ["node_modules/typescript/bin/tsc", "--noEmit", "-p", "."]],
    ["eslint", ["node_modules/eslint/bin/eslint.js", "--max-warnings=0", "."]],
    ["import cycles", ["--import", "tsx", "scripts/check-import-cycles.ts"]],
  ] as const) {
    const { code } = await run(process.execPath, [...args]);
    console.log(`${code === 0 ? "✔" : "✖"} ${name}`);
    if (code === 0) totals.passed += 1;
    else totals.failed += 1;
  }
}

async function e2eSuite() {
  const specs = files("e2e", /\.spec\.ts$/);
  if (specs.length === 0) return;
  console.log(`\n=== end-to-end: ${specs.length} specs ===`);
  mkdirSync("test-results", { recursive: true });
  const report = path.resolve("test-results/e2e.json");
  const { code } = await run(process.execPath, ["node_modules/@playwright/test/cli.js", "test", "--reporter=list,json"], {
    PLAYWRIGHT_JSON_OUTPUT_NAME: report,
  });
  if (!existsSync(report)) {
    totals.failed += 1;
    return;
  }
  const stats = JSON.parse(readFileSync(report, "utf8")).stats as { expected: number; unexpected: number; flaky: number; skipped: number };
  totals.passed += stats.expected + stats.flaky;
  totals.failed += stats.unexpected || (code !== 0 ? 1 : 0);
  totals.skipped += stats.skipped;
}

execFileSync(process.execPath, ["scripts/generate-prisma.mjs"], { stdio: "inherit" });
if (suites.some((s) => s === "integration" || s === "e2e")) ensureBuild();
for (const suite of suites) {
  if (suite === "lint") await lintSuite();
  else if (suite === "unit") await nodeSuite("unit", files("lib", /\.test\.ts$/), 2);
  else if (suite === "integration") await nodeSuite("integration", files("tests", /\.test\.ts$/), 1);
  else if (suite === "e2e") await e2eSuite();
  else throw new Error(`unknown suite ${suite}: use unit, integration or e2e`);
}
console.log(`\n${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ""}`);
process.exit(totals.failed > 0 ? 1 : 0);
