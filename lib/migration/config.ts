// A pool's `migrateFrom`: the live Cognito user pool its users move in from (lib/migration). The app
// client's secret arrives in plain text (config file, admin API, console) and is stored sealed with
// GATEHOUSE_SECRET, as trigger and identity provider secrets are; views and exports never hold it,
// and a setting given without it keeps the one stored for the same user pool and client.
import { z } from "zod";
import type { Secrets } from "../security/secrets.ts";

/** Cognito's user pool ids: `{region}_{id}` (Gatehouse's own pools are `local_…`). */
const USER_POOL_ID = /^[\w-]+_[0-9a-zA-Z]+$/;

export const MigrateFromSchema = z.strictObject({
  type: z.literal("cognito"),
  userPoolId: z.string().trim().regex(USER_POOL_ID, "userPoolId must be a Cognito user pool id such as eu-west-1_AbCdEf123"),
  clientId: z.string().trim().min(1, "clientId is required").max(128),
  /** Only when the old pool's app client has a secret (SECRET_HASH is then sent with each call). */
  clientSecret: z.string().min(1).max(256).optional(),
  region: z.string().trim().regex(/^[a-z0-9-]+$/, "region must be an AWS region such as eu-west-1"),
  /** Another endpoint than AWS's (cognito-local, or a Gatehouse standing in for the old pool). */
  endpoint: z.url({ protocol: /^https?$/, error: "endpoint must be an http(s) URL" }).optional(),
});
export type MigrateFromInput = z.infer<typeof MigrateFromSchema>;

/** As stored on UserPool.migrateFrom. */
export type StoredMigrateFrom = Omit<MigrateFromInput, "clientSecret"> & { clientSecretEnc?: string };

/** As the admin API, the console and exports show it: whether a secret is stored, never the secret. */
export type MigrateFromView = Omit<MigrateFromInput, "clientSecret"> & { hasClientSecret: boolean };

export const MigrateFromOut = MigrateFromSchema.omit({ clientSecret: true }).extend({ hasClientSecret: z.boolean() }).meta({ id: "MigrateFrom" });

/** The stored setting of a pool row, read defensively (a malformed value is "off", not trusted). */
export function storedMigrateFromOf(value: unknown): StoredMigrateFrom | null {
  if (!value || typeof value !== "object") return null;
  const { clientSecretEnc, ...rest } = value as Record<string, unknown>;
  const parsed = MigrateFromSchema.omit({ clientSecret: true }).safeParse(rest);
  if (!parsed.success) return null;
  return { ...parsed.data, ...(typeof clientSecretEnc === "string" ? { clientSecretEnc } : {}) };
}

export function viewMigrateFrom(stored: StoredMigrateFrom | null): MigrateFromView | null {
  if (!stored) return null;
  const { clientSecretEnc, ...rest } = stored;
  return { ...rest, hasClientSecret: !!clientSecretEnc };
}

/**
 * The setting `input` describes, sealed (null turns migration off). Without clientSecret, the secret
 * stored for the same user pool and client is kept, so a console form or an export re-applied does
 * not drop it; a new client without one has none.
 */
export function mergeMigrateFrom(secrets: Pick<Secrets, "encrypt">, stored: StoredMigrateFrom | null, input: MigrateFromInput | null): StoredMigrateFrom | null {
  if (!input) return null;
  const { clientSecret, ...rest } = input;
  if (clientSecret) return { ...rest, clientSecretEnc: secrets.encrypt(clientSecret) };
  const same = stored && stored.userPoolId === input.userPoolId && stored.clientId === input.clientId;
  return same && stored.clientSecretEnc ? { ...rest, clientSecretEnc: stored.clientSecretEnc } : rest;
}
