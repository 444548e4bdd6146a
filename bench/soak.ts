// A soak test: Gatehouse on PostgreSQL under a steady mixed load for minutes, watching its memory.
//   npm run bench:soak [-- --minutes 10 --concurrency 8 --out FILE]
// First the mix's saturated rate (closed loop, 15 s), then an open loop at 80 % of it for --minutes,
// sampling the server's RSS and heap every 10 s. The server runs with a full collection before each
// sample (bench/gc-on-stats.mjs), so heapUsed is the live heap. At the end the load stops, the server
// settles for 20 s, and a last sample is taken.
// Verdict: no errors, the settled heap within 10 % of the first half's median heap, and the heap's
// growth over the second half (fitted slope × its length) under 5 % of the heap.
// Writes bench/results/soak-<date>.md.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import {
  API_POOL, startBenchServer, benchConfig, closedLoop, hostedSignIn, machine, MACHINE_CLIENT, openLoop, percentile, RESOURCE_SCOPE, SERVER_CLIENT, srpSignIn, tokenRequest,
  userInfo, userPasswordSignIn,
} from "./support.ts";

const { values } = parseArgs({
  options: { minutes: { type: "string", default: "10" }, concurrency: { type: "string", default: "8" }, out: { type: "string" } },
});
const MINUTES = Number(values.minutes);
const CONCURRENCY = Number(values.concurrency);
const SAMPLE_SECONDS = 10;
const today = new Date().toISOString().slice(0, 10);
const OUT = values.out ?? `bench/results/soak-${today}.md`;
const MiB = 2 ** 20;

if (!process.env.DATABASE_URL) throw new Error("the soak runs on PostgreSQL: set DATABASE_URL");
const server = await startBenchServer({
  config: benchConfig(),
  env: { GATEHOUSE_RATE_LIMIT_FACTOR: "1000000" },
  nodeArgs: ["--expose-gc", "--import", path.resolve("bench/gc-on-stats.mjs")],
});

type Sample = { at: number; phase: string; rss: number; heapUsed: number; external: number };
const samples: Sample[] = [];
const started = Date.now();
const sample = async (phase: string) => {
  const s = await server.stats();
  samples.push({ at: (Date.now() - started) / 1000, phase, rss: s.rss, heapUsed: s.heapUsed, external: s.external });
  const last = samples.at(-1)!;
  console.log(`${last.at.toFixed(0).padStart(5)} s  ${phase.padEnd(7)} rss ${(last.rss / MiB).toFixed(1)} MiB  heap ${(last.heapUsed / MiB).toFixed(1)} MiB`);
};

/** Least-squares slope of y over x. */
function slope(points: { x: number; y: number }[]): number {
  const n = points.length;
  if (n < 2) return NaN;
  const mx = points.reduce((s, p) => s + p.x, 0) / n;
  const my = points.reduce((s, p) => s + p.y, 0) / n;
  const num = points.reduce((s, p) => s + (p.x - mx) * (p.y - my), 0);
  const den = points.reduce((s, p) => s + (p.x - mx) ** 2, 0);
  return num / den;
}

try {
  const base = server.url;
  const tokenUrl = `${base}/${API_POOL}/oauth2/token`;
  const signedIn = await hostedSignIn(base);
  const serverApp = await hostedSignIn(base, SERVER_CLIENT);
  const refreshToken = serverApp.refresh_token!;
  // The mix, by weight: mostly machine and refresh tokens and userInfo, some sign-ins of each kind.
  const mix: [number, () => Promise<unknown>][] = [
    [40, () => tokenRequest(tokenUrl, { grant_type: "client_credentials", scope: RESOURCE_SCOPE }, MACHINE_CLIENT)],
    [25, () => tokenRequest(tokenUrl, { grant_type: "refresh_token", refresh_token: refreshToken }, SERVER_CLIENT)],
    [25, () => userInfo(base, signedIn.access_token)],
    [4, () => hostedSignIn(base)],
    [3, () => srpSignIn(base)],
    [3, () => userPasswordSignIn(base)],
  ];
  const totalWeight = mix.reduce((s, [w]) => s + w, 0);
  const operation = () => {
    let r = Math.random() * totalWeight;
    for (const [w, op] of mix) if ((r -= w) < 0) return op();
    return mix[0]![1]();
  };

  await new Promise((resolve) => setTimeout(resolve, 2000));
  await sample("idle");
  for (let i = 0; i < 50; i++) await operation();
  const saturated = await closedLoop(operation, { seconds: 15, concurrency: CONCURRENCY });
  const maxRate = (saturated.count - saturated.errors) / saturated.wall;
  const rate = maxRate * 0.8;
  console.log(`saturated mix: ${maxRate.toFixed(0)} ops/s; soaking at ${rate.toFixed(0)} ops/s for ${MINUTES} min`);

  const loadStarted = Date.now();
  const sampler = setInterval(() => void sample("load"), SAMPLE_SECONDS * 1000);
  // At most 4 × the closed loop's clients unanswered: the rate was measured in 15 s on a machine whose
  // other work comes and goes, and a backlog would turn into pool timeouts (503) rather than memory.
  const soak = await openLoop(operation, { seconds: MINUTES * 60, rate, maxInFlight: 4 * CONCURRENCY });
  clearInterval(sampler);
  const loadSeconds = (Date.now() - loadStarted) / 1000;
  await new Promise((resolve) => setTimeout(resolve, 20_000));
  await sample("settled");

  const idle = samples.find((s) => s.phase === "idle")!;
  const load = samples.filter((s) => s.phase === "load");
  const loadStart = load[0]?.at ?? 0;
  const half = loadStart + (load.at(-1)!.at - loadStart) / 2;
  const firstHalf = load.filter((s) => s.at <= half);
  const secondHalf = load.filter((s) => s.at > half);
  const settled = samples.at(-1)!;
  const firstHalfHeap = percentile(firstHalf.map((s) => s.heapUsed), 50);
  const heapSlope = slope(secondHalf.map((s) => ({ x: s.at / 60, y: s.heapUsed / MiB })));
  const rssSlope = slope(secondHalf.map((s) => ({ x: s.at / 60, y: s.rss / MiB })));
  const settledRatio = settled.heapUsed / firstHalfHeap;
  const errors = saturated.errors + soak.errors;
  // A leak shows as heap that the full collections cannot give back: growth across the second half
  // (the fitted slope times its length) beyond 5 % of the heap, or a settled heap above the first
  // half's. The slope alone over a few minutes is mostly the noise of a ±2 MiB live heap.
  const secondHalfMinutes = secondHalf.length > 1 ? (secondHalf.at(-1)!.at - secondHalf[0]!.at) / 60 : 0;
  const heapGrowth = heapSlope * secondHalfMinutes;
  const growthLimit = 0.05 * (firstHalfHeap / MiB);
  const verdicts = [
    { what: "errors", wanted: "0", measured: String(errors), ok: errors === 0 },
    { what: "settled heap ÷ first half's median heap", wanted: "≤ 1.10", measured: settledRatio.toFixed(2), ok: settledRatio <= 1.1 },
    {
      what: "heap growth over the second half (slope × length)", wanted: `< 5 % of the heap (${growthLimit.toFixed(1)} MiB)`,
      measured: `${heapGrowth.toFixed(1)} MiB (${heapSlope.toFixed(2)} MiB/min over ${secondHalfMinutes.toFixed(1)} min)`, ok: heapGrowth < growthLimit,
    },
  ];
  const pass = verdicts.every((v) => v.ok);

  const host = machine();
  const report = [
    `# Soak ${today}`,
    "",
    `Written by \`npm run bench:soak -- --minutes ${MINUTES}\` (bench/soak.ts). Gatehouse on PostgreSQL, Node ${process.version}, ${host.cores} × ${host.cpu};`,
    `Redis ${process.env.REDIS_URL ? "on" : "off"}. Mix by weight: client_credentials 40, refresh_token 25, userInfo 25, hosted-UI sign-in 4, SRP sign-in 3,`,
    "USER_PASSWORD_AUTH 3. The server collects garbage fully before each sample, so heap figures are the live heap.",
    "",
    `**Verdict: ${pass ? "pass" : "FAIL"}.**`,
    "",
    "| check | wanted | measured | met |",
    "|---|---|---|---|",
    ...verdicts.map((v) => `| ${v.what} | ${v.wanted} | ${v.measured} | ${v.ok ? "✓" : "✗"} |`),
    "",
    "| figure | value |",
    "|---|---|",
    `| saturated mix (closed loop, ${CONCURRENCY} clients, 15 s) | ${maxRate.toFixed(0)} ops/s |`,
    `| soak load (open loop, 80 %) | ${rate.toFixed(0)} ops/s for ${(loadSeconds / 60).toFixed(1)} min, ${soak.count} ops |`,
    `| ops not sent (${4 * CONCURRENCY} already unanswered) | ${soak.shed}${soak.shed ? " (the server fell behind the rate: other work on the machine?)" : ""} |`,
    `| latency under the soak load, p50 / p99 | ${percentile(soak.latencies, 50).toFixed(1)} / ${percentile(soak.latencies, 99).toFixed(1)} ms |`,
    `| idle RSS (after start, before load) | ${(idle.rss / MiB).toFixed(1)} MiB (heap ${(idle.heapUsed / MiB).toFixed(1)} MiB) |`,
    `| RSS under load (median, max) | ${(percentile(load.map((s) => s.rss), 50) / MiB).toFixed(1)}, ${(Math.max(...load.map((s) => s.rss)) / MiB).toFixed(1)} MiB |`,
    `| heap under load, first half's median | ${(firstHalfHeap / MiB).toFixed(1)} MiB |`,
    `| RSS growth over the second half | ${rssSlope.toFixed(2)} MiB/min |`,
    `| heap growth over the second half | ${heapSlope.toFixed(2)} MiB/min |`,
    `| settled (20 s after the load) RSS, heap | ${(settled.rss / MiB).toFixed(1)}, ${(settled.heapUsed / MiB).toFixed(1)} MiB |`,
    `| errors | ${errors} |`,
    "",
    ...(soak.failures.length || saturated.failures.length ? ["Failures (first few):", "", ...[...saturated.failures, ...soak.failures].map((f) => `- ${f.replace(/\n/g, " ")}`), ""] : []),
    "## Samples",
    "",
    "| s | phase | RSS (MiB) | heapUsed (MiB) | external (MiB) |",
    "|---|---|---|---|---|",
    ...samples.map((s) => `| ${s.at.toFixed(0)} | ${s.phase} | ${(s.rss / MiB).toFixed(1)} | ${(s.heapUsed / MiB).toFixed(1)} | ${(s.external / MiB).toFixed(1)} |`),
    "",
  ].join("\n");
  mkdirSync(path.dirname(OUT), { recursive: true });
  writeFileSync(OUT, report);
  console.log(`\nverdict: ${pass ? "pass" : "FAIL"}; ${verdicts.map((v) => `${v.what} ${v.measured}`).join(", ")}\nwrote ${OUT}`);
  process.exitCode = pass ? 0 : 1;
} finally {
  await server.stop();
}
