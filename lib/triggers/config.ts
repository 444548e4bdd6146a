// A pool's triggers (Cognito's LambdaConfig): for each trigger, an HTTPS webhook with its signing
// secret, or a Lambda function's ARN (invoked with the AWS SDK and the default credential chain).
// Secrets are stored encrypted with GATEHOUSE_SECRET and never shown again.
import { z } from "zod";
import type { Secrets } from "../security/secrets.ts";

export const TRIGGER_NAMES = [
  "preSignUp", "postConfirmation", "preAuthentication", "postAuthentication", "preTokenGeneration", "customMessage",
  "userMigration", "defineAuthChallenge", "createAuthChallenge", "verifyAuthChallengeResponse", "customEmailSender", "customSmsSender",
] as const;
export type TriggerName = (typeof TRIGGER_NAMES)[number];

/** How Cognito names each trigger in its error messages ("PreSignUp failed with error …"). */
export const TRIGGER_LABELS: Record<TriggerName, string> = {
  preSignUp: "PreSignUp", postConfirmation: "PostConfirmation", preAuthentication: "PreAuthentication",
  postAuthentication: "PostAuthentication", preTokenGeneration: "PreTokenGeneration", customMessage: "CustomMessage",
  userMigration: "UserMigration", defineAuthChallenge: "DefineAuthChallenge", createAuthChallenge: "CreateAuthChallenge",
  verifyAuthChallengeResponse: "VerifyAuthChallengeResponse", customEmailSender: "CustomEmailSender", customSmsSender: "CustomSMSSender",
};

export const TOKEN_GENERATION_VERSIONS = ["V1_0", "V2_0", "V3_0"] as const;
export type TokenGenerationVersion = (typeof TOKEN_GENERATION_VERSIONS)[number];

const LAMBDA_ARN = /^arn:aws[\w-]*:lambda:[a-z0-9-]+:\d{12}:function:[\w-]+(:[\w$-]+)?$/;

/** One trigger as a config file or the admin API gives it. With `keptSecret`, a webhook may come
 * without its secret: the stored one of the same url is kept (exports and the console never hold secrets). */
function triggerSchema(options: { keptSecret: boolean }) {
  return z
    .strictObject({
      url: z.url({ protocol: /^https?$/, error: "url must be an http(s) URL" }).optional(),
      secret: z.string().min(16, "secret must be at least 16 characters").max(256).optional(),
      lambdaArn: z.string().regex(LAMBDA_ARN, "lambdaArn must be a Lambda function ARN (arn:aws:lambda:<region>:<account>:function:<name>)").optional(),
      endpoint: z.url({ protocol: /^https?$/ }).optional(),
      version: z.enum(TOKEN_GENERATION_VERSIONS).optional(),
    })
    .superRefine((t, ctx) => {
      if (!!t.url === !!t.lambdaArn) ctx.addIssue({ code: "custom", message: "give either url (with secret) or lambdaArn" });
      if (t.url && !t.secret && !options.keptSecret) ctx.addIssue({ code: "custom", path: ["secret"], message: "a webhook needs a secret to sign its requests" });
      if (t.lambdaArn && t.secret) ctx.addIssue({ code: "custom", path: ["secret"], message: "a Lambda trigger has no secret" });
      if (t.endpoint && !t.lambdaArn) ctx.addIssue({ code: "custom", path: ["endpoint"], message: "endpoint is for lambdaArn only" });
    });
}

function triggersSchema(options: { keptSecret: boolean }) {
  const one = triggerSchema(options);
  return z
    .strictObject(Object.fromEntries(TRIGGER_NAMES.map((name) => [name, one.optional()])) as { [K in TriggerName]: z.ZodOptional<typeof one> })
    .superRefine((triggers, ctx) => {
      for (const name of TRIGGER_NAMES) {
        if (name !== "preTokenGeneration" && triggers[name]?.version) ctx.addIssue({ code: "custom", path: [name, "version"], message: "version is for preTokenGeneration only" });
      }
      const custom = ["defineAuthChallenge", "createAuthChallenge", "verifyAuthChallengeResponse"] as const;
      const set = custom.filter((name) => triggers[name]);
      if (set.length && set.length !== custom.length) ctx.addIssue({ code: "custom", message: "custom authentication needs all three of defineAuthChallenge, createAuthChallenge and verifyAuthChallengeResponse" });
    });
}

export const TriggerSchema = triggerSchema({ keptSecret: false });
export type TriggerInput = z.infer<typeof TriggerSchema>;
export const TriggersSchema = triggersSchema({ keptSecret: false });
/** What replaces a pool's triggers (admin API PUT, config file, import): a webhook given without
 * `secret` keeps the stored secret of the same url (mergeTriggers). */
export const TriggersUpdateSchema = triggersSchema({ keptSecret: true });
export type TriggersInput = z.infer<typeof TriggersSchema>;

/** A trigger as stored on the pool (UserPool.triggers): the secret sealed. */
export type StoredTrigger =
  | { url: string; secretEnc: string; version?: TokenGenerationVersion }
  | { lambdaArn: string; endpoint?: string; version?: TokenGenerationVersion };
export type StoredTriggers = Partial<Record<TriggerName, StoredTrigger>>;

/** A trigger as the admin API and an export show it: no secret. */
export type TriggerView = { url?: string; hasSecret?: boolean; lambdaArn?: string; endpoint?: string; version?: TokenGenerationVersion };

export function sealTriggers(secrets: Pick<Secrets, "encrypt">, input: TriggersInput): StoredTriggers {
  const out: StoredTriggers = {};
  for (const name of TRIGGER_NAMES) {
    const t = input[name];
    if (!t) continue;
    const version = t.version ? { version: t.version } : {};
    out[name] = t.url ? { url: t.url, secretEnc: secrets.encrypt(t.secret!), ...version } : { lambdaArn: t.lambdaArn!, ...(t.endpoint ? { endpoint: t.endpoint } : {}), ...version };
  }
  return out;
}

export function viewTriggers(stored: StoredTriggers): Partial<Record<TriggerName, TriggerView>> {
  const out: Partial<Record<TriggerName, TriggerView>> = {};
  for (const name of TRIGGER_NAMES) {
    const t = stored[name];
    if (!t) continue;
    out[name] = "url" in t ? { url: t.url, hasSecret: true, ...(t.version ? { version: t.version } : {}) } : { ...t };
  }
  return out;
}

/** The stored triggers of a pool row, read defensively (a malformed entry is dropped, not trusted). */
export function storedTriggersOf(value: unknown): StoredTriggers {
  if (!value || typeof value !== "object") return {};
  const out: StoredTriggers = {};
  for (const name of TRIGGER_NAMES) {
    const t = (value as Record<string, unknown>)[name] as Record<string, unknown> | undefined;
    if (t && typeof t.url === "string" && typeof t.secretEnc === "string") out[name] = t as StoredTrigger;
    else if (t && typeof t.lambdaArn === "string") out[name] = t as StoredTrigger;
  }
  return out;
}

/** The triggers `input` describes, sealed; a webhook without a secret keeps the one stored for the
 * same url, and is refused (with its name) when there is none. */
export function mergeTriggers(secrets: Pick<Secrets, "encrypt">, stored: StoredTriggers, input: TriggersInput): StoredTriggers | { missingSecret: TriggerName } {
  const out: StoredTriggers = {};
  for (const name of TRIGGER_NAMES) {
    const t = input[name];
    if (!t) continue;
    const before = stored[name];
    if (t.url && !t.secret) {
      if (!before || !("url" in before) || before.url !== t.url) return { missingSecret: name };
      out[name] = { url: t.url, secretEnc: before.secretEnc, ...(t.version ? { version: t.version } : {}) };
    } else {
      Object.assign(out, sealTriggers(secrets, { [name]: t }));
    }
  }
  return out;
}
