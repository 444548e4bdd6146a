// The app client a flow runs for, as its pool's provider holds it in memory: sign-up and the
// password step read it on every sign-in, and the provider already has it.
import type { Db } from "../db/client.ts";
import { findPoolClient } from "./auth-flow.queries.ts";
import type { ClientRow } from "../oidc/pool-clients.ts";
import type { EngineDeps } from "./contract.ts";

/** The client of the pool (null for none, and for the built-in account client, as the database answers). */
export async function flowClient(deps: Pick<EngineDeps, "providers"> & { db: Db }, poolId: string, clientId: string): Promise<Readonly<ClientRow> | null> {
  const entry = deps.providers ? await deps.providers.get(poolId) : null;
  if (entry) return (await entry.client(clientId))?.row ?? null;
  return findPoolClient(deps.db, { poolId, clientId });
}
