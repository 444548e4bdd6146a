// The SQL of applying a config file (apply-config.ts): upserts of a pool's rows by their natural
// keys, inside the pool's transaction. Reads and writes shared with the admin modules come from
// their queries modules.
import type { Prisma, UserPool } from "../../generated/prisma/client.ts";
import type { Tx } from "../db/client.ts";

/** Creates the pool or replaces the settings given. */
export function upsertPoolRow(db: Tx, id: string, data: Omit<Prisma.UserPoolUncheckedCreateInput, "id">): Promise<UserPool> {
  return db.userPool.upsert({ where: { id }, create: { id, ...data }, update: data });
}

export async function upsertResourceServer(db: Tx, server: { poolId: string; identifier: string; name: string; scopes: Prisma.InputJsonValue }): Promise<void> {
  await db.resourceServer.upsert({
    where: { poolId_identifier: { poolId: server.poolId, identifier: server.identifier } },
    create: server,
    update: { name: server.name, scopes: server.scopes },
  });
}

/** Creates the group or replaces its settings; answers its id. */
export async function upsertGroup(db: Tx, group: { poolId: string; name: string; precedence: number | null; description: string; roleArn: string | null }): Promise<string> {
  const saved = await db.group.upsert({
    where: { poolId_name: { poolId: group.poolId, name: group.name } },
    create: group,
    update: { precedence: group.precedence, description: group.description, roleArn: group.roleArn },
  });
  return saved.id;
}

/** The client's stored secret (its hash, and sealed), or null when there is no such client. */
export function findClientSecretColumns(db: Tx, clientId: string): Promise<{ secretHash: string | null; secretEnc: string | null } | null> {
  return db.appClient.findUnique({ where: { clientId }, select: { secretHash: true, secretEnc: true } });
}

export async function deleteMembershipsOf(db: Tx, userId: string): Promise<void> {
  await db.groupMembership.deleteMany({ where: { userId } });
}

export async function insertMembership(db: Tx, membership: { userId: string; groupId: string }): Promise<void> {
  await db.groupMembership.create({ data: membership });
}

/** The pool's stored identity providers (secrets sealed), or null when there is no such pool. */
export async function findStoredIdentityProviders(db: Tx, poolId: string): Promise<Prisma.JsonValue | null> {
  const row = await db.userPool.findUnique({ where: { id: poolId }, select: { identityProviders: true } });
  return row?.identityProviders ?? null;
}

/** The pool's stored triggers (secrets sealed), or null when there is no such pool. */
export async function findStoredTriggers(db: Tx, poolId: string): Promise<Prisma.JsonValue | null> {
  const row = await db.userPool.findUnique({ where: { id: poolId }, select: { triggers: true } });
  return row?.triggers ?? null;
}
