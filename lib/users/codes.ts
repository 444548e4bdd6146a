// One-time codes for sign-up confirmation, password reset and the verification of a changed email
// or phone number (VERIFY_EMAIL, VERIFY_PHONE_NUMBER): 6 digits, stored hashed, single use.
// Guessing is limited twice over: 5 tries per code, and 5 wrong tries per account and purpose an
// hour across all its codes (after which even the right code is refused until the hour is over),
// so asking for new codes buys no more guesses. Sending is capped too: 5 codes per account and
// purpose an hour (and per sign-in name for forgot password), which also keeps inboxes from being
// flooded. A sign-in name that matches no account is counted exactly like an account, so the
// answers cannot tell the two apart. Counts live in the shared counters (Redis or PostgreSQL).
import { AppError } from "../errors.ts";
import type { Counters } from "../security/rate-limit.ts";
import { constantTimeEqual, randomDigits, sha256 } from "../security/secrets.ts";
import { consumeUnspentCodes, findCurrentCode, incrementCodeAttempts, insertCode, spendUnspentCode, type CodesDb } from "./codes.queries.ts";

/** SIGN_IN_SMS / SIGN_IN_EMAIL: a sign-in code (SMS_MFA, EMAIL_OTP, SMS_OTP), lib/mfa/sign-in-codes.ts. */
export type CodePurpose = "SIGN_UP" | "FORGOT_PASSWORD" | "VERIFY_EMAIL" | "VERIFY_PHONE_NUMBER" | "SIGN_IN_SMS" | "SIGN_IN_EMAIL";

export const CODE_VALIDITY_SECONDS: Record<CodePurpose, number> = {
  SIGN_UP: 24 * 3600, FORGOT_PASSWORD: 3600, VERIFY_EMAIL: 24 * 3600, VERIFY_PHONE_NUMBER: 24 * 3600,
  // As Cognito: a sign-in code is good for 3 minutes by SMS, 5 by email.
  SIGN_IN_SMS: 180, SIGN_IN_EMAIL: 300,
};
const MAX_ATTEMPTS_PER_CODE = 5;
export const CODE_LIMITS = { sendsPerHour: 5, wrongTriesPerHour: 5 } as const;
const WINDOW_SECONDS = 3600;

type Tx = CodesDb;

/**
 * Whom a code is for: an account, or, where forgot password was asked for a name that matches
 * none, that name (in its pool), so that it is limited the same way.
 */
export type CodeAccount = { userId: string } | { poolId: string; unknownLogin: string };

/** Sign-in names are matched case-insensitively, so they are counted that way too. */
export function normaliseLogin(login: string): string {
  return login.trim().toLowerCase();
}

const accountKey = (account: CodeAccount) => ("userId" in account ? `user:${account.userId}` : `nouser:${account.poolId}:${normaliseLogin(account.unknownLogin)}`);
const wrongKey = (purpose: CodePurpose, account: CodeAccount) => `code-wrong:${purpose}:${accountKey(account)}`;
const sendKey = (purpose: CodePurpose, subject: string) => `code-send:${purpose}:${subject}`;

/**
 * Counts one code about to be sent, and refuses it past the hourly cap, before anything is sent:
 * per account, and for forgot password also per pool and sign-in name as typed (normalised).
 */
export async function countCodeSend(
  counters: Counters,
  options: { purpose: CodePurpose; account: CodeAccount; login?: { poolId: string; login: string } },
): Promise<void> {
  const subjects = [accountKey(options.account)];
  if (options.login) subjects.push(`name:${options.login.poolId}:${normaliseLogin(options.login.login)}`);
  let wait = 0;
  for (const subject of subjects) {
    const hit = await counters.hit(sendKey(options.purpose, subject), WINDOW_SECONDS);
    if (hit.count > CODE_LIMITS.sendsPerHour) wait = Math.max(wait, hit.resetInSeconds);
  }
  if (wait > 0) throw new AppError("LimitExceededException", "Attempt limit exceeded: too many codes were sent. Wait a while before you ask for another.", { retryAfterSeconds: wait });
}

/** Ends the user's unspent codes for `purpose`: a code sent to an address must not verify the one that replaced it. */
export async function discardCodes(db: Tx, options: { userId: string; purpose: CodePurpose }): Promise<void> {
  await consumeUnspentCodes(db, options);
}

/** Makes a new code (replacing any earlier one for the same purpose) and says when it expires. */
export async function issueCode(db: Tx, options: { userId: string; purpose: CodePurpose }): Promise<{ code: string; expiresAt: Date }> {
  const code = randomDigits(6);
  const expiresAt = new Date(Date.now() + CODE_VALIDITY_SECONDS[options.purpose] * 1000);
  await discardCodes(db, options);
  await insertCode(db, { userId: options.userId, purpose: options.purpose, codeHash: sha256(`${options.userId}:${code}`), expiresAt });
  return { code, expiresAt };
}

const tooManyWrongCodes = (wait: number) =>
  new AppError("LimitExceededException", "Too many wrong codes. Wait a while, then request a new code.", { field: "code", retryAfterSeconds: wait });
const codeUsedUp = () => new AppError("ExpiredCodeException", "That code has expired or was already used. Request a new code.", { field: "code" });

/** Refuses every try, the right code included, once the account's wrong tries this hour reach the limit. */
async function assertNotBlocked(counters: Counters, key: string): Promise<void> {
  const seen = await counters.peek(key);
  if (seen.count >= CODE_LIMITS.wrongTriesPerHour) throw tooManyWrongCodes(seen.resetInSeconds);
}

/** Counts a wrong try and gives its answer: "not right", then "too many" at either limit. */
async function countWrongTry(counters: Counters, key: string, triesOnCode: number): Promise<AppError> {
  const hit = await counters.hit(key, WINDOW_SECONDS);
  if (hit.count >= CODE_LIMITS.wrongTriesPerHour) return tooManyWrongCodes(hit.resetInSeconds);
  if (triesOnCode >= MAX_ATTEMPTS_PER_CODE) return new AppError("LimitExceededException", "Too many wrong codes. Request a new code.", { field: "code" });
  return new AppError("CodeMismatchException", "Invalid verification code provided, please try again.", { field: "code" });
}

/**
 * Checks `code` against the user's current code and returns the code's id. A wrong try is counted
 * at once, outside any transaction, so it sticks whatever the caller does next.
 */
export async function checkCode(deps: { db: Tx; counters: Counters }, options: { userId: string; purpose: CodePurpose; code: string }): Promise<string> {
  const key = wrongKey(options.purpose, { userId: options.userId });
  await assertNotBlocked(deps.counters, key);
  const current = await findCurrentCode(deps.db, options);
  if (!current || current.attempts >= MAX_ATTEMPTS_PER_CODE) throw codeUsedUp();
  if (current.expiresAt.getTime() < Date.now()) {
    throw new AppError("ExpiredCodeException", "That code has expired. Request a new code.", { field: "code" });
  }
  if (!constantTimeEqual(current.codeHash, sha256(`${options.userId}:${options.code.trim()}`))) {
    throw await countWrongTry(deps.counters, key, await incrementCodeAttempts(deps.db, current.id));
  }
  return current.id;
}

/**
 * The answer to a code tried where forgot password matched no account: what checkCode would say
 * to an account whose code has had `triesOnCode` wrong tries, counted against the name asked for
 * with the same hourly limit. Returns the error to throw and the new count of tries on the code.
 */
export async function refuseCodeWithoutAccount(
  counters: Counters,
  options: { poolId: string; login: string; purpose: CodePurpose; triesOnCode: number },
): Promise<{ error: AppError; triesOnCode: number }> {
  const key = wrongKey(options.purpose, { poolId: options.poolId, unknownLogin: options.login });
  try {
    await assertNotBlocked(counters, key);
  } catch (error) {
    return { error: error as AppError, triesOnCode: options.triesOnCode };
  }
  if (options.triesOnCode >= MAX_ATTEMPTS_PER_CODE) return { error: codeUsedUp(), triesOnCode: options.triesOnCode };
  const triesOnCode = options.triesOnCode + 1;
  return { error: await countWrongTry(counters, key, triesOnCode), triesOnCode };
}

/**
 * Spends a checked code. Call it in the transaction that applies what the code unlocks: one
 * conditional update, so two requests racing with the same code cannot both succeed.
 */
export async function spendCode(tx: Tx, codeId: string): Promise<void> {
  if (!(await spendUnspentCode(tx, codeId))) throw new AppError("ExpiredCodeException", "That code was already used. Request a new code.", { field: "code" });
}
