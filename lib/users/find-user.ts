import type { Tx } from "../db/client.ts";
import type { Pool } from "../pools/pool.ts";
import { usernameIsChosen } from "../pools/pool.ts";
import type { UserRow } from "./user.ts";
import { findNativeUserByEmail, findNativeUserByPhone, findUserByUsernameKey } from "./user.queries.ts";
import { aliasShape } from "./username-rules.ts";

/**
 * Finds the user a sign-in name refers to: the username, or an email or phone number where the
 * pool allows them. An email or phone works as an alias only once verified, as in Cognito; in
 * pools where it *is* the username it works before that, so the user can reach confirmation.
 *
 * A name shaped like an email (phone number) in a pool with that alias is looked up as the alias
 * only, never as a username: such usernames are refused (username-rules.ts), and a row that has
 * one from before that rule must not capture the sign-in or password reset of the address's owner.
 *
 * Federated users (EXTERNAL_PROVIDER) have no sign-in name here: they sign in at their IdP only, so
 * neither a password, a reset code nor a custom challenge can reach them (as in Cognito), and an
 * address they share with a native user always names the native user.
 */
export async function findUserByLogin(db: Tx, pool: Pool, login: string): Promise<UserRow | null> {
  const value = login.trim();
  if (!value) return null;
  const verified = usernameIsChosen(pool);
  switch (aliasShape(pool, value)) {
    case "email":
      return findNativeUserByEmail(db, { poolId: pool.id, emailKey: value.toLowerCase(), verifiedOnly: verified });
    case "phone":
      return findNativeUserByPhone(db, { poolId: pool.id, phoneNumber: value, verifiedOnly: verified });
    case null: {
      const user = await findUserByUsernameKey(db, { poolId: pool.id, usernameKey: value.toLowerCase() });
      return user?.status === "EXTERNAL_PROVIDER" ? null : user;
    }
  }
}
