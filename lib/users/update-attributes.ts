// Changes an existing user's attributes: the one writer for an administrator (console, admin API)
// and for the user themselves (the Cognito API's UpdateUserAttributes and DeleteUserAttributes).
// An empty value removes an attribute. Immutable attributes, the pool's required ones and an
// address to sign in with are kept; a changed email or phone number is unverified unless the
// caller says otherwise, must not be another user's where it is a sign-in alias, and ends the
// codes sent to the address it replaces.
import type { AuditIn } from "../audit/audit.ts";
import type { Db } from "../db/client.ts";
import { AppError } from "../errors.ts";
import { immutableMessage, isImmutable } from "../pools/attributes.ts";
import { usernameIsChosen, type Pool } from "../pools/pool.ts";
import { discardCodes } from "./codes.ts";
import { assertNamesFree } from "./insert-user.ts";
import { aliasChangeRules } from "./new-user-rules.ts";
import { userAttributes, type UserRow } from "./user.ts";
import { updateUserRow } from "./user.queries.ts";
import { validateAttributes } from "./validate-attributes.ts";
import { VERIFY_PURPOSE, type VerifiableAttribute } from "./verify-attribute.ts";

export type UpdatedAttributes = {
  user: UserRow;
  /** The addresses given a new value (not removed), which are now unverified unless the caller set them verified. */
  newAddresses: VerifiableAttribute[];
};

export async function updateUserAttributes(db: Db, options: { pool: Pool; user: UserRow; attributes: Record<string, string>; audit?: AuditIn | undefined }): Promise<UpdatedAttributes> {
  const { pool, user } = options;
  const given = options.attributes;
  const current = userAttributes(user);
  delete current.sub;
  // An immutable attribute is written only when the user is created: not changed, removed, or set later.
  for (const [name, value] of Object.entries(given)) {
    if (isImmutable(pool, name) && (current[name] ?? "") !== value.trim())
      throw new AppError("InvalidParameterException", immutableMessage(name), { field: name });
  }
  const changed = (name: VerifiableAttribute, stored: string | null) => name in given && given[name]!.trim() !== (stored ?? "");
  const emailChanged = changed("email", user.email);
  const phoneChanged = changed("phone_number", user.phoneNumber);
  const merged: Record<string, string> = { ...current, ...given };
  // A changed address is unverified unless the caller says otherwise, as in Cognito.
  if (emailChanged && !("email_verified" in given)) merged.email_verified = "false";
  if (phoneChanged && !("phone_number_verified" in given)) merged.phone_number_verified = "false";
  const attrs = validateAttributes(pool, merged, { enforceRequired: true });
  if (!usernameIsChosen(pool) && !attrs.email && !attrs.phoneNumber)
    throw new AppError("InvalidParameterException", "Users of this pool sign in by email or phone: keep one.", { field: "email" });

  const saved = await db.$transaction(async (tx) => {
    // Only a changed address is checked: one that other rows share from before is left as it is.
    const email = attrs.email && attrs.email.toLowerCase() !== user.emailKey ? attrs.email : null;
    const phoneNumber = attrs.phoneNumber && attrs.phoneNumber !== user.phoneNumber ? attrs.phoneNumber : null;
    await assertNamesFree(tx, { poolId: pool.id, rules: aliasChangeRules(pool), names: { username: null, email, phoneNumber }, exceptUserId: user.id });
    if (emailChanged) await discardCodes(tx, { userId: user.id, purpose: VERIFY_PURPOSE.email });
    if (phoneChanged) await discardCodes(tx, { userId: user.id, purpose: VERIFY_PURPOSE.phone_number });
    const updated = await updateUserRow(tx, { userId: user.id }, {
      email: attrs.email, emailKey: attrs.email?.toLowerCase() ?? null, emailVerified: !!attrs.email && attrs.emailVerified,
      phoneNumber: attrs.phoneNumber, phoneVerified: !!attrs.phoneNumber && attrs.phoneVerified, attributes: attrs.other,
    });
    await options.audit?.(tx);
    return updated;
  });
  const newAddresses: VerifiableAttribute[] = [];
  if (emailChanged && saved.email) newAddresses.push("email");
  if (phoneChanged && saved.phoneNumber) newAddresses.push("phone_number");
  return { user: saved, newAddresses };
}
