// Verifying a user's email or phone number once they are signed in (Cognito's
// GetUserAttributeVerificationCode and VerifyUserAttribute, and the code UpdateUserAttributes
// sends for a new address): a code to the address under the limits every code has (codes.ts:
// sends per hour, wrong tries per code and per hour), which marks that address verified.
import type { Db } from "../db/client.ts";
import { AppError } from "../errors.ts";
import { messageLocale } from "../i18n/message-locale.ts";

import { renderCodeMessage } from "../messaging/templates.ts";
import { sendUserMessage, type MessageDeps } from "../messaging/send-user-message.ts";
import type { Pool } from "../pools/pool.ts";
import type { Counters } from "../security/rate-limit.ts";
import { checkCode, countCodeSend, issueCode, spendCode, type CodePurpose } from "./codes.ts";
import { assertNamesFree } from "./insert-user.ts";
import { aliasVerifyRules } from "./new-user-rules.ts";
import { maskDestination, type UserRow } from "./user.ts";
import { updateUserIf } from "./user.queries.ts";

export type VerifiableAttribute = "email" | "phone_number";

export const VERIFY_PURPOSE: Record<VerifiableAttribute, CodePurpose> = { email: "VERIFY_EMAIL", phone_number: "VERIFY_PHONE_NUMBER" };

export function isVerifiableAttribute(name: string): name is VerifiableAttribute {
  return name === "email" || name === "phone_number";
}

/** Where a code went, masked, as Cognito's CodeDeliveryDetails. */
export type CodeDelivery = { destination: string; medium: "EMAIL" | "SMS"; attribute: VerifiableAttribute };

function addressOf(user: Pick<UserRow, "email" | "phoneNumber">, attribute: VerifiableAttribute): string {
  const address = attribute === "email" ? user.email : user.phoneNumber;
  if (!address) throw new AppError("InvalidParameterException", `The user has no ${attribute} to verify.`, { field: attribute });
  return address;
}

/** Sends a new code to the user's address (replacing any earlier one), within the hourly cap. */
export async function sendAttributeCode(
  deps: MessageDeps & { counters: Counters },
  options: {
    pool: Pool; user: UserRow; attribute: VerifiableAttribute;
    /** For the message triggers: a code for a changed address (UpdateUserAttribute) or one asked for (the default). */
    kind?: "UpdateUserAttribute" | "VerifyUserAttribute"; clientId?: string; clientMetadata?: Record<string, string> | undefined;
  },
): Promise<CodeDelivery> {
  const { pool, user, attribute } = options;
  const to = addressOf(user, attribute);
  const purpose = VERIFY_PURPOSE[attribute];
  await countCodeSend(deps.counters, { purpose, account: { userId: user.id } });
  const { code, expiresAt } = await issueCode(deps.db, { userId: user.id, purpose });
  const text = renderCodeMessage("VERIFY_ATTRIBUTE", { locale: messageLocale({ user, requestLocale: deps.requestLocale, pool }), poolName: pool.name, code });
  try {
    await sendUserMessage(deps, {
      pool, user, to, kind: options.kind ?? "VerifyUserAttribute", text, code, expiresAt, clientId: options.clientId ?? null, clientMetadata: options.clientMetadata,
    });
  } catch (error) {
    // A trigger's refusal is the caller's to see, as Cognito's UserLambdaValidationException.
    if (error instanceof AppError && error.code === "UserLambdaValidationException") throw error;
    throw new AppError("CodeDeliveryFailureException", "We could not send the code. Try again in a few minutes.");
  }
  return { destination: maskDestination(to), medium: attribute === "email" ? "EMAIL" : "SMS", attribute };
}

/**
 * Checks the code sent to the user's address and marks that address verified. A code only ever
 * verifies the address it was sent to: changing the address ends it (update-attributes.ts), and
 * the update below applies only while the address is still the one the code was checked for.
 */
export async function verifyUserAttribute(
  deps: { db: Db; counters: Counters },
  options: { pool: Pool; user: UserRow; attribute: VerifiableAttribute; code: string },
): Promise<UserRow> {
  const { pool, user, attribute } = options;
  const address = addressOf(user, attribute);
  const codeId = await checkCode(deps, { userId: user.id, purpose: VERIFY_PURPOSE[attribute], code: options.code });
  return deps.db.$transaction(async (tx) => {
    const names = attribute === "email" ? { username: null, email: address, phoneNumber: null } : { username: null, email: null, phoneNumber: address };
    await assertNamesFree(tx, { poolId: pool.id, rules: aliasVerifyRules(pool).filter((rule) => rule.field === attribute), names, exceptUserId: user.id });
    await spendCode(tx, codeId);
    const saved = await updateUserIf(
      tx,
      { id: user.id, poolId: pool.id, ...(attribute === "email" ? { email: address } : { phoneNumber: address }) },
      attribute === "email" ? { emailVerified: true } : { phoneVerified: true },
    );
    if (!saved) throw new AppError("ExpiredCodeException", "That code has expired. Request a new code.", { field: "code" });
    return saved;
  });
}
