// Cognito's preventUserExistenceErrors for sign-up: when the app client has it ENABLED (the
// default), a sign-up whose email or phone number already has an account gets the answer a new
// sign-up gets — on to confirmation, "we sent you a code" to the masked address — so the form
// cannot be used to learn who has an account. Nothing is created, and the address's owner is told
// that someone tried. The notice is sent without being waited for, so the answer does not take
// longer for a taken address than for a free one.
import { renderSignUpAttemptNotice } from "../messaging/templates.ts";
import { countCodeSend } from "./codes.ts";
import { messageLocale } from "../i18n/message-locale.ts";

import { usernameIsChosen, type Pool } from "../pools/pool.ts";
import type { SignUpResult, UserDeps } from "./sign-up.ts";
import { findUserByLogin } from "./find-user.ts";
import { codeDestination, maskDestination } from "./user.ts";
import { validateAttributes } from "./validate-attributes.ts";

export type TakenAlias = "email" | "phone_number";

/** What sends and wrong codes of a concealed sign-up count against, as a new account's would. */
export function concealedSignUpLogin(address: string): string {
  return `sign-up:${address}`;
}

export async function concealTakenAlias(
  deps: UserDeps,
  options: { pool: Pool; attributes: Record<string, string>; taken: TakenAlias },
): Promise<SignUpResult> {
  const { pool } = options;
  const attrs = validateAttributes(pool, options.attributes, { enforceRequired: false });
  // Where a new account's code would have gone.
  const destination = codeDestination(pool, attrs);
  const address = options.taken === "email" ? attrs.email : attrs.phoneNumber;
  if (address && destination) {
    // A new account's code counts as one send (and refuses past the hourly cap): so does this one.
    await countCodeSend(deps.counters, { purpose: "SIGN_UP", account: { poolId: pool.id, unknownLogin: concealedSignUpLogin(address) } });
  }
  if (address) {
    // Not awaited: the answer goes out whatever finding the owner and sending costs.
    notifyOwner(deps, pool, options.taken, address).catch((error: unknown) =>
      deps.log?.(`sign-up: could not send the sign-up attempt notice: ${(error as Error).message}`),
    );
  }
  return { user: null, confirmed: false, codeDestination: destination ? maskDestination(destination) : null, concealedAddress: address ?? undefined };
}

async function notifyOwner(deps: UserDeps, pool: Pool, taken: TakenAlias, address: string): Promise<void> {
  // The account the address signs in to: the same lookup as sign-in's.
  const owner = await findUserByLogin(deps.db, pool, address);
  const verified = usernameIsChosen(pool);
  const to = taken === "email" ? owner?.email : owner?.phoneNumber;
  if (!owner || !to) return;
  // Notices count toward the owner's hourly cap, so repeated attempts cannot flood their inbox
  // (past it, countCodeSend refuses and nothing is sent).
  await countCodeSend(deps.counters, { purpose: "SIGN_UP", account: { userId: owner.id } });
  const text = renderSignUpAttemptNotice({ locale: messageLocale({ user: owner, requestLocale: deps.requestLocale, pool }), poolName: pool.name, username: verified ? owner.username : null, channel: taken === "email" ? "email" : "phone" });
  await deps.sender.send({ poolId: pool.id, to, ...text });
}
