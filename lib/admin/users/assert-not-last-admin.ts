// The console must keep an admin: the last enabled member of the system pool's `admins` cannot be
// deleted, disabled or taken out of the group (add another admin first).
import type { Db } from "../../db/client.ts";
import { AppError } from "../../errors.ts";
import { countAdmins, findAdmin, SYSTEM_POOL_ID } from "../system-pool.ts";
import { findUserRow } from "./manage-user.ts";

/** Refuses when `username` names the system pool's last admin; users of other pools pass. */
export async function assertNotLastAdmin(db: Db, options: { poolId: string; username: string }): Promise<void> {
  if (options.poolId !== SYSTEM_POOL_ID) return;
  const user = await findUserRow(db, SYSTEM_POOL_ID, options.username);
  if ((await findAdmin(db, user.id)) && (await countAdmins(db)) <= 1) throw new AppError("ForbiddenException", "This is the last admin: add another before removing them.");
}
