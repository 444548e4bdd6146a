// Checks attributes given at sign-up or by an admin against the pool's schema.
import { z } from "zod";
import { AppError } from "../errors.ts";
import { isStandardAttribute, ATTRIBUTE_LABELS, type StandardAttribute } from "../pools/attributes.ts";
import type { Pool } from "../pools/pool.ts";

const EMAIL = z.email();
export const E164 = /^\+[1-9]\d{6,14}$/;

export type SplitAttributes = {
  email: string | null;
  phoneNumber: string | null;
  emailVerified: boolean;
  phoneVerified: boolean;
  other: Record<string, string>;
};

export function validateAttributes(pool: Pool, input: Record<string, string>, options: { enforceRequired: boolean }): SplitAttributes {
  const other: Record<string, string> = {};
  let email: string | null = null;
  let phoneNumber: string | null = null;
  let emailVerified = false;
  let phoneVerified = false;
  for (const [name, raw] of Object.entries(input)) {
    const value = raw.trim();
    if (name === "sub") throw new AppError("InvalidParameterException", "sub cannot be set.", { field: name });
    if (name === "email") {
      if (value === "") continue;
      if (!EMAIL.safeParse(value).success) throw new AppError("InvalidParameterException", "Enter a valid email address.", { field: name });
      email = value;
    } else if (name === "phone_number") {
      if (value === "") continue;
      if (!E164.test(value)) throw new AppError("InvalidParameterException", "Enter a phone number in international format, like +14155550123.", { field: name });
      phoneNumber = value;
    } else if (name === "email_verified") {
      emailVerified = value === "true";
    } else if (name === "phone_number_verified") {
      phoneVerified = value === "true";
    } else if (name.startsWith("custom:")) {
      const def = pool.customAttributes.find((a) => `custom:${a.name}` === name);
      if (!def) throw new AppError("InvalidParameterException", `Attribute ${name} is not defined in this user pool.`, { field: name });
      if (def.type === "Number" && value !== "" && !Number.isFinite(Number(value)))
        throw new AppError("InvalidParameterException", `${name} must be a number.`, { field: name });
      if (def.type === "Boolean" && value !== "" && value !== "true" && value !== "false")
        throw new AppError("InvalidParameterException", `${name} must be true or false.`, { field: name });
      if (value.length > 2048) throw new AppError("InvalidParameterException", `${name} is too long.`, { field: name });
      if (value !== "") other[name] = value;
    } else if (isStandardAttribute(name)) {
      if (value.length > 2048) throw new AppError("InvalidParameterException", `${name} is too long.`, { field: name });
      if (value !== "") other[name] = value;
    } else {
      throw new AppError("InvalidParameterException", `Attribute ${name} is not a standard or custom attribute.`, { field: name });
    }
  }
  if (options.enforceRequired) {
    for (const required of pool.requiredAttributes) {
      const present = required === "email" ? email : required === "phone_number" ? phoneNumber : other[required];
      if (!present) {
        const label = ATTRIBUTE_LABELS[required as StandardAttribute] ?? required;
        throw new AppError("InvalidParameterException", `${label} is required.`, { field: required });
      }
    }
  }
  return { email, phoneNumber, emailVerified, phoneVerified, other };
}
