// Self sign-up, confirmation by code, and resending the code.
import { randomUUID } from "node:crypto";
import type { Db } from "../db/client.ts";
import { AppError } from "../errors.ts";
import type { Sender } from "../messaging/sender.ts";
import { renderCodeMessage } from "../messaging/templates.ts";
import { unmetPasswordRules } from "../pools/password-policy.ts";
import { assertClientMayWrite, type AttributePermissions } from "../pools/client-attributes.ts";
import { usernameIsChosen, type Pool } from "../pools/pool.ts";
import { hashPassword } from "../security/passwords.ts";
import { checkCode, issueCode, spendCode } from "./codes.ts";
import { findUserByLogin } from "./find-user.ts";
import { deliveryAddress, maskDestination, type UserRow } from "./user.ts";
import { validateAttributes } from "./validate-attributes.ts";

export type UserDeps = { db: Db; sender: Sender };

export function assertPasswordMeetsPolicy(pool: Pool, password: string) {
  const unmet = unmetPasswordRules(pool.passwordPolicy, password);
  if (unmet.length) {
    throw new AppError("InvalidPasswordException", `Password does not meet the requirements: ${unmet.join(", ").toLowerCase()}.`, { field: "password" });
  }
}

export type SignUpResult = { user: UserRow; confirmed: boolean; codeDestination: string | null };

export async function signUp(
  deps: UserDeps,
  options: { pool: Pool; client: AttributePermissions; username?: string; password: string; attributes: Record<string, string> },
): Promise<SignUpResult> {
  const { pool } = options;
  if (!pool.selfSignUp) throw new AppError("NotAuthorizedException", "Sign-up is not enabled for this application.");
  const attrs = validateAttributes(pool, options.attributes, { enforceRequired: true });
  // Only what the app client may write (its WriteAttributes): custom:* only where the operator allowed it.
  assertClientMayWrite(options.client, Object.keys(options.attributes));
  attrs.emailVerified = false;
  attrs.phoneVerified = false;

  const id = randomUUID();
  let username: string;
  if (usernameIsChosen(pool)) {
    username = (options.username ?? "").trim();
    if (!/^[\p{L}\p{M}\p{S}\p{N}\p{P}]{1,128}$/u.test(username)) {
      throw new AppError("InvalidParameterException", "Choose a username of 1-128 characters without spaces.", { field: "username" });
    }
  } else {
    // The email or phone is the sign-in name; the username is a generated id, as in Cognito.
    username = id;
    if (pool.signInAliases.includes("email") && !attrs.email && !attrs.phoneNumber) {
      throw new AppError("InvalidParameterException", "Email is required.", { field: "email" });
    }
  }
  assertPasswordMeetsPolicy(pool, options.password);
  const passwordHash = await hashPassword(options.password);

  const user = await deps.db.$transaction(async (tx) => {
    // Serialise sign-ups for the same names so two racing requests cannot both succeed.
    const lockKey = `${pool.id}:${username.toLowerCase()}:${attrs.email?.toLowerCase() ?? ""}`;
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${lockKey}))`;
    if (await tx.user.findUnique({ where: { poolId_usernameKey: { poolId: pool.id, usernameKey: username.toLowerCase() } } })) {
      throw new AppError("UsernameExistsException", "An account with this username already exists.", { field: "username" });
    }
    if (attrs.email && pool.signInAliases.includes("email")) {
      const clash = await tx.user.findFirst({
        where: { poolId: pool.id, emailKey: attrs.email.toLowerCase(), ...(usernameIsChosen(pool) ? { emailVerified: true } : {}) },
        select: { id: true },
      });
      if (clash) throw new AppError("UsernameExistsException", "An account with this email already exists.", { field: "email" });
    }
    if (attrs.phoneNumber && pool.signInAliases.includes("phone")) {
      const clash = await tx.user.findFirst({
        where: { poolId: pool.id, phoneNumber: attrs.phoneNumber, ...(usernameIsChosen(pool) ? { phoneVerified: true } : {}) },
        select: { id: true },
      });
      if (clash) throw new AppError("UsernameExistsException", "An account with this phone number already exists.", { field: "phone_number" });
    }
    return tx.user.create({
      data: {
        id, poolId: pool.id, username, usernameKey: username.toLowerCase(),
        email: attrs.email, emailKey: attrs.email?.toLowerCase() ?? null, phoneNumber: attrs.phoneNumber,
        attributes: attrs.other, passwordHash, passwordSetAt: new Date(), status: "UNCONFIRMED",
      },
    });
  });

  const destination = await sendConfirmationCode(deps, pool, user, "SIGN_UP");
  return { user, confirmed: false, codeDestination: destination ? maskDestination(destination) : null };
}

async function sendConfirmationCode(deps: UserDeps, pool: Pool, user: UserRow, template: "SIGN_UP" | "RESEND_CODE") {
  const destination = deliveryAddress(user);
  const verifiable = pool.autoVerifiedAttributes.includes(user.email ? "email" : "phone_number");
  if (!destination || !verifiable) return null;
  const code = await issueCode(deps.db, { userId: user.id, purpose: "SIGN_UP" });
  const text = renderCodeMessage(template, { poolName: pool.name, code, username: user.username });
  await deps.sender.send({ poolId: pool.id, to: destination, ...text, code });
  return destination;
}

export async function confirmSignUp(deps: UserDeps, options: { pool: Pool; userId: string; code: string }): Promise<UserRow> {
  const user = await deps.db.user.findFirst({ where: { id: options.userId, poolId: options.pool.id } });
  if (!user) throw new AppError("ExpiredCodeException", "That code has expired. Request a new code.", { field: "code" });
  if (user.status !== "UNCONFIRMED") return user;
  const codeId = await checkCode(deps.db, { userId: user.id, purpose: "SIGN_UP", code: options.code });
  return deps.db.$transaction(async (tx) => {
    await spendCode(tx, codeId);
    return tx.user.update({
      where: { id: user.id },
      data: { status: "CONFIRMED", ...(user.email ? { emailVerified: true } : { phoneVerified: true }) },
    });
  });
}

export async function resendConfirmationCode(deps: UserDeps, options: { pool: Pool; userId: string }) {
  const user = await deps.db.user.findFirst({ where: { id: options.userId, poolId: options.pool.id } });
  if (!user || user.status !== "UNCONFIRMED") return null;
  const destination = await sendConfirmationCode(deps, options.pool, user, "RESEND_CODE");
  return destination ? maskDestination(destination) : null;
}

export { findUserByLogin };
