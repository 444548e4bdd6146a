import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../../generated/prisma/client.ts";

export type Db = PrismaClient;

export function createDb(options: { url: string; embedded: boolean }): Db {
  // PGlite serves one connection at a time; a second concurrent one was dropped (STACK-NOTES).
  const adapter = new PrismaPg({ connectionString: options.url, max: options.embedded ? 1 : 10 });
  return new PrismaClient({ adapter });
}
