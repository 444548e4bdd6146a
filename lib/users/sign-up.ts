// Self sign-up, confirmation by code, and resending the code.
import { randomUUID } from "node:crypto";
import type { Db } from "../db/client.ts";
import type { Locale } from "../i18n/locales.ts";
import { messageLocale } from "../i18n/message-locale.ts";

import { AppError, isAppError } from "../errors.ts";
import type { Sender } from "../messaging/sender.ts";
import { renderCodeMessage } from "../messaging/templates.ts";
import { sendUserMessage } from "../messaging/send-user-message.ts";
import { assertClientMayWrite, type AttributePermissions } from "../pools/client-attributes.ts";
import type { Pool } from "../pools/pool.ts";
import type { Counters } from "../security/rate-limit.ts";
import { assertPasswordMeetsPolicy } from "./assert-password-meets-policy.ts";
import { checkCode, countCodeSend, issueCode, spendCode } from "./codes.ts";
import { concealTakenAlias } from "./conceal-taken-alias.ts";
import { confirmUser } from "./confirm-user.ts";
import { findUserByLogin } from "./find-user.ts";
import { insertUser } from "./insert-user.ts";
import { newUsername } from "./new-user-rules.ts";
import { computePasswordRecord } from "./password-record.ts";
import { codeDestination, maskDestination, type UserRow } from "./user.ts";
import { findPoolUser } from "./user.queries.ts";
import { validateAttributes } from "./validate-attributes.ts";
import type { Secrets } from "../security/secrets.ts";
import { runPostConfirmation, runPreSignUp, type TriggerContext } from "../triggers/sign-up-triggers.ts";

export type UserDeps = {
  db: Db; sender: Sender; counters: Counters; secrets: Secrets; log: (line: string) => void;
  /** The language of the page that asked, for the messages sent (lib/i18n/message-locale.ts). */
  requestLocale?: Locale | undefined;
};

/** `user` is null when the sign-up was answered without creating anyone (conceal-taken-alias.ts). */
export type SignUpResult = {
  user: UserRow | null;
  confirmed: boolean;
  codeDestination: string | null;
  /** Set when the sign-up hid an existing account: the address its codes are counted against. */
  concealedAddress?: string;
};

type SignUpOptions = {
  pool: Pool; client: AttributePermissions; username?: string | undefined; password: string; attributes: Record<string, string>;
  /** For the pre sign-up and post confirmation triggers. */
  trigger: TriggerContext;
};

/**
 * Self sign-up. With the app client's preventUserExistenceErrors, an email or phone number that
 * already has an account gets the answer a new sign-up gets; a chosen username that is taken is
 * still UsernameExistsException, as in Cognito.
 */
export async function signUp(deps: UserDeps, options: SignUpOptions & { preventUserExistenceErrors: boolean }): Promise<SignUpResult> {
  try {
    return await createAccount(deps, options);
  } catch (error) {
    const taken = isAppError(error) && error.code === "UsernameExistsException" ? error.field : undefined;
    if (!options.preventUserExistenceErrors || (taken !== "email" && taken !== "phone_number")) throw error;
    return concealTakenAlias(deps, { pool: options.pool, attributes: options.attributes, taken });
  }
}

async function createAccount(deps: UserDeps, options: SignUpOptions): Promise<SignUpResult> {
  const { pool } = options;
  if (!pool.selfSignUp) throw new AppError("NotAuthorizedException", "Sign-up is not enabled for this application.");
  const attrs = validateAttributes(pool, options.attributes, { enforceRequired: true });
  // Only what the app client may write (its WriteAttributes): custom:* only where the operator allowed it.
  assertClientMayWrite(options.client, Object.keys(options.attributes));
  attrs.emailVerified = false;
  attrs.phoneVerified = false;

  const id = randomUUID();
  // In email/phone pools the email or phone is the sign-in name and the username is generated, as in Cognito.
  const username = newUsername(pool, { creator: "sign-up", requested: options.username, id, attributes: attrs });
  assertPasswordMeetsPolicy(pool, options.password);
  // Before anything is written: a refusal leaves nothing half-made.
  const decision = await runPreSignUp(deps, { pool, source: "PreSignUp_SignUp", userName: username, attributes: options.attributes, context: options.trigger });
  const password = await computePasswordRecord({ poolId: pool.id, username, secrets: deps.secrets, password: options.password });

  if (decision.autoConfirmUser) {
    // Confirmed by the trigger: no code is sent, and post confirmation runs as after a code.
    attrs.emailVerified = decision.autoVerifyEmail;
    attrs.phoneVerified = decision.autoVerifyPhone;
    const { user } = await insertUser(deps.db, { pool, creator: "sign-up", id, username, attributes: attrs, password, status: "CONFIRMED" });
    await runPostConfirmation(deps, { pool, source: "PostConfirmation_ConfirmSignUp", user, context: options.trigger });
    return { user, confirmed: true, codeDestination: null };
  }

  const { user, after } = await insertUser(deps.db, {
    pool, creator: "sign-up", id, username, attributes: attrs, password, status: "UNCONFIRMED",
    // The user and their first code commit together: a crash leaves either neither, or both
    // (and a code whose message was lost is replaced by "resend").
    inTransaction: async (tx, created) => (codeDestination(pool, created) ? issueCode(tx, { userId: created.id, purpose: "SIGN_UP" }) : null),
  });
  const code = after ?? null;

  const destination = code ? codeDestination(pool, user) : null;
  if (code) {
    await countCodeSend(deps.counters, { purpose: "SIGN_UP", account: { userId: user.id } });
    // The account exists whatever SMTP says; the confirmation page offers "resend". Sent after the
    // answer, as a concealed sign-up's notice is, so SMTP's speed cannot tell the two apart.
    void deliverConfirmationCode(deps, pool, user, "SIGN_UP", code).catch((error: unknown) => logUndelivered(deps, user, error));
  }
  return { user, confirmed: false, codeDestination: destination ? maskDestination(destination) : null };
}

function logUndelivered(deps: UserDeps, user: UserRow, error: unknown) {
  deps.log(`confirmation code for user ${user.id} not delivered: ${error instanceof Error ? error.message : String(error)}`);
}

/** Sends an issued code; the message leaves the outbox when the code expires. */
async function deliverConfirmationCode(
  deps: UserDeps, pool: Pool, user: UserRow, template: "SIGN_UP" | "RESEND_CODE", issued: { code: string; expiresAt: Date },
): Promise<string> {
  const destination = codeDestination(pool, user)!;
  const text = renderCodeMessage(template, { locale: messageLocale({ user, requestLocale: deps.requestLocale, pool }), poolName: pool.name, code: issued.code });
  await sendUserMessage(deps, {
    pool, user, to: destination, kind: template === "SIGN_UP" ? "SignUp" : "ResendCode", text, code: issued.code, expiresAt: issued.expiresAt,
  });
  return destination;
}

/** A new code, within the hourly cap of codes sent to the account. */
async function sendConfirmationCode(deps: UserDeps, pool: Pool, user: UserRow): Promise<string | null> {
  if (!codeDestination(pool, user)) return null;
  await countCodeSend(deps.counters, { purpose: "SIGN_UP", account: { userId: user.id } });
  const issued = await issueCode(deps.db, { userId: user.id, purpose: "SIGN_UP" });
  try {
    return await deliverConfirmationCode(deps, pool, user, "RESEND_CODE", issued);
  } catch (error) {
    logUndelivered(deps, user, error);
    throw new AppError("CodeDeliveryFailureException", "We could not send the code. Try again in a few minutes.");
  }
}

export async function confirmSignUp(deps: UserDeps, options: { pool: Pool; userId: string; code: string; trigger: TriggerContext }): Promise<UserRow> {
  const user = await findPoolUser(deps.db, { poolId: options.pool.id, userId: options.userId });
  if (!user) throw new AppError("ExpiredCodeException", "That code has expired. Request a new code.", { field: "code" });
  if (user.status !== "UNCONFIRMED") return user;
  const codeId = await checkCode(deps, { userId: user.id, purpose: "SIGN_UP", code: options.code });
  const confirmed = await deps.db.$transaction(async (tx) => {
    await spendCode(tx, codeId);
    return confirmUser(tx, { userId: user.id, verified: user.email ? "email" : "phone_number" });
  });
  // After the write: a handler's error reaches the caller, the account stays confirmed.
  await runPostConfirmation(deps, { pool: options.pool, source: "PostConfirmation_ConfirmSignUp", user: confirmed, context: options.trigger });
  return confirmed;
}

export async function resendConfirmationCode(deps: UserDeps, options: { pool: Pool; userId: string }) {
  const user = await findPoolUser(deps.db, { poolId: options.pool.id, userId: options.userId });
  if (!user || user.status !== "UNCONFIRMED") return null;
  const destination = await sendConfirmationCode(deps, options.pool, user);
  return destination ? maskDestination(destination) : null;
}

export { findUserByLogin };
