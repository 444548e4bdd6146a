// What identity pools and authorizers name must exist: user pools, their app clients, identity
// pools. Checked by the admin API before a write, so a typo is a 400 naming the field instead of
// a setting that silently never matches. Each problem carries its path in the body, as zod's do.
import type { Db } from "../db/client.ts";
import { AppError } from "../errors.ts";
import { findClientsOfPools, findIdentityPoolIds, findPoolChoices, findPoolIds } from "./references.queries.ts";

export type Problem = { path: (string | number)[]; message: string };

/** The user pools among `poolIds` that exist, each with its app client ids (one query each). */
export async function knownPools(db: Db, poolIds: string[]): Promise<Map<string, Set<string>>> {
  const unique = [...new Set(poolIds)];
  const [pools, clients] = await Promise.all([
    findPoolIds(db, unique),
    findClientsOfPools(db, unique),
  ]);
  const known = new Map(pools.map((p) => [p.id, new Set<string>()]));
  for (const c of clients) known.get(c.poolId)?.add(c.clientId);
  return known;
}

export async function knownIdentityPools(db: Db, ids: string[]): Promise<Set<string>> {
  return new Set((await findIdentityPoolIds(db, [...new Set(ids)])).map((p) => p.id));
}

/** Throws InvalidParameterException with every problem as an issue at `body.<path>` (the zod errors' form). */
export function assertNoProblems(problems: Problem[]): void {
  if (!problems.length) return;
  const issues = problems.map((p) => ({ path: ["body", ...p.path].join("."), message: p.message }));
  const message = issues.map((i) => `${i.path}: ${i.message}`).join("; ");
  throw new AppError("InvalidParameterException", message, { field: problems[0]!.path.join("."), issues });
}

/** The user pools (not the console's) with their app clients: what the console's pickers offer. */
export async function listPoolChoices(db: Db): Promise<{ id: string; name: string; clients: { clientId: string; name: string }[] }[]> {
  return findPoolChoices(db);
}
