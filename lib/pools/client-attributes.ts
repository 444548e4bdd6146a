// Which user attributes an app client may read and write (Cognito's ReadAttributes and
// WriteAttributes). A null list is the default, as in Cognito when none is given: a client
// reads every attribute the pool has (custom ones added later too) and writes the standard ones
// it may read, never custom:* — those an operator hands out one by one. Writing implies reading.
// Admin APIs are not limited by these.
import { z } from "zod";
import { AppError } from "../errors.ts";
import { isStandardAttribute, type CustomAttribute } from "./attributes.ts";

/** Set when an address is verified (or by an administrator): readable, never written by a client. */
export const VERIFIED_FLAGS = ["email_verified", "phone_number_verified"] as const;

export type AttributePermissions = { readAttributes: string[] | null; writeAttributes: string[] | null };

export const DEFAULT_PERMISSIONS: AttributePermissions = { readAttributes: null, writeAttributes: null };

/** A user attribute as a client sees it: standard, a verified flag, or custom:*. `sub` is not one: it is always there. */
export function isAttributeName(name: string): boolean {
  return isStandardAttribute(name) || (VERIFIED_FLAGS as readonly string[]).includes(name) || name.startsWith("custom:");
}

const AttributeName = z.string().refine(
  (name) => isStandardAttribute(name) || (VERIFIED_FLAGS as readonly string[]).includes(name) || /^custom:[A-Za-z0-9_]{1,20}$/.test(name),
  {
    error: (issue) =>
      `unknown attribute "${String(issue.input)}": use a standard attribute, email_verified, phone_number_verified or custom:<name>${issue.input === "sub" ? " (sub is always readable)" : ""}`,
  },
);

const list = (what: string) =>
  z.array(AttributeName).max(100).nullable().default(null).describe(`Attributes the client may ${what}; null for the default (${
    what === "read" ? "every attribute of the pool, custom ones included" : "the standard attributes the client may read, no custom:*"
  }).`);
export const ReadAttributesSchema = list("read");
export const WriteAttributesSchema = list("write");

export function canRead(client: Pick<AttributePermissions, "readAttributes">, name: string): boolean {
  return client.readAttributes === null || client.readAttributes.includes(name);
}

export function canWrite(client: AttributePermissions, name: string): boolean {
  return client.writeAttributes === null ? isStandardAttribute(name) && canRead(client, name) : client.writeAttributes.includes(name);
}

/** Refuses, rather than drops, an attribute the client may not write, as Cognito does. */
export function assertClientMayWrite(client: AttributePermissions, names: Iterable<string>): void {
  for (const name of names) {
    if (!canWrite(client, name)) throw new AppError("NotAuthorizedException", `A client attempted to write unauthorized attribute: ${name}.`, { field: name });
  }
}

/** Claims without the attributes the client may not read; sub and Cognito's own claims stay. */
export function readableClaims<T>(client: Pick<AttributePermissions, "readAttributes">, claims: Record<string, T>): Record<string, T> {
  if (client.readAttributes === null) return claims;
  return Object.fromEntries(Object.entries(claims).filter(([name]) => !isAttributeName(name) || canRead(client, name)));
}

type PoolAttributes = { customAttributes: readonly CustomAttribute[]; requiredAttributes: readonly string[] };

/** The rules between a client's lists and its pool, as Cognito has them; paths as in the config file. */
export function attributePermissionIssues(client: AttributePermissions, pool: PoolAttributes): { path: (string | number)[]; message: string }[] {
  const issues: { path: (string | number)[]; message: string }[] = [];
  const defined = new Set(pool.customAttributes.map((a) => `custom:${a.name}`));
  const undefinedCustom = (key: "readAttributes" | "writeAttributes") =>
    client[key]?.forEach((name, i) => {
      if (name.startsWith("custom:") && !defined.has(name)) {
        const known = defined.size ? `its custom attributes are ${[...defined].join(", ")}` : "it has no custom attributes";
        issues.push({ path: [key, i], message: `${name} is not an attribute of this pool (${known})` });
      }
    });
  undefinedCustom("readAttributes");
  undefinedCustom("writeAttributes");
  client.writeAttributes?.forEach((name, i) => {
    if ((VERIFIED_FLAGS as readonly string[]).includes(name)) {
      issues.push({ path: ["writeAttributes", i], message: `${name} can only be read: it is set when the user verifies the address, or by an administrator` });
    } else if (!canRead(client, name)) {
      issues.push({ path: ["writeAttributes", i], message: `${name} is writable, so it must be readable too: add it to readAttributes` });
    }
  });
  for (const required of pool.requiredAttributes) {
    if (!canWrite(client, required)) issues.push({ path: ["writeAttributes"], message: `${required} is required in this pool, so the client must be able to read and write it (sign-up needs it)` });
  }
  return issues;
}
