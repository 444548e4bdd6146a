import { test } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { EnvError, parseEnv } from "./env.ts";

// Next.js declares NODE_ENV required on ProcessEnv; the parser takes any partial environment.
const parse = (vars: Record<string, string>) => parseEnv(vars as NodeJS.ProcessEnv);

function envError(source: Record<string, string>): string {
  try {
    parse(source);
  } catch (error) {
    assert.ok(error instanceof EnvError, `expected an EnvError, got ${String(error)}`);
    return error.message;
  }
  assert.fail(`parseEnv accepted ${JSON.stringify(source)}`);
}

test("env: with nothing set, every variable has its documented default", () => {
  assert.deepEqual(parse({}), {
    port: 3000,
    host: "0.0.0.0",
    publicUrl: "http://localhost:3000",
    databaseUrl: undefined,
    dataDir: path.resolve("./data"),
    secret: undefined,
    configFile: undefined,
    redisUrl: undefined,
    smtpUrl: undefined,
    smtpFrom: "Gatehouse <no-reply@localhost>",
    sms: null,
    devOutbox: false,
    production: false,
    trustProxy: false,
    rateLimitFactor: 1,
    redisPrefix: "gatehouse:",
    firstAdmin: null,
    auditRetentionDays: 365,
    checkResponses: false,
  });
});

test("env: every variable is read", () => {
  const env = parse({
    PORT: "8080", HOST: "127.0.0.1", PUBLIC_URL: "https://id.example.com", DATABASE_URL: "postgresql://u:p@db:5432/gh",
    GATEHOUSE_DATA_DIR: "/var/lib/gatehouse", GATEHOUSE_SECRET: "x".repeat(32), GATEHOUSE_CONFIG: "/etc/gatehouse.yaml",
    REDIS_URL: "rediss://cache:6380", REDIS_PREFIX: "gh1:", SMTP_URL: "smtps://u:p@mail:465", SMTP_FROM: "Acme <id@acme.test>",
    SMS_URL: "sns://?region=eu-west-1&senderId=Acme", GATEHOUSE_DEV_OUTBOX: "1", TRUST_PROXY: "true", GATEHOUSE_RATE_LIMIT_FACTOR: "0.5", NODE_ENV: "production",
    GATEHOUSE_ADMIN_EMAIL: "root@example.com", GATEHOUSE_ADMIN_PASSWORD: "Console-Passw0rd", GATEHOUSE_AUDIT_RETENTION_DAYS: "90",
    GATEHOUSE_CHECK_RESPONSES: "1",
  });
  assert.deepEqual(env, {
    port: 8080, host: "127.0.0.1", publicUrl: "https://id.example.com", databaseUrl: "postgresql://u:p@db:5432/gh",
    dataDir: "/var/lib/gatehouse", secret: "x".repeat(32), configFile: "/etc/gatehouse.yaml", redisUrl: "rediss://cache:6380",
    smtpUrl: "smtps://u:p@mail:465", smtpFrom: "Acme <id@acme.test>", sms: { kind: "sns", region: "eu-west-1", senderId: "Acme" }, devOutbox: true, production: true, trustProxy: true,
    rateLimitFactor: 0.5, redisPrefix: "gh1:", firstAdmin: { email: "root@example.com", password: "Console-Passw0rd" },
    auditRetentionDays: 90,
    checkResponses: true,
  });
});

test("env: GATEHOUSE_ADMIN_EMAIL and GATEHOUSE_ADMIN_PASSWORD go together", () => {
  assert.match(envError({ GATEHOUSE_ADMIN_EMAIL: "root@example.com" }), /GATEHOUSE_ADMIN_EMAIL and GATEHOUSE_ADMIN_PASSWORD go together/);
  assert.match(envError({ GATEHOUSE_ADMIN_EMAIL: "not an email", GATEHOUSE_ADMIN_PASSWORD: "x" }), /GATEHOUSE_ADMIN_EMAIL: must be an email address/);
});

test("env: PUBLIC_URL defaults to localhost on PORT, and loses trailing slashes", () => {
  assert.equal(parse({ PORT: "4100" }).publicUrl, "http://localhost:4100");
  assert.equal(parse({ PORT: "4100", PUBLIC_URL: "https://id.example.com/" }).publicUrl, "https://id.example.com");
  assert.equal(parse({ PUBLIC_URL: "https://example.com/auth//" }).publicUrl, "https://example.com/auth");
});

test("env: a bad PORT is named in the error", () => {
  for (const port of ["abc", "70000", "-1", "80.5"]) {
    assert.match(envError({ PORT: port }), /^Invalid environment:\n {2}PORT: /, `PORT=${port}`);
  }
});

test("env: a DATABASE_URL that is not PostgreSQL is named in the error", () => {
  assert.equal(envError({ DATABASE_URL: "mysql://db/gh" }), "Invalid environment:\n  DATABASE_URL: must be a postgres:// or postgresql:// URL");
  assert.equal(parse({ DATABASE_URL: "postgres://db/gh" }).databaseUrl, "postgres://db/gh");
});

test("env: every bad variable is listed at once", () => {
  const message = envError({ PORT: "x", REDIS_URL: "http://cache", SMTP_URL: "mail.example.com", PUBLIC_URL: "not a url", GATEHOUSE_SECRET: "short" });
  for (const name of ["PORT", "REDIS_URL", "SMTP_URL", "PUBLIC_URL", "GATEHOUSE_SECRET"]) assert.match(message, new RegExp(`^ {2}${name}: `, "m"), name);
  assert.match(message, /GATEHOUSE_SECRET: must be at least 32 characters/);
});

test("env: an empty string is treated as unset", () => {
  const env = parse({ PORT: "", PUBLIC_URL: "", DATABASE_URL: "", GATEHOUSE_SECRET: "", REDIS_URL: "", GATEHOUSE_DEV_OUTBOX: "", GATEHOUSE_DATA_DIR: "" });
  assert.equal(env.port, 3000);
  assert.equal(env.publicUrl, "http://localhost:3000");
  assert.equal(env.databaseUrl, undefined);
  assert.equal(env.secret, undefined);
  assert.equal(env.redisUrl, undefined);
  assert.equal(env.devOutbox, false);
  assert.equal(env.dataDir, path.resolve("./data"));
});

test("env: flags accept 1/true/0/false only", () => {
  assert.equal(parse({ GATEHOUSE_DEV_OUTBOX: "true" }).devOutbox, true);
  assert.equal(parse({ GATEHOUSE_DEV_OUTBOX: "0" }).devOutbox, false);
  assert.equal(parse({ TRUST_PROXY: "1" }).trustProxy, true);
  assert.equal(parse({ TRUST_PROXY: "false" }).trustProxy, false);
  assert.match(envError({ TRUST_PROXY: "yes" }), /TRUST_PROXY/);
  assert.match(envError({ GATEHOUSE_RATE_LIMIT_FACTOR: "0" }), /GATEHOUSE_RATE_LIMIT_FACTOR/);
  assert.equal(parse({ NODE_ENV: "development" }).production, false);
});

test("env: unrelated variables are ignored", () => {
  assert.equal(parse({ PATH: "/usr/bin", HOME: "/root", PORT: "3001" }).port, 3001);
});

// Any WHATWG URL parses ("localhost:3000" has protocol "localhost:"), but the PUBLIC_URL becomes
// every pool's issuer, so only http(s) is accepted.
test("env: PUBLIC_URL must be an http(s) URL", () => {
  for (const url of ["localhost:3000", "ftp://id.example.com", "javascript:alert(1)"]) {
    assert.match(envError({ PUBLIC_URL: url }), /PUBLIC_URL/, url);
  }
});

const SID = `AC${"0123456789abcdef".repeat(2)}`;

test("env: SMS_URL chooses SNS or Twilio, with their settings", () => {
  assert.deepEqual(parse({ SMS_URL: "sns://?region=us-east-1" }).sms, { kind: "sns", region: "us-east-1" });
  assert.deepEqual(parse({ SMS_URL: "sns://?region=us-east-1&endpoint=http://127.0.0.1:4566/" }).sms, { kind: "sns", region: "us-east-1", endpoint: "http://127.0.0.1:4566" });
  // "+" in from= stays a plus (URLSearchParams would read it as a space).
  assert.deepEqual(parse({ SMS_URL: `twilio://${SID}:secret-token@?from=+15550000000` }).sms, { kind: "twilio", accountSid: SID, authToken: "secret-token", from: "+15550000000" });
  assert.deepEqual(parse({ SMS_URL: `twilio://${SID}:t@?messagingServiceSid=MG${"a".repeat(32)}&apiUrl=http://127.0.0.1:9/` }).sms, {
    kind: "twilio", accountSid: SID, authToken: "t", messagingServiceSid: `MG${"a".repeat(32)}`, apiUrl: "http://127.0.0.1:9",
  });
});

test("env: a bad SMS_URL is named, and its secret is never repeated", () => {
  const cases: [string, RegExp][] = [
    ["smtp://mail", /must be sns:\/\/\?region=… or twilio:\/\//],
    ["sns://", /needs region=/],
    ["sns://?region=nowhere", /needs region=/],
    ["sns://key:secret@?region=us-east-1", /takes no credentials/],
    ["sns://?region=us-east-1&senderId=way-too-long-name", /senderId=/],
    ["sns://?region=us-east-1&endpoint=ftp://x", /endpoint= must be an http\(s\) URL/],
    ["sns://?region=us-east-1&colour=blue", /unknown parameter colour/],
    [`twilio://${SID}:sekrit@?from=+15550000000&apiUrl=nope`, /apiUrl= must be an http\(s\) URL/],
    ["twilio://ACnothex:sekrit@?from=+15550000000", /account SID/],
    [`twilio://${SID}@?from=+15550000000`, /auth token/],
    [`twilio://${SID}:sekrit@`, /needs from=/],
    [`twilio://${SID}:sekrit@?from=5550000`, /E\.164/],
  ];
  for (const [value, expected] of cases) {
    const message = envError({ SMS_URL: value });
    assert.match(message, /^Invalid environment:\n {2}SMS_URL: /, value);
    assert.match(message, expected, value);
    assert.doesNotMatch(message, /sekrit/, value);
  }
});
