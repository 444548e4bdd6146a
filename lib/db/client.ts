import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient, type Prisma } from "../../generated/prisma/client.ts";
import { countingAdapter } from "./statement-count.ts";

export type Db = PrismaClient;
/**
 * What a query needs: the client, or a transaction's client (`tx` inside `db.$transaction`).
 * Queries that may run inside a caller's transaction take this, so they need no cast.
 */
export type Tx = Prisma.TransactionClient;

export function createDb(options: { url: string; embedded: boolean; onConnectionLost?: (error: Error) => void }): Db {
  const adapter = new PrismaPg(
    {
      connectionString: options.url,
      // PGlite serves one connection at a time; a second concurrent one was dropped (STACK-NOTES).
      max: options.embedded ? 1 : 10,
      // A database server that does not answer fails a request in seconds instead of holding it
      // forever (node-postgres waits without limit by default; the in-process PGlite cannot hang
      // that way, and its one connection may be busy for long). Broken connections leave the pool
      // by themselves, so the pool reconnects once the database is back.
      ...(options.embedded ? {} : { connectionTimeoutMillis: 5000, keepAlive: true }),
    },
    {
      onPoolError: (error) => options.onConnectionLost?.(error),
      onConnectionError: (error) => options.onConnectionLost?.(error),
    },
  );
  return new PrismaClient({ adapter: countingAdapter(adapter) });
}
