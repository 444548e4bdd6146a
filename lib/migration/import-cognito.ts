// Copies a Cognito user pool's users and groups into a pool ahead of time (scripts/import-cognito.ts),
// straight into the database, so it also runs while Gatehouse is stopped. Passwords cannot be read
// out of Cognito: imported users get theirs at their first sign-in, checked at the old pool
// (cognito-source.ts adoptOldPassword), which is why the pool keeps its migrateFrom meanwhile.
//
// Three phases, each walked page by page: groups (ListGroups), users (ListUsers), memberships
// (ListUsersInGroup for each group). After every page the phase and the old pool's pagination token
// are saved in CognitoImportRun, so an interrupted run resumes at the page it was on. Every write is
// an upsert: a re-run (or a page done twice after a crash) updates, never duplicates. A finished
// run's next invocation starts over, which brings changes made at the old pool since.
import {
  ListGroupsCommand, ListUsersCommand, ListUsersInGroupCommand, type CognitoIdentityProviderClient, type UserType,
} from "@aws-sdk/client-cognito-identity-provider";
import type { Db } from "../db/client.ts";
import type { Pool } from "../pools/pool.ts";
import type { Secrets } from "../security/secrets.ts";
import type { UserStatus } from "../users/user.ts";
import { validateAttributes } from "../users/validate-attributes.ts";
import { OLD_SUB_ATTRIBUTE, keptAttributes } from "./cognito-source.ts";
import { createMigratedUser } from "./create-migrated-user.ts";
import { emailTaken, phoneNumberTaken, updateUserRow } from "../users/user.queries.ts";
import {
  addGroupMembers, findGroupId, findGroupNameAfter, findImportRun, findPoolUserByUsername, findPoolUserIdsByUsernames, resetImportRun, saveImportRun, upsertImportedGroup, userIdTaken,
} from "./migration.queries.ts";
import { attributeMap, toOldGroup } from "./old-pool.ts";

export type ImportPhase = "groups" | "users" | "memberships" | "done";
/** users: imported or already here; kept: already here with a password (moved in), left as they are. */
export type ImportCounts = { groups: number; users: number; created: number; updated: number; kept: number; skipped: number; memberships: number };
export type ImportProgress = { phase: ImportPhase; counts: ImportCounts };


/** The old status as an imported user without a password holds it (EXTERNAL_PROVIDER users are skipped: they sign in through their IdP). */
export function importedStatus(status: string | undefined): UserStatus | null {
  switch (status) {
    case "CONFIRMED": case "UNCONFIRMED": case "FORCE_CHANGE_PASSWORD": case "RESET_REQUIRED": return status;
    case "EXTERNAL_PROVIDER": return null;
    // ARCHIVED, COMPROMISED, UNKNOWN: the password is not to be trusted.
    default: return "RESET_REQUIRED";
  }
}

export async function importCognitoPool(
  deps: { db: Db; secrets: Pick<Secrets, "encrypt">; cognito: CognitoIdentityProviderClient; log: (line: string) => void },
  options: { pool: Pool; sourcePoolId: string; maxPages?: number; /** Items per page asked of the old pool (Cognito allows up to 60). */ pageSize?: number; onProgress?: (progress: ImportProgress) => void },
): Promise<ImportProgress & { pages: number }> {
  const { db, cognito } = deps;
  const { pool, sourcePoolId } = options;
  const PAGE = options.pageSize ?? 60;
  const id = `${pool.id}/${sourcePoolId}`;
  let run = await findImportRun(db, { id });
  if (!run || run.finishedAt) {
    const fresh = { poolId: pool.id, sourcePoolId, phase: "groups", paginationToken: null, groupName: null, counts: {}, startedAt: new Date(), finishedAt: null };
    run = await resetImportRun(db, { id, state: fresh });
  }
  const counts: ImportCounts = { groups: 0, users: 0, created: 0, updated: 0, kept: 0, skipped: 0, memberships: 0, ...(run.counts as Partial<ImportCounts>) };
  let phase = run.phase as ImportPhase;
  let token = run.paginationToken ?? undefined;
  let groupName = run.groupName;
  let pages = 0;
  const save = async () => {
    await saveImportRun(db, { id, data: { phase, paginationToken: token ?? null, groupName, counts: counts, ...(phase === "done" ? { finishedAt: new Date() } : {}) } });
    options.onProgress?.({ phase, counts });
  };
  /** Whether the page budget (--max-pages) is spent: the run stops there, to resume later. */
  const spent = () => options.maxPages !== undefined && pages >= options.maxPages;

  while (phase !== "done" && !spent()) {
    if (phase === "groups") {
      const page = await cognito.send(new ListGroupsCommand({ UserPoolId: sourcePoolId, Limit: PAGE, NextToken: token }));
      for (const group of (page.Groups ?? []).map(toOldGroup)) {
        await upsertImportedGroup(db, { poolId: pool.id, group });
        counts.groups++;
      }
      token = page.NextToken;
      if (!token) phase = "users";
    } else if (phase === "users") {
      const page = await cognito.send(new ListUsersCommand({ UserPoolId: sourcePoolId, Limit: PAGE, PaginationToken: token }));
      for (const user of page.Users ?? []) {
        const result = await importUser(deps, pool, user);
        counts[result]++;
        if (result !== "skipped") counts.users++;
      }
      token = page.PaginationToken;
      if (!token) phase = "memberships";
    } else {
      // Memberships, group by group in name order (the local groups now mirror the old pool's).
      if (groupName === null) {
        groupName = await findGroupNameAfter(db, { poolId: pool.id, after: null });
        if (groupName === null) {
          phase = "done";
          await save();
          break;
        }
      }
      const page = await cognito.send(new ListUsersInGroupCommand({ UserPoolId: sourcePoolId, GroupName: groupName, Limit: PAGE, NextToken: token }));
      const groupId = await findGroupId(db, { poolId: pool.id, name: groupName });
      const usernames = (page.Users ?? []).map((u) => u.Username!.toLowerCase());
      if (groupId && usernames.length) {
        const userIds = await findPoolUserIdsByUsernames(db, { poolId: pool.id, usernameKeys: usernames });
        counts.memberships += await addGroupMembers(db, { groupId, userIds });
      }
      token = page.NextToken;
      if (!token) {
        groupName = await findGroupNameAfter(db, { poolId: pool.id, after: groupName });
        if (groupName === null) phase = "done";
      }
    }
    pages++;
    await save();
  }
  return { phase, counts, pages };
}

/** One user of a ListUsers page: created without a password, or (already here) brought up to date. */
async function importUser(deps: { db: Db; secrets: Pick<Secrets, "encrypt">; log: (line: string) => void }, pool: Pool, old: UserType): Promise<"created" | "updated" | "kept" | "skipped"> {
  const username = old.Username!;
  const status = importedStatus(old.UserStatus);
  if (status === null) return "skipped";
  const attributes = attributeMap(old.Attributes);
  const sub = attributes.sub;
  const kept = keptAttributes(pool, attributes);
  const existing = await findPoolUserByUsername(deps.db, { poolId: pool.id, usernameKey: username.toLowerCase() });
  // Moved in already (signed in here since): this pool is theirs now, the old pool's copy is stale.
  if (existing && existing.passwordHash !== null) return "kept";
  try {
    if (existing) {
      const split = validateAttributes(pool, kept, { enforceRequired: false });
      const other = { ...(existing.attributes as Record<string, string>), ...split.other, ...(sub ? { [OLD_SUB_ATTRIBUTE]: sub } : {}) };
      // Email and phone change only where no other user of the pool holds them (they are sign-in names).
      const emailFree = !split.email || !(await emailTaken(deps.db, { poolId: pool.id, emailKey: split.email.toLowerCase(), verifiedOnly: false, exceptUserId: existing.id }));
      const phoneFree = !split.phoneNumber || !(await phoneNumberTaken(deps.db, { poolId: pool.id, phoneNumber: split.phoneNumber, verifiedOnly: false, exceptUserId: existing.id }));
      await updateUserRow(deps.db, { userId: existing.id }, {
        attributes: other, enabled: old.Enabled !== false,
        ...(emailFree ? { email: split.email, emailKey: split.email?.toLowerCase() ?? null, emailVerified: split.emailVerified } : {}),
        ...(phoneFree ? { phoneNumber: split.phoneNumber, phoneVerified: split.phoneVerified } : {}),
        status,
      });
      return "updated";
    }
    const idFree = !!sub && !(await userIdTaken(deps.db, { userId: sub }));
    const made = await createMigratedUser(deps, {
      pool, login: username, username, attributes: kept, ...(sub ? { recorded: { [OLD_SUB_ATTRIBUTE]: sub } } : {}), ...(idFree ? { id: sub } : {}),
      enforceRequired: false, status, password: null, enabled: old.Enabled !== false,
    });
    // "taken": an alias the user brings is another user's here; reported, not forced.
    if (made.kind !== "migrated") {
      deps.log(`skipped ${username}: its email or phone number belongs to another user of ${pool.id}`);
      return "skipped";
    }
    return "created";
  } catch (error) {
    deps.log(`skipped ${username}: ${(error as Error).message}`);
    return "skipped";
  }
}
