// Logos and favicons: checked by type, size and content, stored under the SHA-256 of their bytes.
import { createHash } from "node:crypto";
import type { AuditIn } from "../audit/audit.ts";
import type { Db, Tx } from "../db/client.ts";
import { AppError } from "../errors.ts";
import { poolExists } from "../pools/pool.queries.ts";
import { findBrandingAssetRow, findBrandingAssets, upsertBrandingAsset } from "./branding.queries.ts";
import { assetPath } from "./render.ts";
import { svgProblem } from "./svg-safety.ts";

export const ASSET_LIMITS = { maxBytes: 512 * 1024 };
export const ASSET_TYPES = ["image/png", "image/jpeg", "image/gif", "image/webp", "image/svg+xml", "image/x-icon", "image/vnd.microsoft.icon"];

/** Checks that the bytes are what the content type says: a renamed file or a page is refused; an SVG must be only a picture. */
export function sniffImage(contentType: string, bytes: Uint8Array): boolean {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  switch (contentType) {
    case "image/png": return starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);
    case "image/jpeg": return starts(0xff, 0xd8, 0xff);
    case "image/gif": return starts(0x47, 0x49, 0x46, 0x38);
    case "image/webp": return starts(0x52, 0x49, 0x46, 0x46) && bytes[8] === 0x57 && bytes[9] === 0x45 && bytes[10] === 0x42 && bytes[11] === 0x50;
    case "image/x-icon":
    case "image/vnd.microsoft.icon": return starts(0x00, 0x00, 0x01, 0x00);
    case "image/svg+xml": return svgProblem(Buffer.from(bytes).toString("utf8")) === null;
    default: return false;
  }
}

export type StoredAsset = { id: string; url: string; contentType: string; size: number };

export async function uploadBrandingAsset(db: Db, options: { poolId: string; contentType: string; bytes: Uint8Array; audit?: AuditIn }): Promise<StoredAsset> {
  if (!(await poolExists(db, options.poolId))) throw new AppError("ResourceNotFoundException", `User pool ${options.poolId} does not exist.`);
  const { audit, ...asset } = options;
  return db.$transaction(async (tx) => {
    const stored = await storeBrandingAsset(tx, asset);
    await audit?.(tx);
    return stored;
  });
}

/** Checks an image like an upload and stores it under its SHA-256 (a second copy is a no-op). */
export async function storeBrandingAsset(db: Tx, options: { poolId: string; contentType: string; bytes: Uint8Array }): Promise<StoredAsset> {
  if (!ASSET_TYPES.includes(options.contentType)) throw new AppError("InvalidParameterException", "Upload a PNG, JPEG, GIF, WebP, SVG or ICO image.", { field: "file" });
  if (options.bytes.byteLength === 0) throw new AppError("InvalidParameterException", "The file is empty.", { field: "file" });
  if (options.bytes.byteLength > ASSET_LIMITS.maxBytes) throw new AppError("InvalidParameterException", "Images are at most 512 KB.", { field: "file" });
  if (options.contentType === "image/svg+xml") {
    const problem = svgProblem(Buffer.from(options.bytes).toString("utf8"));
    if (problem) throw new AppError("InvalidParameterException", `That SVG has ${problem}, which hosted pages cannot show. Export it as a plain drawing, or upload a PNG.`, { field: "file" });
  } else if (!sniffImage(options.contentType, options.bytes))
    throw new AppError("InvalidParameterException", `That file is not a ${options.contentType.split("/")[1]!.toUpperCase()} image.`, { field: "file" });
  const id = createHash("sha256").update(options.bytes).digest("hex");
  const contentType = options.contentType === "image/vnd.microsoft.icon" ? "image/x-icon" : options.contentType;
  await upsertBrandingAsset(db, { poolId: options.poolId, id, contentType, bytes: new Uint8Array(options.bytes), size: options.bytes.byteLength });
  return { id, url: assetPath(options.poolId, id), contentType, size: options.bytes.byteLength };
}

export async function findBrandingAsset(db: Db, poolId: string, id: string) {
  return findBrandingAssetRow(db, { poolId, id });
}

/** Every image of a pool, for exports. */
export async function listBrandingAssets(db: Db, poolId: string) {
  return findBrandingAssets(db, poolId);
}
