// A pool's app clients, kept in memory with its provider: every token request, provider page and
// Cognito API call names a client, and reading it from the database each time was most of what a
// client_credentials grant cost besides signing. The set lives exactly as long as the pool's
// BuiltProvider, which lib/oidc/registry.ts drops (here and, through Redis, on every instance)
// whenever the pool's settings, clients or keys change, so a client is never served after a change
// that was made through Gatehouse.
//
// Clients are loaded one by one, on first use, rather than all when the provider is built: a pool
// may have thousands of clients of which a few are in use, and building must stay cheap. The
// clients found stay (they are rows of the pool, so the database bounds them); ids that name no
// client are remembered too, so that a caller repeating an unknown id does not cost a query each
// time, but only the most recent MISSES_KEPT of them: unknown ids cannot grow memory without bound.
import type { AdapterPayload } from "oidc-provider";
import type { Db } from "../db/client.ts";
import type { AttributePermissions } from "../pools/client-attributes.ts";
import { toPermissions } from "../pools/client-attributes.queries.ts";
import { clientMetadata } from "./client-metadata.ts";
import { findPoolClient, type ClientRow } from "./clients.queries.ts";

export type { ClientRow } from "./clients.queries.ts";

/** One app client of the pool as its provider holds it. Shared by every request: never modify it. */
export type PoolClient = {
  readonly row: Readonly<ClientRow>;
  /** oidc-provider's metadata for it (lib/oidc/client-metadata.ts). */
  readonly metadata: AdapterPayload;
  /** Its ReadAttributes and WriteAttributes (lib/pools/client-attributes.ts). */
  readonly permissions: AttributePermissions;
};

/** Unknown ids remembered per pool: enough for a misconfigured caller or two, a few kilobytes at most. */
export const MISSES_KEPT = 256;

export type PoolClients = {
  /** The pool's client `clientId`, or null when the pool has no such client. */
  get(clientId: string): Promise<PoolClient | null>;
};

export function createPoolClients(db: Db, poolId: string): PoolClients {
  // Found clients, and lookups still under way (so that concurrent first requests make one query).
  const clients = new Map<string, Promise<PoolClient | null>>();
  // Insertion-ordered: the first key is the oldest miss.
  const misses = new Set<string>();

  return {
    get(clientId) {
      if (misses.has(clientId)) return Promise.resolve(null);
      let client = clients.get(clientId);
      if (client) return client;
      client = findPoolClient(db, { poolId, clientId }).then((row) => (row ? poolClient(row) : null));
      clients.set(clientId, client);
      client.then(
        (found) => {
          if (found) return;
          clients.delete(clientId);
          misses.add(clientId);
          if (misses.size > MISSES_KEPT) misses.delete(misses.values().next().value!);
        },
        // A failed read (the database away) is not an answer: the next request asks again.
        () => clients.delete(clientId),
      );
      return client;
    },
  };
}

function poolClient(row: ClientRow): PoolClient {
  return { row, metadata: clientMetadata(row), permissions: toPermissions(row) };
}
