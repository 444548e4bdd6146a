// The server side of Cognito's SRP (USER_SRP_AUTH → PASSWORD_VERIFIER), byte for byte as
// amazon-cognito-identity-js and Amplify compute the client side (AuthenticationHelper.js,
// CognitoUser.authenticateUserDefaultAuth):
//   N, g = RFC 5054's 3072-bit group (the same prime as RFC 3526 group 15), g = 2; H = SHA-256
//   PAD(n) = Java's BigInteger.toByteArray() in hex: even length, "00" prepended when the top bit is set
//   k = H(PAD(N) | PAD(g))                  u = H(PAD(A) | PAD(B))
//   x = H(PAD(salt) | H(poolName | username | ":" | password)),  poolName = pool id after the "_"
//   v = g^x            B = k·v + g^b         S = (A · v^u)^b
//   key = HKDF-SHA256(ikm = PAD(S), salt = PAD(u), info = "Caldera Derived Key", 16 bytes)
//   PASSWORD_CLAIM_SIGNATURE = base64(HMAC-SHA256(key, poolName | USER_ID_FOR_SRP | SECRET_BLOCK bytes | TIMESTAMP))
//
// A verifier is a password equivalent for an attacker with a database dump: testing a guess costs
// two SHA-256 and one modular exponentiation instead of an argon2 run. Store `salt` and
// `verifier` only encrypted with `secrets.encrypt` (lib/security/secrets.ts), like TOTP seeds.
//
// The modular exponentiations run in OpenSSL through node's Diffie-Hellman object (setPrivateKey
// sets the exponent; generateKeys computes g^e, computeSecret computes y^e): a sign-in costs
// about 2.75 ms of CPU (~360 per second per core) against ~16 ms with BigInt square-and-multiply
// (bench/results/srp.md). BigInt does only the cheap multiplications and additions mod N.
//
// What this module does not do, and its caller (the sign-in engine) must:
// - keep { A, b, B, secretBlock } on the server for the challenge's Session and use it once:
//   delete it before calling verifyClaim, so a claim cannot be replayed against the same state;
// - give an unknown user a decoy (createDecoyVerifier) so the challenge looks like a real one;
// - answer every refusal with the same NotAuthorizedException, and count it for lockout.
import { createDiffieHellman, createHash, createHmac, getDiffieHellman, hkdfSync, randomBytes as nodeRandomBytes } from "node:crypto";
import { constantTimeEqual } from "./secrets.ts";

const N_HEX = getDiffieHellman("modp15").getPrime("hex");
export const N = BigInt(`0x${N_HEX}`);
export const g = 2n;
const N_BYTES = 384;

/** Cognito's padHex: the hex of Java's BigInteger.toByteArray() for a non-negative integer. */
export function padHex(n: bigint): string {
  let hex = n.toString(16);
  if (hex.length % 2 === 1) hex = `0${hex}`;
  return /^[89a-f]/.test(hex) ? `00${hex}` : hex;
}

const hexHash = (hex: string): string => createHash("sha256").update(Buffer.from(hex, "hex")).digest("hex");
const toBig = (hex: string): bigint => BigInt(`0x${hex}`);
const fixedBytes = (n: bigint): Buffer => Buffer.from(n.toString(16).padStart(N_BYTES * 2, "0"), "hex");

export const k = toBig(hexHash(padHex(N) + padHex(g)));

// One Diffie-Hellman object serves every call: the calls are synchronous, so they never interleave.
// It is made on first use, not at load: making it checks the prime (≈2 s of CPU), which every
// process and every Next.js route bundle that merely imports this module would otherwise pay.
let group: ReturnType<typeof createDiffieHellman> | undefined;
const dhGroup = () => (group ??= createDiffieHellman(Buffer.from(N_HEX, "hex"), Buffer.from([Number(g)])));

/** g^exponent mod N in OpenSSL. */
export function powG(exponent: Buffer): bigint {
  const dh = dhGroup();
  dh.setPrivateKey(exponent);
  // setPrivateKey leaves the public key stale; generateKeys derives it from the private key set.
  dh.generateKeys();
  return toBig(dh.getPublicKey("hex"));
}

/**
 * base^exponent mod N in OpenSSL, for 0 ≤ base < N; null for the bases OpenSSL refuses as a peer
 * key (0, 1, N-1), whose powers are 0 or ±1 and would make a predictable secret.
 */
export function pow(base: bigint, exponent: Buffer): bigint | null {
  const dh = dhGroup();
  dh.setPrivateKey(exponent);
  try {
    return toBig(dh.computeSecret(fixedBytes(base)).toString("hex"));
  } catch {
    return null;
  }
}

/** The pool's name in Cognito's sense: what CognitoUserPool.getUserPoolName() returns. */
export function poolNameOf(poolId: string): string {
  const name = poolId.split("_")[1];
  if (!name) throw new Error(`not a user pool id: ${poolId}`);
  return name;
}

/**
 * The name hashed with the user's: the pool's name, or for a remembered device (DEVICE_SRP_AUTH) its
 * DeviceGroupKey, whose "username" is the DeviceKey (amazon-cognito-identity-js's getDeviceResponse).
 */
const realmOf = (options: { poolId: string; poolName?: string | undefined }) => options.poolName ?? poolNameOf(options.poolId);

function computeX(options: { poolId: string; poolName?: string | undefined; username: string; password: string; salt: string }): Buffer {
  const inner = createHash("sha256").update(`${realmOf(options)}${options.username}:${options.password}`, "utf8").digest("hex");
  return Buffer.from(hexHash(padHex(toBig(options.salt)) + inner), "hex");
}

export type SrpVerifier = {
  /** Hex, as sent in SALT: Cognito's padHex of 16 random bytes read as a positive integer. */
  salt: string;
  /** Hex, 768 digits (384 bytes, zero-padded so every verifier has the same length). */
  verifier: string;
};

/**
 * The salt and verifier to store when a password is set. `username` must be what the challenge
 * will send as USER_ID_FOR_SRP (the user's username, never an alias): the client hashes that name.
 * `salt` is for known-answer tests; leave it out.
 */
export function createVerifier(options: { poolId: string; poolName?: string; username: string; password: string; salt?: string }): SrpVerifier {
  const salt = options.salt ?? padHex(toBig(nodeRandomBytes(16).toString("hex")));
  if (!/^[0-9a-f]{1,64}$/i.test(salt)) throw new Error("salt must be hex");
  const v = powG(computeX({ ...options, salt }));
  return { salt, verifier: v.toString(16).padStart(N_BYTES * 2, "0") };
}

/**
 * A salt and verifier for a user that does not exist, stable per (pool, username) so that asking
 * twice gives the same SALT, as it would for a real user. The verifier is a square mod N, as every
 * real one is (g = 2 is a square mod this N), and costs no exponentiation, so the challenge takes
 * the same time. `key` is a server secret (secrets.derive("srp-decoy/v1")).
 */
export function createDecoyVerifier(options: { poolId: string; username: string; key: string }): SrpVerifier {
  const seed = `${options.poolId}\u0000${options.username}`;
  const salt = padHex(toBig(createHmac("sha256", options.key).update(`salt\u0000${seed}`).digest().subarray(0, 16).toString("hex")));
  const root = toBig(Buffer.from(hkdfSync("sha256", options.key, seed, "srp-decoy-verifier", N_BYTES + 32)).toString("hex")) % N;
  return { salt, verifier: ((root * root) % N).toString(16).padStart(N_BYTES * 2, "0") };
}

export type ServerSession = {
  /** Hex, the server's secret exponent: keep it on the server with the challenge's Session. */
  b: string;
  /** Hex (padHex), sent as SRP_B. */
  B: string;
  /** Base64, sent as SECRET_BLOCK and signed by the client; random, since our state stays on the server. */
  secretBlock: string;
};

/**
 * Starts a PASSWORD_VERIFIER challenge: B = k·v + g^b mod N with a fresh 256-bit b (RFC 5054's
 * minimum; Cognito's clients use 1024-bit a). Works for any verifier, a decoy's included.
 * `randomBytes` is for known-answer tests.
 */
export function startServerSession(options: { verifier: string; randomBytes?: (size: number) => Buffer }): ServerSession {
  const random = options.randomBytes ?? nodeRandomBytes;
  const v = toBig(options.verifier);
  for (;;) {
    const b = random(32);
    const B = (k * v + powG(b)) % N;
    // The client refuses B ≡ 0 (mod N); redraw b in that (2^-3000) case.
    if (B !== 0n) return { b: b.toString("hex"), B: padHex(B), secretBlock: random(64).toString("base64") };
  }
}

const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const TIMESTAMP = /^(Sun|Mon|Tue|Wed|Thu|Fri|Sat) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) ([1-9]|[12][0-9]|3[01]) ([01][0-9]|2[0-3]):([0-5][0-9]):([0-5][0-9]) UTC ([0-9]{4})$/;

/** A time as Cognito's clients write TIMESTAMP: `ddd MMM D HH:mm:ss UTC YYYY`, day not zero-padded. */
export function formatTimestamp(date: Date): string {
  const two = (n: number) => String(n).padStart(2, "0");
  return `${WEEKDAYS[date.getUTCDay()]} ${MONTHS[date.getUTCMonth()]} ${date.getUTCDate()} ${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())} UTC ${date.getUTCFullYear()}`;
}

/**
 * Reads a TIMESTAMP strictly, as Cognito does: a zero-padded day ("Nov 05"), a weekday that does
 * not match the date, or a date that does not exist ("Feb 30") is refused (null).
 */
export function parseTimestamp(value: string): Date | null {
  const m = TIMESTAMP.exec(value);
  if (!m) return null;
  const date = new Date(Date.UTC(Number(m[7]), MONTHS.indexOf(m[2]!), Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6])));
  return formatTimestamp(date) === value ? date : null;
}

/** How far TIMESTAMP may be from the server's clock. AWS does not document Cognito's window;
 * clients report failures once their clock is more than 5 minutes off, as with SigV4's skew. */
export const MAX_TIMESTAMP_SKEW_MS = 5 * 60_000;

/** SRP_A as the client sends it: hex of 1 ≤ A mod N, not longer than N (with a little slack for padding). */
export function isValidClientPublic(A: string): boolean {
  return /^[0-9a-f]{1,772}$/i.test(A) && toBig(A) % N !== 0n;
}

/**
 * Checks a PASSWORD_VERIFIER answer. `A`, `b`, `B`, `secretBlock` are the challenge's server-side
 * state; `claimedSecretBlock`, `timestamp` and `signature` are the client's PASSWORD_CLAIM_SECRET_BLOCK,
 * TIMESTAMP and PASSWORD_CLAIM_SIGNATURE; `userIdForSrp` is the USER_ID_FOR_SRP the challenge sent.
 * Refuses A ≡ 0 (mod N) (which would make S = 0 whatever the password), u = 0, a secret block
 * other than the one issued, a malformed TIMESTAMP or one more than `maxSkewMs` from `now`, and
 * a wrong signature (compared in constant time).
 */
export function verifyClaim(options: {
  poolId: string;
  /** A device's DeviceGroupKey in place of the pool's name (DEVICE_PASSWORD_VERIFIER). */
  poolName?: string;
  userIdForSrp: string;
  salt: string;
  verifier: string;
  A: string;
  b: string;
  B: string;
  secretBlock: string;
  claimedSecretBlock: string;
  timestamp: string;
  signature: string;
  now?: Date;
  maxSkewMs?: number;
}): boolean {
  const at = parseTimestamp(options.timestamp);
  const now = options.now ?? new Date();
  if (!at || Math.abs(at.getTime() - now.getTime()) > (options.maxSkewMs ?? MAX_TIMESTAMP_SKEW_MS)) return false;
  if (!constantTimeEqual(options.claimedSecretBlock, options.secretBlock)) return false;
  if (!isValidClientPublic(options.A) || !/^[0-9a-f]+$/i.test(options.B)) return false;

  const A = toBig(options.A);
  const uHex = hexHash(padHex(A) + padHex(toBig(options.B)));
  const u = toBig(uHex);
  if (u === 0n) return false;

  const b = Buffer.from(options.b, "hex");
  const vu = pow(toBig(options.verifier), Buffer.from(uHex, "hex"));
  if (vu === null) return false;
  const S = pow(((A % N) * vu) % N, b);
  // OpenSSL refuses A·v^u ≡ ±1 as a base: S would be ±1, which an attacker could predict.
  if (S === null) return false;

  const key = Buffer.from(hkdfSync("sha256", Buffer.from(padHex(S), "hex"), Buffer.from(padHex(u), "hex"), "Caldera Derived Key", 16));
  const expected = createHmac("sha256", key)
    .update(Buffer.from(realmOf(options), "utf8"))
    .update(Buffer.from(options.userIdForSrp, "utf8"))
    .update(Buffer.from(options.secretBlock, "base64"))
    .update(Buffer.from(options.timestamp, "utf8"))
    .digest("base64");
  return constantTimeEqual(expected, options.signature);
}
