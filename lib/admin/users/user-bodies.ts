// The admin API's request bodies for a user (lib/admin/api/routes.ts), in a module without server
// imports, so the console's forms check their values with the same schemas.
import { z } from "zod";
import { PasswordHashInputSchema } from "../../security/password-hashes.ts";

/** A user in a path (`/users/{username}`): their username or sub. */
export const UserKeySchema = z.string().min(1).max(256);

/** Attribute name → value; an empty string removes the attribute. */
export const AttributesSchema = z.record(z.string().max(64), z.string().max(2048));

export const CreateUserBodySchema = z.strictObject({
  username: z.string().max(128).optional(),
  attributes: AttributesSchema.default({}),
  temporaryPassword: z.string().max(256).optional(),
  passwordHash: PasswordHashInputSchema.optional().describe("A hash from another system instead of a temporary password: bcrypt, argon2, Django or Keycloak PBKDF2, Firebase scrypt. The user is CONFIRMED, gets no invitation, and the hash is replaced by ours at their first sign-in"),
  groups: z.array(z.string().max(128)).max(100).default([]),
  sendInvitation: z.boolean().default(false),
}).refine((body) => !(body.temporaryPassword !== undefined && body.passwordHash !== undefined), { path: ["passwordHash"], message: "give temporaryPassword or passwordHash, not both" });

export const UpdateAttributesBodySchema = z.strictObject({ attributes: AttributesSchema });

export const SetPasswordBodySchema = z.strictObject({ password: z.string().max(256).optional(), permanent: z.boolean().default(false), notify: z.boolean().default(false) });

export const SetGroupsBodySchema = z.strictObject({ groups: z.array(z.string().max(128)).max(100) });
