// Input validation for every operation, worded as AWS words it: a value of the wrong JSON type
// is SerializationException (the service could not read it), a missing or out-of-bounds one is
// InvalidParameterException ("1 validation error detected: Value … at '…' failed to satisfy
// constraint: …"). Field constraints follow Cognito's API reference.
import { z } from "zod";
import { AppError } from "../errors.ts";

// Cognito's own ids are [\w+]+; Gatehouse's may also hold "." and "-" (lib/pools/config-schema.ts).
export const ClientId = z.string().min(1).max(128).regex(/^[\w+.-]+$/, "Member must satisfy regular expression pattern: [\\w+.-]+");
export const Username = z.string().min(1).max(128).regex(/^[\p{L}\p{M}\p{S}\p{N}\p{P}]+$/u, "Member must satisfy regular expression pattern: [\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+");
export const Password = z.string().min(1).max(256);
export const Code = z.string().min(1).max(2048).regex(/^\S+$/, "Member must satisfy regular expression pattern: [\\S]+");
export const Session = z.string().min(20).max(2048);
export const SecretHash = z.string().min(1).max(128);
export const Token = z.string().min(1).max(16384);
export const AttributeList = z.array(z.object({ Name: z.string().min(1).max(32), Value: z.string().max(2048).optional() })).max(100);
// A null value is taken as absent, as Cognito takes it: amazon-cognito-identity-js sends
// AuthParameters.DEVICE_KEY: null on every refresh by a client that remembers no device.
export const StringMap = z
  .record(z.string(), z.string().max(131072).nullable())
  .transform((map) => Object.fromEntries(Object.entries(map).filter((entry): entry is [string, string] => entry[1] !== null)));

const camel = (path: PropertyKey[]) => path.map((p) => (typeof p === "string" ? p.charAt(0).toLowerCase() + p.slice(1) : String(p))).join(".");

function constraintOf(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case "invalid_type": return "Member must not be null";
    case "too_small": return issue.origin === "array" ? `Member must have length greater than or equal to ${issue.minimum}` : `Member must have length greater than or equal to ${issue.minimum}`;
    case "too_big": return `Member must have length less than or equal to ${issue.maximum}`;
    case "invalid_value": return `Member must satisfy enum value set: [${issue.values.join(", ")}]`;
    default: return issue.message;
  }
}

function valueAt(input: unknown, path: PropertyKey[]): unknown {
  let value = input;
  for (const key of path) value = value && typeof value === "object" ? (value as Record<PropertyKey, unknown>)[key] : undefined;
  return value;
}

/** Parses an operation's input with its schema, answering as AWS does. */
export function parseInput<T>(schema: z.ZodType<T>, input: unknown): T {
  if (!input || typeof input !== "object" || Array.isArray(input)) throw new AppError("SerializationException", "Start of structure or map expected.");
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues;
  const wrongType = issues.find((i) => i.code === "invalid_type" && valueAt(input, i.path) !== undefined && valueAt(input, i.path) !== null);
  if (wrongType) {
    throw new AppError("SerializationException", `Value of '${camel(wrongType.path)}' is not of the expected type (${(wrongType as { expected: string }).expected}).`);
  }
  const described = issues.slice(0, 5).map((i) => {
    const value = valueAt(input, i.path);
    // eslint-disable-next-line @typescript-eslint/no-base-to-string -- any JSON value, shown as String() shows it (Cognito's messages show the value as given)
    const shown = value === undefined || value === null ? "null" : typeof value === "string" && /password|secret|code|token|session/i.test(String(i.path.at(-1))) ? "'***'" : `'${String(value).slice(0, 64)}'`;
    return `Value ${shown === "null" ? "null" : shown} at '${camel(i.path)}' failed to satisfy constraint: ${constraintOf(i)}`;
  });
  throw new AppError("InvalidParameterException", `${issues.length} validation error${issues.length === 1 ? "" : "s"} detected: ${described.join("; ")}`);
}
