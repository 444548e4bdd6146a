// Password hashes brought from another system (a user in the config file, the admin API's create
// and import bodies, a CSV import's passwordHash column), so users move in without a reset. Each is
// recognised by its format and kept as it came (objects as a canonical string), then verified by
// its own algorithm at the user's next sign-in and replaced there by our argon2id hash and an SRP
// verifier (lib/users/verify-sign-in.ts).
//
// Formats:
// - bcrypt: "$2a$…", "$2b$…", "$2y$…" (cost 4–31).
// - argon2 with any parameters: "$argon2id$v=19$m=…,t=…,p=…$salt$hash" (also argon2i, argon2d).
// - PBKDF2 as Django writes it: "pbkdf2_sha256$<iterations>$<salt>$<base64 hash>" (and pbkdf2_sha512).
// - PBKDF2 as Keycloak exports it: { "algorithm": "pbkdf2-sha256" | "pbkdf2-sha512" | "pbkdf2",
//   "hashIterations", "salt" (base64), "value" (base64) }, or Keycloak's credential representation
//   itself ({ "secretData": "{\"value\",\"salt\"}", "credentialData": "{\"hashIterations\",\"algorithm\"}" }).
// - Firebase's modified scrypt: { "algorithm": "firebase-scrypt", "hash", "salt", "signerKey",
//   "saltSeparator", "rounds", "memCost" } (base64 values, as `firebase auth:export` and the
//   project's password hash parameters give them).
import { z } from "zod";

const b64 = z.string().trim().min(1).regex(/^[A-Za-z0-9+/_-]+={0,2}$/, "is not base64");

export const BCRYPT = /^\$2[aby]\$(0[4-9]|[12]\d|3[01])\$[./A-Za-z0-9]{53}$/;
export const ARGON2 = /^\$argon2(id|i|d)\$(v=\d+\$)?m=\d+,t=\d+,p=\d+\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+$/;
export const DJANGO_PBKDF2 = /^pbkdf2_(sha256|sha512)\$(\d{1,8})\$([^$]{1,128})\$([A-Za-z0-9+/]+={0,2})$/;
/** The canonical string of a Keycloak-style PBKDF2 hash: "$pbkdf2-<digest>$i=<iterations>$<salt b64>$<hash b64>". */
export const PBKDF2_CANONICAL = /^\$pbkdf2-(sha256|sha512|sha1)\$i=(\d{1,8})\$([A-Za-z0-9+/]+={0,2})\$([A-Za-z0-9+/]+={0,2})$/;
/** The canonical string of a Firebase scrypt hash: "$firebase-scrypt$" and its parameters as JSON. */
export const FIREBASE_PREFIX = "$firebase-scrypt$";

const KeycloakPbkdf2 = z.strictObject({
  algorithm: z.enum(["pbkdf2-sha256", "pbkdf2-sha512", "pbkdf2"]),
  hashIterations: z.number().int().min(1).max(10_000_000),
  salt: b64,
  value: b64,
});

const KeycloakCredential = z.object({
  type: z.literal("password").optional(),
  secretData: z.string(),
  credentialData: z.string(),
}).transform((credential, ctx) => {
  try {
    const secret = JSON.parse(credential.secretData) as { value?: unknown; salt?: unknown };
    const data = JSON.parse(credential.credentialData) as { hashIterations?: unknown; algorithm?: unknown };
    return KeycloakPbkdf2.parse({ algorithm: data.algorithm, hashIterations: data.hashIterations, salt: secret.salt, value: secret.value });
  } catch {
    ctx.addIssue({ code: "custom", message: "is not a Keycloak PBKDF2 password credential (secretData value and salt, credentialData hashIterations and algorithm)" });
    return z.NEVER;
  }
});

export const FirebaseScryptSchema = z.strictObject({
  algorithm: z.literal("firebase-scrypt"),
  hash: b64,
  salt: b64,
  signerKey: b64,
  saltSeparator: z.string().trim().regex(/^[A-Za-z0-9+/_-]*={0,2}$/, "is not base64").default("Bw=="),
  rounds: z.number().int().min(1).max(8),
  memCost: z.number().int().min(1).max(14),
});
export type FirebaseScrypt = z.infer<typeof FirebaseScryptSchema>;

const STRING_FORMATS = "bcrypt ($2a$/$2b$/$2y$), argon2 ($argon2id$…), or Django PBKDF2 (pbkdf2_sha256$…)";

/**
 * What `passwordHash` may be, wherever a user is brought in: a string in one of the string formats,
 * or an object (Keycloak PBKDF2, Firebase scrypt). Parses to the string stored in User.passwordHash.
 */
export const PasswordHashInputSchema = z.union([
  z.string().trim().refine((s) => BCRYPT.test(s) || ARGON2.test(s) || DJANGO_PBKDF2.test(s) || PBKDF2_CANONICAL.test(s), `is not a recognised password hash: ${STRING_FORMATS}`),
  KeycloakPbkdf2.transform((k) => `$pbkdf2-${k.algorithm === "pbkdf2" ? "sha1" : k.algorithm.slice("pbkdf2-".length)}$i=${k.hashIterations}$${k.salt}$${k.value}`),
  KeycloakCredential.transform((k) => `$pbkdf2-${k.algorithm === "pbkdf2" ? "sha1" : k.algorithm.slice("pbkdf2-".length)}$i=${k.hashIterations}$${k.salt}$${k.value}`),
  FirebaseScryptSchema.transform((f) => `${FIREBASE_PREFIX}${JSON.stringify(f)}`),
], { error: `passwordHash is not a recognised password hash: ${STRING_FORMATS}, a Keycloak PBKDF2 credential, or a Firebase scrypt object` });

/** A CSV cell (or any text) holding a passwordHash: the string itself, or JSON text of an object format. */
export function parsePasswordHashText(text: string): z.ZodSafeParseResult<string> {
  const trimmed = text.trim();
  if (trimmed.startsWith("{")) {
    try {
      return PasswordHashInputSchema.safeParse(JSON.parse(trimmed));
    } catch {
      return PasswordHashInputSchema.safeParse(trimmed);
    }
  }
  return PasswordHashInputSchema.safeParse(trimmed);
}

export type HashFormat = "argon2id-current" | "argon2" | "bcrypt" | "django-pbkdf2" | "pbkdf2" | "firebase-scrypt";
