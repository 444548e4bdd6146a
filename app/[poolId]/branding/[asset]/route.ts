// A pool's uploaded logo or favicon. The id is the SHA-256 of the bytes, so a URL never changes
// meaning and is cached for good. server.ts gives it a sandboxing CSP (lib/http/security-headers.ts,
// which reads the path however it is spelt), so even an SVG opened directly is inert; and an SVG
// opened directly is downloaded rather than shown, a second lock that no server header can undo.
import { findBrandingAsset } from "@/lib/branding/assets.ts";
import { ASSET_ID } from "@/lib/branding/schema.ts";
import { getRuntime } from "@/lib/runtime.ts";

export async function GET(_request: Request, { params }: { params: Promise<{ poolId: string; asset: string }> }) {
  const { poolId, asset } = await params;
  const found = ASSET_ID.test(asset) ? await findBrandingAsset(getRuntime().db, poolId, asset) : null;
  if (!found) return new Response("Not found", { status: 404, headers: { "content-type": "text/plain" } });
  return new Response(new Uint8Array(found.bytes), {
    headers: {
      "content-type": found.contentType,
      "cache-control": "public, max-age=31536000, immutable",
      "x-content-type-options": "nosniff",
      "cross-origin-resource-policy": "same-site",
      ...(found.contentType === "image/svg+xml" ? { "content-disposition": "attachment" } : {}),
    },
  });
}
