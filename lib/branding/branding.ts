// The branding editor's operations: read the draft and the published branding of a pool or of
// one of its clients, save a draft, publish it (every instance serves it on the next page load),
// discard it, and store uploaded logos and favicons.
import type { AuditIn } from "../audit/audit.ts";
import type { Db } from "../db/client.ts";
import { AppError } from "../errors.ts";
import type { ProviderRegistry } from "../oidc/registry.ts";
import { contrastWarnings, type ContrastWarning } from "./contrast.ts";
import { HOSTED_SCOPE, assetPath } from "./render.ts";
import { sanitizeCustomCss } from "./sanitize-css.ts";
import { BrandingSchema, diffBranding, resolveBranding, type Branding } from "./schema.ts";
import {
  brandingAssetExists, findClientBranding, findClientName, findPoolBranding, publishClientBrandingDraft, publishPoolBrandingDraft, setClientBrandingDraft,
  setPoolBrandingDraft,
} from "./branding.queries.ts";

export type BrandingState = {
  poolId: string;
  clientId: string | null;
  draft: Branding;
  published: Branding;
  hasDraft: boolean;
  /** For a client: the pool's branding its overrides apply to. */
  inherited: Branding | null;
};

async function load(db: Db, poolId: string, clientId: string | null) {
  const pool = await findPoolBranding(db, poolId);
  if (!pool) throw new AppError("ResourceNotFoundException", `User pool ${poolId} does not exist.`);
  if (!clientId) return { pool, client: null };
  const client = await findClientBranding(db, { poolId, clientId });
  if (!client) throw new AppError("ResourceNotFoundException", `App client ${clientId} does not exist in this pool.`);
  return { pool, client };
}

export async function getBrandingState(db: Db, poolId: string, clientId: string | null): Promise<BrandingState> {
  const { pool, client } = await load(db, poolId, clientId);
  if (!client) {
    const published = resolveBranding(pool.branding);
    return { poolId, clientId, published, draft: pool.brandingDraft ? resolveBranding(pool.brandingDraft) : published, hasDraft: !!pool.brandingDraft, inherited: null };
  }
  const inherited = resolveBranding(pool.branding);
  const published = resolveBranding(pool.branding, client.branding);
  return { poolId, clientId, published, draft: client.brandingDraft ? resolveBranding(pool.branding, client.brandingDraft) : published, hasDraft: !!client.brandingDraft, inherited };
}

export type DraftCheck = { cssWarnings: string[]; contrast: ContrastWarning[]; darkContrast: ContrastWarning[] };

/** Checks a branding: custom CSS that cannot be parsed is refused; what sanitising removes and
 * colour pairs that fail WCAG AA come back as warnings. */
export function checkBranding(poolId: string, branding: Branding): DraftCheck {
  let cssWarnings: string[];
  try {
    cssWarnings = sanitizeCustomCss(branding.customCss, { scope: HOSTED_SCOPE, assetUrl: (id) => assetPath(poolId, id) }).warnings;
  } catch (error) {
    throw new AppError("InvalidParameterException", (error as Error).message, { field: "customCss" });
  }
  return {
    cssWarnings,
    contrast: branding.theme === "dark" ? [] : contrastWarnings(branding.colors),
    darkContrast: branding.theme === "light" ? [] : contrastWarnings(branding.darkColors),
  };
}

/** Each change takes `audit`, which writes its audit row in the change's transaction (lib/audit/audit.ts). */
export async function saveBrandingDraft(db: Db, options: { poolId: string; clientId: string | null; branding: Branding; audit?: AuditIn }): Promise<DraftCheck> {
  const branding = BrandingSchema.parse(options.branding);
  const check = checkBranding(options.poolId, branding);
  await assertAssetsExist(db, options.poolId, [branding.logo, branding.favicon]);
  const { pool } = await load(db, options.poolId, options.clientId);
  await db.$transaction(async (tx) => {
    if (options.clientId) {
      const override = diffBranding(resolveBranding(pool.branding), branding);
      await setClientBrandingDraft(tx, options.clientId, override);
    } else {
      await setPoolBrandingDraft(tx, options.poolId, branding);
    }
    await options.audit?.(tx);
  });
  return check;
}

export async function publishBranding(deps: { db: Db; providers: ProviderRegistry }, options: { poolId: string; clientId: string | null; audit?: AuditIn }): Promise<BrandingState> {
  const { pool, client } = await load(deps.db, options.poolId, options.clientId);
  await deps.db.$transaction(async (tx) => {
    if (options.clientId && client) {
      if (client.brandingDraft) await publishClientBrandingDraft(tx, options.clientId, client.brandingDraft);
    } else if (pool.brandingDraft) {
      await publishPoolBrandingDraft(tx, options.poolId, pool.brandingDraft);
    }
    await options.audit?.(tx);
  });
  // Hosted pages read the pool's branding from the provider cache: drop it on every instance.
  await deps.providers.invalidate(options.poolId);
  return getBrandingState(deps.db, options.poolId, options.clientId);
}

export async function discardBrandingDraft(db: Db, options: { poolId: string; clientId: string | null; audit?: AuditIn }): Promise<BrandingState> {
  await load(db, options.poolId, options.clientId);
  await db.$transaction(async (tx) => {
    if (options.clientId) await setClientBrandingDraft(tx, options.clientId, null);
    else await setPoolBrandingDraft(tx, options.poolId, null);
    await options.audit?.(tx);
  });
  return getBrandingState(db, options.poolId, options.clientId);
}

async function assertAssetsExist(db: Db, poolId: string, ids: (string | null)[]) {
  for (const id of ids) {
    if (id && !(await brandingAssetExists(db, { poolId, id })))
      throw new AppError("InvalidParameterException", "That image has not been uploaded to this pool.", { field: "logo" });
  }
}

/** The name the preview shows for a client of the pool ("Your app" when none is chosen or it is not the pool's). */
export async function previewClientName(db: Db, poolId: string, clientId: string | null): Promise<string> {
  if (!clientId) return "Your app";
  return (await findClientName(db, { poolId, clientId })) ?? "Your app";
}
