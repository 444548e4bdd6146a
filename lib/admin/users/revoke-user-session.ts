// Signs a user out of one session (the console's per-session "Sign out"): the session goes, and
// with it every grant it made and those grants' codes, access and refresh tokens.
import type { Db } from "../../db/client.ts";
import { AppError } from "../../errors.ts";
import { sessionGrantIds, type SessionPayload } from "./list-user-sessions.ts";
import { artifactType, GRANT_ARTIFACTS } from "../../oidc/artifacts.ts";
import { findUserRow } from "./manage-user.ts";
import { noteRevocation } from "../../tokens/revocations.ts";

export async function revokeUserSession(db: Db, options: { poolId: string; username: string; sessionId: string }): Promise<{ revoked: number }> {
  const user = await findUserRow(db, options.poolId, options.username);
  const type = artifactType(options.poolId, "Session");
  const session = await db.oidcPayload.findUnique({ where: { type_id: { type, id: options.sessionId } } });
  // Another user's session is as missing as one that never was.
  const payload = session?.payload as SessionPayload | undefined;
  if (!payload || payload.accountId !== user.id)
    throw new AppError("ResourceNotFoundException", "This session does not exist or has already ended.");
  const grants = sessionGrantIds(payload);
  const types = GRANT_ARTIFACTS.map((model) => artifactType(options.poolId, model));
  const revoked = await db.$transaction(async (tx) => {
    const tokens = grants.length ? await tx.oidcPayload.deleteMany({ where: { type: { in: types }, grantId: { in: grants } } }) : { count: 0 };
    const ended = await tx.oidcPayload.deleteMany({ where: { type, id: options.sessionId } });
    return { revoked: tokens.count + ended.count };
  });
  await noteRevocation(options.poolId);
  return revoked;
}
