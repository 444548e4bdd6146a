import type { Db } from "../db/client.ts";
import type { Pool } from "../pools/pool.ts";
import { usernameIsChosen } from "../pools/pool.ts";
import type { UserRow } from "./user.ts";
import { E164 } from "./validate-attributes.ts";

/**
 * Finds the user a sign-in name refers to: the username, or an email or phone number where the
 * pool allows them. An email or phone works as an alias only once verified, as in Cognito; in
 * pools where it *is* the username it works before that, so the user can reach confirmation.
 */
export async function findUserByLogin(db: Db, pool: Pool, login: string): Promise<UserRow | null> {
  const value = login.trim();
  if (!value) return null;
  const byUsername = await db.user.findUnique({ where: { poolId_usernameKey: { poolId: pool.id, usernameKey: value.toLowerCase() } } });
  if (byUsername) return byUsername;
  const chosen = usernameIsChosen(pool);
  if (value.includes("@") && pool.signInAliases.includes("email")) {
    return db.user.findFirst({
      where: { poolId: pool.id, emailKey: value.toLowerCase(), ...(chosen ? { emailVerified: true } : {}) },
      orderBy: { createdAt: "asc" },
    });
  }
  if (E164.test(value) && pool.signInAliases.includes("phone")) {
    return db.user.findFirst({
      where: { poolId: pool.id, phoneNumber: value, ...(chosen ? { phoneVerified: true } : {}) },
      orderBy: { createdAt: "asc" },
    });
  }
  return null;
}
