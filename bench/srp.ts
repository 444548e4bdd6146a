// Server-side cost of one SRP sign-in (startServerSession + verifyClaim), one process = one core,
// with the exponentiations in OpenSSL (lib/security/srp.ts) and, for comparison, in plain BigInt.
// The client's side is computed between the timed calls and not counted.
//   npm run bench:srp
// Writes the results to bench/results/srp.md.
import { createDiffieHellman, createHash, createHmac, hkdfSync, randomBytes } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import { createVerifier, formatTimestamp, g, k, N, padHex, startServerSession, verifyClaim } from "../lib/security/srp.ts";
import { hashPassword, verifyPassword } from "../lib/security/passwords.ts";

const POOL_ID = "local_Bench0001";
const USERNAME = "bench-user";
const PASSWORD = "Benchmark password 1!";
const NATIVE_RUNS = 400;
const BIGINT_RUNS = 15;

const toBig = (hex: string) => BigInt(`0x${hex}`);
const hexHash = (hex: string) => createHash("sha256").update(Buffer.from(hex, "hex")).digest("hex");
const dh = createDiffieHellman(Buffer.from(N.toString(16), "hex"), Buffer.from([2]));
const nativePow = (base: bigint, exponent: bigint) => {
  dh.setPrivateKey(Buffer.from(padHex(exponent), "hex"));
  return toBig(dh.computeSecret(Buffer.from(base.toString(16).padStart(768, "0"), "hex")).toString("hex"));
};
function bigintPow(base: bigint, exponent: bigint): bigint {
  let result = 1n;
  for (let x = base % N, e = exponent; e > 0n; e >>= 1n, x = (x * x) % N) if (e & 1n) result = (result * x) % N;
  return result;
}

const account = createVerifier({ poolId: POOL_ID, username: USERNAME, password: PASSWORD });
const x = toBig(hexHash(padHex(toBig(account.salt)) + createHash("sha256").update(`Bench0001${USERNAME}:${PASSWORD}`).digest("hex")));

/** The client's answer to a challenge (Cognito's client formulas; untimed). */
function clientAnswer(B: string, secretBlock: string) {
  const a = toBig(randomBytes(128).toString("hex"));
  const A = nativePow(g, a);
  const u = toBig(hexHash(padHex(A) + padHex(toBig(B))));
  const base = (((toBig(B) - k * nativePow(g, x)) % N) + N) % N;
  const S = nativePow(base, a + u * x);
  const key = Buffer.from(hkdfSync("sha256", Buffer.from(padHex(S), "hex"), Buffer.from(padHex(u), "hex"), "Caldera Derived Key", 16));
  const timestamp = formatTimestamp(new Date());
  const signature = createHmac("sha256", key)
    .update(Buffer.concat([Buffer.from("Bench0001"), Buffer.from(USERNAME), Buffer.from(secretBlock, "base64"), Buffer.from(timestamp)]))
    .digest("base64");
  return { A: A.toString(16), timestamp, signature };
}

/** The same server steps as srp.ts with BigInt exponentiation, for comparison. */
const bigintServer = {
  start(verifier: string) {
    const b = randomBytes(32);
    const B = (k * toBig(verifier) + bigintPow(g, toBig(b.toString("hex")))) % N;
    return { b: b.toString("hex"), B: padHex(B), secretBlock: randomBytes(64).toString("base64") };
  },
  verify(o: { verifier: string; A: string; b: string; B: string; secretBlock: string; timestamp: string; signature: string }) {
    const A = toBig(o.A);
    const u = toBig(hexHash(padHex(A) + padHex(toBig(o.B))));
    const S = bigintPow((A * bigintPow(toBig(o.verifier), u)) % N, toBig(o.b));
    const key = Buffer.from(hkdfSync("sha256", Buffer.from(padHex(S), "hex"), Buffer.from(padHex(u), "hex"), "Caldera Derived Key", 16));
    const expected = createHmac("sha256", key)
      .update(Buffer.concat([Buffer.from("Bench0001"), Buffer.from(USERNAME), Buffer.from(o.secretBlock, "base64"), Buffer.from(o.timestamp)]))
      .digest("base64");
    return expected === o.signature;
  },
};

type Timing = { start: number[]; verify: number[]; cpu: number[] };
/** Wall time of fn in ms, and the CPU time this process spent in it (user + system), which the other load on the machine does not inflate. */
function timed<T>(fn: () => T): { value: T; wall: number; cpu: number } {
  const cpu = process.cpuUsage();
  const wall = performance.now();
  const value = fn();
  const used = process.cpuUsage(cpu);
  return { value, wall: performance.now() - wall, cpu: (used.user + used.system) / 1000 };
}
function run(runs: number, server: "native" | "bigint"): Timing {
  const t: Timing = { start: [], verify: [], cpu: [] };
  for (let i = 0; i < runs; i++) {
    const start = timed(() => (server === "native" ? startServerSession({ verifier: account.verifier }) : bigintServer.start(account.verifier)));
    const session = start.value;
    const answer = clientAnswer(session.B, session.secretBlock);
    const verify = timed(() =>
      server === "native"
        ? verifyClaim({ poolId: POOL_ID, userIdForSrp: USERNAME, ...account, ...session, A: answer.A, claimedSecretBlock: session.secretBlock, timestamp: answer.timestamp, signature: answer.signature })
        : bigintServer.verify({ ...account, ...session, ...answer }),
    );
    if (!verify.value) throw new Error(`${server}: a correct answer was refused`);
    t.start.push(start.wall);
    t.verify.push(verify.wall);
    t.cpu.push(start.cpu + verify.cpu);
  }
  return t;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const p95 = (values: number[]) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * 0.95))]!;
const ms = (n: number) => n.toFixed(2);

run(20, "native"); // warm up
const native = run(NATIVE_RUNS, "native");
const bigint = run(BIGINT_RUNS, "bigint");
let s = performance.now();
for (let i = 0; i < 50; i++) createVerifier({ poolId: POOL_ID, username: USERNAME, password: PASSWORD });
const createMs = (performance.now() - s) / 50;
const hash = await hashPassword(PASSWORD);
await verifyPassword(hash, PASSWORD);
// argon2 runs on libuv's thread pool: its CPU time still lands in this process's cpuUsage.
const argon: { wall: number; cpu: number }[] = [];
for (let i = 0; i < 20; i++) {
  const cpu = process.cpuUsage();
  s = performance.now();
  await verifyPassword(hash, PASSWORD);
  const used = process.cpuUsage(cpu);
  argon.push({ wall: performance.now() - s, cpu: (used.user + used.system) / 1000 });
}

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
const rows: [string, Timing][] = [
  ["SRP, OpenSSL (srp.ts)", native],
  ["SRP, BigInt modPow", bigint],
];
const lines = rows.map(([name, t]) => {
  const total = t.start.map((v, i) => v + t.verify[i]!);
  return `| ${name} | ${ms(median(t.start))} | ${ms(median(t.verify))} | ${ms(median(total))} | ${ms(p95(total))} | ${ms(mean(t.cpu))} | ${Math.floor(1000 / mean(t.cpu))} |`;
});
lines.push(`| USER_PASSWORD_AUTH's argon2id verify (for scale) | – | ${ms(median(argon.map((a) => a.wall)))} | ${ms(median(argon.map((a) => a.wall)))} | ${ms(p95(argon.map((a) => a.wall)))} | ${ms(mean(argon.map((a) => a.cpu)))} | ${Math.floor(1000 / mean(argon.map((a) => a.cpu)))} |`);
for (const line of lines) console.log(line);

const cpu = os.cpus()[0]?.model ?? "unknown CPU";
const report = [
  "# SRP sign-in: server-side cost",
  "",
  `One process (one core), ${cpu}, ${os.cpus().length} cores shared with other work (load average ${os.loadavg()[0]!.toFixed(2)} at the end), node ${process.version}, ${process.versions.openssl ? `OpenSSL ${process.versions.openssl}` : ""}.`,
  `A sign-in is startServerSession (InitiateAuth: B = k·v + g^b) plus verifyClaim (RespondToAuthChallenge: S = (A·v^u)^b, HKDF, HMAC);`,
  `the client's side is computed between the timed calls and not counted. ${NATIVE_RUNS} sign-ins with OpenSSL, ${BIGINT_RUNS} with BigInt, all answers correct.`,
  "Wall times suffer from the other load on the machine; the rate per core is computed from the process's CPU time in the timed calls.",
  "",
  "| server | start ms (p50) | verify ms (p50) | sign-in ms (p50) | sign-in ms (p95) | CPU ms per sign-in (mean) | sign-ins / s / core (from CPU time) |",
  "| --- | --- | --- | --- | --- | --- | --- |",
  ...lines,
  "",
  `Setting a password adds createVerifier (g^x): ${ms(createMs)} ms.`,
  "OpenSSL does the three 3072-bit exponentiations (256-bit exponents) with Montgomery multiplication in assembly; BigInt's",
  "square-and-multiply allocates a new 3072-bit number per step, hence the difference.",
  "",
  `Run with \`npm run bench:srp\` on ${new Date().toISOString().slice(0, 10)}.`,
  "",
].join("\n");
mkdirSync("bench/results", { recursive: true });
writeFileSync("bench/results/srp.md", report);
console.log("\nwrote bench/results/srp.md");
