// Password hashes brought from another system (a user in the config file, the admin API's create
// and import bodies, a CSV import's passwordHash column), so users move in without a reset. Each is
// recognised by its format and kept as it came (objects as a canonical string), then verified by
// its own algorithm at the user's next sign-in (verify-stored-password.ts) and replaced there by
// our argon2id hash and an SRP verifier (lib/users/verify-sign-in.ts).
//
// Formats:
// - bcrypt: "$2a$…", "$2b$…", "$2y$…".
// - argon2 with other parameters: "$argon2id$v=19$m=…,t=…,p=…$salt$hash" (also argon2i, argon2d).
// - PBKDF2 as Django writes it: "pbkdf2_sha256$<iterations>$<salt>$<base64 hash>" (and pbkdf2_sha512).
// - PBKDF2 as Keycloak exports it: { "algorithm": "pbkdf2-sha256" | "pbkdf2-sha512" | "pbkdf2",
//   "hashIterations", "salt" (base64), "value" (base64) }, or Keycloak's credential representation
//   itself ({ "secretData": "{\"value\",\"salt\"}", "credentialData": "{\"hashIterations\",\"algorithm\"}" }).
// - Firebase's modified scrypt: { "algorithm": "firebase-scrypt", "hash", "salt", "signerKey",
//   "saltSeparator", "rounds", "memCost" } (base64 values, as `firebase auth:export` and the
//   project's password hash parameters give them).
//
// Work is capped (HASH_CAPS), at import and again at verification, so a hash cannot make one
// sign-in take more than a couple of seconds of CPU (measured: each cap ≈ 1–4 s on one core).
import { z } from "zod";

const b64 = z.string().trim().min(1).max(1024).regex(/^[A-Za-z0-9+/]+={0,2}$/, "is not base64");

export const BCRYPT = /^\$2[aby]\$(0[4-9]|[12]\d|3[01])\$[./A-Za-z0-9]{53}$/;
export const ARGON2 = /^\$argon2(id|i|d)\$(v=\d+\$)?m=(\d{1,10}),t=(\d{1,10}),p=(\d{1,3})\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+$/;
export const DJANGO_PBKDF2 = /^pbkdf2_(sha256|sha512)\$(\d{1,8})\$([^$]{1,128})\$([A-Za-z0-9+/]+={0,2})$/;
/** The canonical string of a Keycloak-style PBKDF2 hash: "$pbkdf2-<digest>$i=<iterations>$<salt b64>$<hash b64>". */
export const PBKDF2_CANONICAL = /^\$pbkdf2-(sha256|sha512|sha1)\$i=(\d{1,8})\$([A-Za-z0-9+/]+={0,2})\$([A-Za-z0-9+/]+={0,2})$/;
/** The canonical string of a Firebase scrypt hash: "$firebase-scrypt$" and its parameters as JSON. */
export const FIREBASE_PREFIX = "$firebase-scrypt$";

/**
 * The most work an imported hash may ask of one sign-in. Measured on one core of the project's
 * machine: bcrypt cost 15 ≈ 2 s; argon2 m=256 MiB, t=10 ≈ 1 s (and 256 MiB of memory per sign-in
 * in progress); 6,000,000 PBKDF2 blocks ≈ 1.5 s (SHA-256) to 4 s (SHA-512); Firebase's scrypt at
 * memCost 14, rounds 8 (its default) ≈ 50 ms and 16 MiB.
 */
export const HASH_CAPS = {
  bcryptCost: 15,
  argon2MemoryKiB: 262_144,
  argon2Passes: 10,
  argon2Parallelism: 16,
  /** Iterations × output blocks (ceil(hash length / digest length)): the HMAC work PBKDF2 does. */
  pbkdf2Work: 6_000_000,
  /** Bytes of a PBKDF2 hash (Keycloak's default is 64). */
  pbkdf2HashBytes: 64,
  firebaseMemCost: 14,
  firebaseRounds: 8,
} as const;

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
  saltSeparator: z.string().trim().max(1024).regex(/^[A-Za-z0-9+/_-]*={0,2}$/, "is not base64").default("Bw=="),
  rounds: z.number().int().min(1),
  memCost: z.number().int().min(1),
});
export type FirebaseScrypt = z.infer<typeof FirebaseScryptSchema>;

const STRING_FORMATS = "bcrypt ($2a$/$2b$/$2y$), argon2 ($argon2id$…), or Django PBKDF2 (pbkdf2_sha256$…)";

const keycloakCanonical = (k: z.infer<typeof KeycloakPbkdf2>) =>
  `$pbkdf2-${k.algorithm === "pbkdf2" ? "sha1" : k.algorithm.slice("pbkdf2-".length)}$i=${k.hashIterations}$${k.salt}$${k.value}`;

/**
 * What `passwordHash` may be, wherever a user is brought in: a string in one of the string formats,
 * or an object (Keycloak PBKDF2, Firebase scrypt). Parses to the string stored in User.passwordHash;
 * a hash over HASH_CAPS is refused with the parameter named.
 */
export const PasswordHashInputSchema = z.union([
  z.string().trim().refine((s) => BCRYPT.test(s) || ARGON2.test(s) || DJANGO_PBKDF2.test(s) || PBKDF2_CANONICAL.test(s), { error: `is not a recognised password hash: ${STRING_FORMATS}`, abort: true }),
  KeycloakPbkdf2.transform(keycloakCanonical),
  KeycloakCredential.transform(keycloakCanonical),
  FirebaseScryptSchema.transform((f) => `${FIREBASE_PREFIX}${JSON.stringify(f)}`),
], { error: `passwordHash is not a recognised password hash: ${STRING_FORMATS}, a Keycloak PBKDF2 credential, or a Firebase scrypt object` })
  .superRefine((stored, ctx) => {
    const read = readStoredHash(stored);
    const problem = read ? capProblem(read) : "is not a recognised password hash";
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

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

export type HashFormat = "argon2" | "bcrypt" | "django-pbkdf2" | "pbkdf2" | "firebase-scrypt";

/** A stored User.passwordHash read into its algorithm and parameters. */
export type StoredHash =
  | { format: "argon2"; text: string; variant: "argon2id" | "argon2i" | "argon2d"; memoryKiB: number; passes: number; parallelism: number }
  | { format: "bcrypt"; text: string; cost: number }
  | { format: "django-pbkdf2" | "pbkdf2"; digest: "sha1" | "sha256" | "sha512"; iterations: number; salt: { text: string; encoding: "utf8" | "base64" }; hashBase64: string }
  | { format: "firebase-scrypt"; params: FirebaseScrypt };

/** Reads a stored hash by its format; null for anything else (which never verifies). */
export function readStoredHash(stored: string): StoredHash | null {
  let m: RegExpExecArray | null;
  if ((m = ARGON2.exec(stored)))
    return { format: "argon2", text: stored, variant: `argon2${m[1]}` as "argon2id", memoryKiB: Number(m[3]), passes: Number(m[4]), parallelism: Number(m[5]) };
  if ((m = BCRYPT.exec(stored))) return { format: "bcrypt", text: stored, cost: Number(m[1]) };
  // Django hashes the salt as the text it is; Keycloak's salt is base64 of random bytes.
  if ((m = DJANGO_PBKDF2.exec(stored)))
    return { format: "django-pbkdf2", digest: m[1] as "sha256", iterations: Number(m[2]), salt: { text: m[3]!, encoding: "utf8" }, hashBase64: m[4]! };
  if ((m = PBKDF2_CANONICAL.exec(stored)))
    return { format: "pbkdf2", digest: m[1] as "sha256", iterations: Number(m[2]), salt: { text: m[3]!, encoding: "base64" }, hashBase64: m[4]! };
  if (stored.startsWith(FIREBASE_PREFIX)) {
    try {
      const params = FirebaseScryptSchema.safeParse(JSON.parse(stored.slice(FIREBASE_PREFIX.length)));
      return params.success ? { format: "firebase-scrypt", params: params.data } : null;
    } catch {
      return null;
    }
  }
  return null;
}

const DIGEST_BYTES = { sha1: 20, sha256: 32, sha512: 64 } as const;

/** How many bytes base64 text decodes to (without Buffer: the console's client bundles import this file through the config schema). */
export function base64Bytes(text: string): number {
  const body = text.replace(/=+$/, "");
  return Math.floor((body.length * 3) / 4);
}

/** What is over HASH_CAPS in a stored hash, worded for the importer; null when within them. */
export function capProblem(hash: StoredHash): string | null {
  const caps = HASH_CAPS;
  switch (hash.format) {
    case "bcrypt":
      return hash.cost > caps.bcryptCost ? `bcrypt cost ${hash.cost} is over the cap of ${caps.bcryptCost}` : null;
    case "argon2":
      if (hash.memoryKiB > caps.argon2MemoryKiB) return `argon2 memory m=${hash.memoryKiB} KiB is over the cap of ${caps.argon2MemoryKiB} (256 MiB)`;
      if (hash.passes > caps.argon2Passes) return `argon2 passes t=${hash.passes} is over the cap of ${caps.argon2Passes}`;
      if (hash.parallelism > caps.argon2Parallelism) return `argon2 parallelism p=${hash.parallelism} is over the cap of ${caps.argon2Parallelism}`;
      return null;
    case "django-pbkdf2":
    case "pbkdf2": {
      const bytes = base64Bytes(hash.hashBase64);
      if (bytes === 0) return "PBKDF2 hash must not be empty";
      if (bytes > caps.pbkdf2HashBytes) return `PBKDF2 hash of ${bytes} bytes is over the cap of ${caps.pbkdf2HashBytes}`;
      const work = hash.iterations * Math.ceil(bytes / DIGEST_BYTES[hash.digest]);
      return work > caps.pbkdf2Work ? `PBKDF2 work (${hash.iterations} iterations × output blocks) is over the cap of ${caps.pbkdf2Work.toLocaleString("en")}` : null;
    }
    case "firebase-scrypt":
      if (hash.params.memCost > caps.firebaseMemCost) return `Firebase scrypt memCost ${hash.params.memCost} is over the cap of ${caps.firebaseMemCost}`;
      return hash.params.rounds > caps.firebaseRounds ? `Firebase scrypt rounds ${hash.params.rounds} is over the cap of ${caps.firebaseRounds}` : null;
  }
}
