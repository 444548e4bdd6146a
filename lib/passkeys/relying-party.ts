// Who a pool's passkeys belong to (the WebAuthn relying party) and which pages may use them. The
// RP id is the pool's passkeys.relyingPartyId, else the host of PUBLIC_URL; a browser only lets a
// page use it when the page's host is that domain or one of its subdomains. So an assertion is
// accepted from PUBLIC_URL's own origin and from https origins under the RP id (http only for
// localhost, which browsers treat as secure): never from a page elsewhere that asked for it.
import type { Pool } from "../pools/pool.ts";

export type RelyingParty = { id: string; name: string; publicOrigin: string };

/** The relying party of `pool`'s passkeys, given PUBLIC_URL. */
export function relyingPartyOf(pool: Pick<Pool, "name" | "passkeys">, publicUrl: string): RelyingParty {
  const url = new URL(publicUrl);
  return { id: pool.passkeys.relyingPartyId ?? url.hostname, name: pool.name, publicOrigin: url.origin };
}

/** Whether a browser origin may sign in with (or register) the relying party's passkeys. */
export function originAllowed(rp: RelyingParty, origin: string): boolean {
  if (origin === rp.publicOrigin) return true;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  // An origin is scheme, host and port only: anything else is not what a browser reports.
  if (url.origin !== origin) return false;
  const host = url.hostname;
  const underRp = host === rp.id || host.endsWith(`.${rp.id}`);
  if (!underRp) return false;
  if (url.protocol === "https:") return true;
  return url.protocol === "http:" && (host === "localhost" || host.endsWith(".localhost"));
}
