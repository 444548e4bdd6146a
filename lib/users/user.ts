import type { Prisma } from "../../generated/prisma/client.ts";
import type { Pool } from "../pools/pool.ts";

export type UserStatus = "UNCONFIRMED" | "CONFIRMED" | "FORCE_CHANGE_PASSWORD" | "RESET_REQUIRED" | "EXTERNAL_PROVIDER";

export type UserRow = Prisma.UserGetPayload<object>;

/** Every attribute of a user as Cognito reports them: strings, `sub` first. */
export function userAttributes(user: UserRow): Record<string, string> {
  const out: Record<string, string> = { sub: user.id };
  if (user.email) {
    out.email = user.email;
    out.email_verified = String(user.emailVerified);
  }
  if (user.phoneNumber) {
    out.phone_number = user.phoneNumber;
    out.phone_number_verified = String(user.phoneVerified);
  }
  for (const [name, value] of Object.entries(user.attributes as Record<string, string>)) out[name] = value;
  return out;
}

/** Where to send a code: the verified-or-not email, else the phone. */
export function deliveryAddress(user: Pick<UserRow, "email" | "phoneNumber">): string | null {
  return user.email ?? user.phoneNumber ?? null;
}

/** Where a confirmation code goes, or null when the pool does not verify the user's address. */
export function codeDestination(pool: Pick<Pool, "autoVerifiedAttributes">, user: Pick<UserRow, "email" | "phoneNumber">): string | null {
  const destination = deliveryAddress(user);
  const verifiable = pool.autoVerifiedAttributes.includes(user.email ? "email" : "phone_number");
  return destination && verifiable ? destination : null;
}

/** a***@e*** — shown when we tell a user where we sent a code. */
export function maskDestination(destination: string): string {
  const at = destination.indexOf("@");
  if (at > 0) {
    const [local, domain] = [destination.slice(0, at), destination.slice(at + 1)];
    return `${local[0]}***@${domain[0]}***`;
  }
  return `+*******${destination.slice(-4)}`;
}
