// Signs a user out of one session (the console's per-session "Sign out"): the session goes, and
// with it every grant it made and those grants' codes, access and refresh tokens.
import type { AuditIn } from "../../audit/audit.ts";
import type { Db } from "../../db/client.ts";
import { AppError } from "../../errors.ts";
import { sessionGrantIds, type SessionPayload } from "./list-user-sessions.ts";
import { artifactType, GRANT_ARTIFACTS } from "../../oidc/artifacts.ts";
import { findUserRow } from "./manage-user.ts";
import { noteRevocation } from "../../tokens/revocations.ts";
import { deleteSessionAndGrants, findSessionPayload } from "./user-sessions.queries.ts";

export async function revokeUserSession(db: Db, options: { poolId: string; username: string; sessionId: string; audit?: AuditIn | undefined }): Promise<{ revoked: number }> {
  const user = await findUserRow(db, options.poolId, options.username);
  const type = artifactType(options.poolId, "Session");
  // Another user's session is as missing as one that never was.
  const payload = (await findSessionPayload(db, { type, id: options.sessionId })) as SessionPayload | undefined;
  if (!payload || payload.accountId !== user.id)
    throw new AppError("ResourceNotFoundException", "This session does not exist or has already ended.");
  const grants = sessionGrantIds(payload);
  const types = GRANT_ARTIFACTS.map((model) => artifactType(options.poolId, model));
  const revoked = await db.$transaction(async (tx) => {
    const made = { revoked: await deleteSessionAndGrants(tx, { sessionType: type, sessionId: options.sessionId, grantTypes: types, grantIds: grants }) };
    await options.audit?.(tx, made);
    return made;
  });
  await noteRevocation(options.poolId);
  return revoked;
}
