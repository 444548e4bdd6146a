import type { Db } from "../../db/client.ts";
import { findPoolUser } from "../auth-flow.queries.ts";
import type { UserRow } from "../../users/user.ts";
import type { FlowState } from "../contract.ts";
import { sessionExpired } from "../errors.ts";

/** The flow's user, still in its pool and enabled; otherwise the flow has expired. */
export async function loadUser(db: Db, state: FlowState): Promise<UserRow> {
  const user = state.userId ? await findPoolUser(db, { poolId: state.poolId, userId: state.userId }) : null;
  if (!user || !user.enabled) throw sessionExpired();
  return user;
}
