import type { Db } from "./db/client.ts";

/** The database answers and every migration has been applied. */
export async function checkHealth(db: Db): Promise<{ ok: true } | { ok: false; reason: string }> {
  try {
    const rows = await db.$queryRaw<{ pending: bigint }[]>`
      SELECT count(*) AS pending FROM "_prisma_migrations" WHERE finished_at IS NULL AND rolled_back_at IS NULL`;
    if (Number(rows[0]?.pending ?? 0) > 0) return { ok: false, reason: "migrations pending" };
    return { ok: true };
  } catch {
    return { ok: false, reason: "database unreachable" };
  }
}
