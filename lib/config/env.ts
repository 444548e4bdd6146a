// Environment variables, parsed once at start. A bad value stops start-up with a message naming it.
import path from "node:path";
import { z } from "zod";
import { parseSmsUrl, SmsUrlError, type SmsConfig } from "../messaging/sms.ts";

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  PUBLIC_URL: z.url({ protocol: /^https?$/, message: "must be an absolute http(s) URL such as https://id.example.com" }).optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// URL")
    .optional(),
  GATEHOUSE_DATA_DIR: z.string().default("./data"),
  GATEHOUSE_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  GATEHOUSE_CONFIG: z.string().optional(),
  REDIS_URL: z.string().regex(/^rediss?:\/\//, "must be a redis:// or rediss:// URL").optional(),
  SMTP_URL: z.string().regex(/^smtps?:\/\//, "must be an smtp:// or smtps:// URL").optional(),
  SMTP_FROM: z.string().default("Gatehouse <no-reply@localhost>"),
  SMS_URL: z.string().optional(),
  GATEHOUSE_DEV_OUTBOX: z.enum(["0", "1", "true", "false"]).optional(),
  TRUST_PROXY: z.enum(["0", "1", "true", "false"]).optional(),
  GATEHOUSE_RATE_LIMIT_FACTOR: z.coerce.number().positive().default(1),
  REDIS_PREFIX: z.string().default("gatehouse:"),
  NODE_ENV: z.string().optional(),
  GATEHOUSE_ADMIN_EMAIL: z.email("must be an email address").optional(),
  GATEHOUSE_AUDIT_RETENTION_DAYS: z.coerce.number().int().min(1).max(36_500).default(365),
  GATEHOUSE_ADMIN_PASSWORD: z.string().optional(),
  GATEHOUSE_CHECK_RESPONSES: z.enum(["0", "1", "true", "false"]).optional(),
});

export type Env = {
  port: number;
  host: string;
  publicUrl: string;
  databaseUrl: string | undefined;
  dataDir: string;
  secret: string | undefined;
  configFile: string | undefined;
  redisUrl: string | undefined;
  smtpUrl: string | undefined;
  smtpFrom: string;
  /** Where SMS go (lib/messaging/sms.ts); null: the outbox. */
  sms: SmsConfig | null;
  devOutbox: boolean;
  production: boolean;
  trustProxy: boolean;
  rateLimitFactor: number;
  redisPrefix: string;
  /** The first console admin, created unattended while no admin exists. */
  firstAdmin: { email: string; password: string } | null;
  auditRetentionDays: number;
  /**
   * GATEHOUSE_CHECK_RESPONSES=1: the admin API checks each answer against the response schema it
   * publishes in OpenAPI and answers 500 (logging the route and the issues) when they differ. The
   * tests' servers turn it on (tests/support/server.ts); production leaves it off (it costs a parse).
   */
  checkResponses: boolean;
};

export class EnvError extends Error {}

export function parseEnv(source: NodeJS.ProcessEnv = process.env): Env {
  // Empty strings mean "unset", as they do in most shells' `FOO= cmd`.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = EnvSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new EnvError(`Invalid environment:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  if (!!e.GATEHOUSE_ADMIN_EMAIL !== !!e.GATEHOUSE_ADMIN_PASSWORD) {
    throw new EnvError("Invalid environment:\n  GATEHOUSE_ADMIN_EMAIL and GATEHOUSE_ADMIN_PASSWORD go together: set both to create the first admin, or neither.");
  }
  let sms: SmsConfig | null = null;
  if (e.SMS_URL) {
    try {
      sms = parseSmsUrl(e.SMS_URL);
    } catch (error) {
      if (!(error instanceof SmsUrlError)) throw error;
      throw new EnvError(`Invalid environment:\n  SMS_URL: ${error.message}`);
    }
  }
  const publicUrl = (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, "");
  return {
    port: e.PORT,
    host: e.HOST,
    publicUrl,
    databaseUrl: e.DATABASE_URL,
    dataDir: path.resolve(e.GATEHOUSE_DATA_DIR),
    secret: e.GATEHOUSE_SECRET,
    configFile: e.GATEHOUSE_CONFIG,
    redisUrl: e.REDIS_URL,
    smtpUrl: e.SMTP_URL,
    smtpFrom: e.SMTP_FROM,
    sms,
    devOutbox: e.GATEHOUSE_DEV_OUTBOX === "1" || e.GATEHOUSE_DEV_OUTBOX === "true",
    production: e.NODE_ENV === "production",
    trustProxy: e.TRUST_PROXY === "1" || e.TRUST_PROXY === "true",
    rateLimitFactor: e.GATEHOUSE_RATE_LIMIT_FACTOR,
    redisPrefix: e.REDIS_PREFIX,
    firstAdmin: e.GATEHOUSE_ADMIN_EMAIL && e.GATEHOUSE_ADMIN_PASSWORD ? { email: e.GATEHOUSE_ADMIN_EMAIL, password: e.GATEHOUSE_ADMIN_PASSWORD } : null,
    auditRetentionDays: e.GATEHOUSE_AUDIT_RETENTION_DAYS,
    checkResponses: e.GATEHOUSE_CHECK_RESPONSES === "1" || e.GATEHOUSE_CHECK_RESPONSES === "true",
  };
}
