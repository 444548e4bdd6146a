// Fills a pool with synthetic users (for trying the console's search and for benchmarks): names,
// emails, some phones, a spread of statuses and creation dates, and group memberships. Every
// seeded user has the same password, so any of them can sign in.
import { randomUUID } from "node:crypto";
import type { Db } from "../../db/client.ts";
import { usernameIsChosen, type Pool } from "../../pools/pool.ts";
import { passwordColumns, type PasswordRecord } from "../../users/password-record.ts";
import { countPoolUsers, ensureSeedGroup, insertSeedBatch, type SeedUserRow } from "./seed-users.queries.ts";

const GIVEN = ["Ada", "Alan", "Grace", "Linus", "Margaret", "Ken", "Barbara", "Dennis", "Radia", "Tim", "Frances", "Edsger", "Hedy", "John", "Katherine", "Donald"];
const FAMILY = ["Lovelace", "Turing", "Hopper", "Torvalds", "Hamilton", "Thompson", "Liskov", "Ritchie", "Perlman", "Berners-Lee", "Allen", "Dijkstra", "Lamarr", "McCarthy", "Johnson", "Knuth"];
const GROUPS = ["customers", "staff", "beta"];

export type SeedOptions = {
  pool: Pool;
  count: number;
  /** One record for every seeded user (computeSharedPasswordRecord): one argon2 hash keeps a million
   * users quick, and no SRP verifier, which is per username; each user gets one at their first sign-in. */
  password: PasswordRecord;
  batchSize?: number;
  onProgress?: (done: number) => void;
};

export async function seedUsers(db: Db, options: SeedOptions): Promise<{ created: number }> {
  const { pool } = options;
  const groupIds: string[] = [];
  for (const name of GROUPS) {
    groupIds.push(await ensureSeedGroup(db, pool.id, name));
  }
  const start = await countPoolUsers(db, pool.id);
  const batch = options.batchSize ?? 2000;
  const yearMs = 365 * 24 * 3600 * 1000;
  let created = 0;
  for (let offset = 0; offset < options.count; offset += batch) {
    const users: SeedUserRow[] = [];
    const memberships: { userId: string; groupId: string }[] = [];
    for (let i = offset; i < Math.min(options.count, offset + batch); i++) {
      const n = start + i;
      const id = randomUUID();
      const createdAt = new Date(Date.now() - ((n * 7919) % 1000) / 1000 * yearMs);
      const given = GIVEN[n % GIVEN.length]!;
      const family = FAMILY[Math.floor(n / GIVEN.length) % FAMILY.length]!;
      const email = `${given}.${family}.${String(n).padStart(6, "0")}@seed.example`.toLowerCase();
      const username = usernameIsChosen(pool) ? `user${String(n).padStart(6, "0")}` : id;
      users.push({
        id, poolId: pool.id, username, usernameKey: username.toLowerCase(), email, emailKey: email, emailVerified: n % 10 !== 0,
        phoneNumber: n % 3 === 0 ? `+1555${String(n).padStart(7, "0")}` : null, phoneVerified: false,
        attributes: { given_name: given, family_name: family, name: `${given} ${family}` },
        // A bulk insert, not insertUser: seeded names are unique by construction, and one
        // transaction per user would make a million users take hours.
        ...passwordColumns(options.password),
        status: n % 10 === 0 ? "UNCONFIRMED" : n % 97 === 0 ? "FORCE_CHANGE_PASSWORD" : "CONFIRMED",
        enabled: n % 53 !== 0,
        createdAt,
        passwordSetAt: createdAt, // spreads the temporary passwords' expiries like the creation dates
      });
      if (n % 7 === 0) memberships.push({ userId: id, groupId: groupIds[n % groupIds.length]! });
    }
    await insertSeedBatch(db, { users, memberships });
    created += users.length;
    options.onProgress?.(created);
  }
  return { created };
}
