// The SRP server against the real client: amazon-cognito-identity-js's CognitoUser.authenticateUser
// (unmodified, imported from the package) talks to these server functions through an in-process
// transport that plays InitiateAuth / RespondToAuthChallenge the way the endpoint will.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash, createHmac, randomBytes, randomInt } from "node:crypto";
import * as cognito from "amazon-cognito-identity-js";
import {
  createDecoyVerifier,
  createVerifier,
  formatTimestamp,
  isValidClientPublic,
  N,
  padHex,
  parseTimestamp,
  pow,
  powG,
  startServerSession,
  verifyClaim,
  type SrpVerifier,
} from "./srp.ts";

const POOL_ID = "local_Demo12345";

// The parts of the client that index.d.ts does not declare.
type ClientBigInteger = { toString(radix: number): string };
type Helper = {
  N: ClientBigInteger;
  k: ClientBigInteger;
  smallAValue: ClientBigInteger;
  largeAValue: ClientBigInteger | undefined;
  getLargeAValue(callback: (error: unknown, A: ClientBigInteger) => void): void;
  getPasswordAuthenticationKey(username: string, password: string, B: ClientBigInteger, salt: ClientBigInteger, callback: (error: Error | null, key: Buffer) => void): void;
  calculateU(A: ClientBigInteger, B: ClientBigInteger): ClientBigInteger;
  computehkdf(ikm: Buffer, salt: Buffer): Buffer;
  padHex(n: ClientBigInteger): string;
  generateHashDevice(deviceGroupKey: string, username: string, callback: (error: Error | null) => void): void;
  getSaltDevices(): string;
  getVerifierDevices(): string;
  getRandomPassword(): string;
};
const { AuthenticationHelper, DateHelper } = cognito as unknown as {
  AuthenticationHelper: new (poolName: string) => Helper;
  DateHelper: new () => { getNowString(): string };
};
const bigInteger = (helper: Helper, hex: string): ClientBigInteger =>
  new (helper.N.constructor as new (hex: string, radix: number) => ClientBigInteger)(hex, 16);

type Account = { username: string } & SrpVerifier;
type ServerState = { userIdForSrp: string; A: string; b: string; B: string; secretBlock: string } & SrpVerifier;
type Tamper = {
  /** Replaces the SRP_A the server keeps. */
  A?: string;
  /** Sends the client a SECRET_BLOCK other than the one the server keeps. */
  secretBlockToClient?: string;
  /** Changes the ChallengeResponses on their way to the server. */
  responses?: (responses: Record<string, string>) => Record<string, string>;
  /** The server's clock. */
  now?: Date;
};
type Request = { AuthParameters?: Record<string, string>; ChallengeResponses?: Record<string, string>; Session?: string };
type Callback = (error: { code: string; name: string; message: string } | null, data?: unknown) => void;

const jwt = (claims: object) => ["e30", Buffer.from(JSON.stringify(claims)).toString("base64url"), "c2ln"].join(".");

/** InitiateAuth(USER_SRP_AUTH) and RespondToAuthChallenge(PASSWORD_VERIFIER), in process, over srp.ts. */
function inProcessCognito(accounts: Account[], tamper: Tamper = {}) {
  const sessions = new Map<string, ServerState>();
  const seen: { state: ServerState; responses: Record<string, string> }[] = [];
  const notAuthorized = { code: "NotAuthorizedException", name: "NotAuthorizedException", message: "Incorrect username or password." };
  return {
    sessions,
    seen,
    request(operation: string, params: Request, callback: Callback) {
      if (operation === "InitiateAuth") {
        const username = params.AuthParameters!.USERNAME!;
        const account = accounts.find((a) => a.username === username);
        assert.ok(account, `no account ${username}`);
        const server = startServerSession({ verifier: account.verifier });
        const session = randomBytes(16).toString("hex");
        const A = tamper.A ?? params.AuthParameters!.SRP_A!;
        sessions.set(session, { userIdForSrp: account.username, A, ...server, salt: account.salt, verifier: account.verifier });
        return callback(null, {
          ChallengeName: "PASSWORD_VERIFIER",
          Session: session,
          ChallengeParameters: {
            SALT: account.salt,
            SRP_B: server.B,
            SECRET_BLOCK: tamper.secretBlockToClient ?? server.secretBlock,
            USER_ID_FOR_SRP: account.username,
            USERNAME: account.username,
          },
        });
      }
      if (operation === "RespondToAuthChallenge") {
        const state = sessions.get(params.Session!);
        sessions.delete(params.Session!); // single use
        if (!state) return callback(notAuthorized);
        const responses = tamper.responses ? tamper.responses({ ...params.ChallengeResponses! }) : params.ChallengeResponses!;
        seen.push({ state, responses });
        const ok = verifyClaim({
          poolId: POOL_ID,
          ...state,
          claimedSecretBlock: responses.PASSWORD_CLAIM_SECRET_BLOCK!,
          timestamp: responses.TIMESTAMP!,
          signature: responses.PASSWORD_CLAIM_SIGNATURE!,
          ...(tamper.now ? { now: tamper.now } : {}),
        });
        if (!ok) return callback(notAuthorized);
        const now = Math.floor(Date.now() / 1000);
        const claims = { sub: state.userIdForSrp, iat: now, exp: now + 3600 };
        return callback(null, { AuthenticationResult: { IdToken: jwt(claims), AccessToken: jwt(claims), RefreshToken: "refresh", ExpiresIn: 3600, TokenType: "Bearer" } });
      }
      throw new Error(`unexpected operation ${operation}`);
    },
  };
}

/** The real client's sign-in: CognitoUser.authenticateUser with USER_SRP_AUTH. */
function signIn(server: ReturnType<typeof inProcessCognito>, username: string, password: string): Promise<string> { // "success", or the failure's code
  const pool = new cognito.CognitoUserPool({ UserPoolId: POOL_ID, ClientId: "client1234567890" });
  (pool as unknown as { client: unknown }).client = server;
  const user = new cognito.CognitoUser({ Username: username, Pool: pool });
  return new Promise((resolve) => {
    user.authenticateUser(new cognito.AuthenticationDetails({ Username: username, Password: password }), {
      onSuccess: () => resolve("success"),
      onFailure: (error: Error & { code?: string }) => resolve(error.code ?? `${error.name}: ${error.message}`),
    });
  });
}

const CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.@+!#$%^&*() üéß中文🔑";
const randomString = (min: number, max: number) => Array.from({ length: randomInt(min, max + 1) }, () => [...CHARS][randomInt([...CHARS].length)]).join("");

/** The client's key and signature, as CognitoUser.authenticateUserDefaultAuth computes them, for any TIMESTAMP. */
async function clientClaim(options: { username: string; password: string; salt: string; B: string; secretBlock: string; timestamp: string }) {
  const helper = new AuthenticationHelper(POOL_ID.split("_")[1]!);
  const A = await new Promise<ClientBigInteger>((resolve) => helper.getLargeAValue((_e, value) => resolve(value)));
  const key = await new Promise<Buffer>((resolve, reject) =>
    helper.getPasswordAuthenticationKey(options.username, options.password, bigInteger(helper, options.B), bigInteger(helper, options.salt), (e, value) => (e ? reject(e) : resolve(value))),
  );
  return { A: A.toString(16), signature: sign(key, options.username, options.secretBlock, options.timestamp) };
}

function sign(key: Buffer, username: string, secretBlock: string, timestamp: string): string {
  return createHmac("sha256", key)
    .update(Buffer.concat([Buffer.from(POOL_ID.split("_")[1]!, "utf8"), Buffer.from(username, "utf8"), Buffer.from(secretBlock, "base64"), Buffer.from(timestamp, "utf8")]))
    .digest("base64");
}

test("SRP: the real client signs in with the right password, for many random usernames and passwords", async () => {
  const accounts: (Account & { password: string })[] = Array.from({ length: 16 }, () => {
    const username = randomString(1, 24);
    const password = randomString(1, 40);
    return { username, password, ...createVerifier({ poolId: POOL_ID, username, password }) };
  });
  const server = inProcessCognito(accounts);
  for (const account of accounts) {
    assert.equal(await signIn(server, account.username, account.password), "success", `${account.username} / ${account.password}`);
  }
  assert.equal(server.sessions.size, 0);
});

test("SRP refuses a wrong password, and a right password for another user", async () => {
  const alice = { username: "alice", ...createVerifier({ poolId: POOL_ID, username: "alice", password: "Correct horse 1!" }) };
  const bob = { username: "bob", ...createVerifier({ poolId: POOL_ID, username: "bob", password: "Bob's password 2" }) };
  const server = inProcessCognito([alice, bob]);
  assert.equal(await signIn(server, "alice", "Correct horse 1!"), "success");
  assert.equal(await signIn(server, "alice", "Correct horse 1"), "NotAuthorizedException");
  assert.equal(await signIn(server, "alice", "correct horse 1!"), "NotAuthorizedException");
  assert.equal(await signIn(server, "alice", "Bob's password 2"), "NotAuthorizedException");
  // A verifier is bound to its pool: the same user and password in another pool do not match.
  const elsewhere = { username: "alice", ...createVerifier({ poolId: "local_Other0001", username: "alice", password: "Correct horse 1!" }) };
  assert.equal(await signIn(inProcessCognito([elsewhere]), "alice", "Correct horse 1!"), "NotAuthorizedException");
});

test("SRP refuses A ≡ 0 (mod N), which would make the shared secret 0 whatever the password", async () => {
  const account = { username: "carol", ...createVerifier({ poolId: POOL_ID, username: "carol", password: "unknown to the attacker" }) };
  const helper = new AuthenticationHelper(POOL_ID.split("_")[1]!);
  for (const A of [0n, N, 2n * N]) {
    assert.equal(isValidClientPublic(A.toString(16)), false);
    const server = startServerSession({ verifier: account.verifier });
    // The attacker's key for S = 0, derived with the client's own u and HKDF.
    const u = helper.calculateU(bigInteger(helper, A.toString(16)), bigInteger(helper, server.B));
    const key = helper.computehkdf(Buffer.from(padHex(0n), "hex"), Buffer.from(helper.padHex(u), "hex"));
    const timestamp = formatTimestamp(new Date());
    const claim = { poolId: POOL_ID, userIdForSrp: "carol", ...account, A: A.toString(16), ...server, claimedSecretBlock: server.secretBlock, timestamp };
    assert.equal(verifyClaim({ ...claim, signature: sign(key, "carol", server.secretBlock, timestamp) }), false, `A = ${A === 0n ? "0" : A === N ? "N" : "2N"}`);
  }
  // Through the client flow as well: the server keeps a tampered A.
  for (const A of ["0", N.toString(16), (2n * N).toString(16)]) {
    assert.equal(await signIn(inProcessCognito([{ ...account }], { A }), "carol", "unknown to the attacker"), "NotAuthorizedException");
  }
});

test("SRP refuses a TIMESTAMP more than 5 minutes from the server's clock", async () => {
  const account = { username: "dave", ...createVerifier({ poolId: POOL_ID, username: "dave", password: "Pa55word!" }) };
  const minutes = (m: number) => new Date(Date.now() + m * 60_000);
  assert.equal(await signIn(inProcessCognito([account], { now: minutes(6) }), "dave", "Pa55word!"), "NotAuthorizedException", "stale");
  assert.equal(await signIn(inProcessCognito([account], { now: minutes(-6) }), "dave", "Pa55word!"), "NotAuthorizedException", "from the future");
  assert.equal(await signIn(inProcessCognito([account], { now: minutes(4) }), "dave", "Pa55word!"), "success", "4 minutes of skew");
  assert.equal(await signIn(inProcessCognito([account], { now: minutes(-4) }), "dave", "Pa55word!"), "success", "4 minutes of skew");
});

test("SRP refuses a TIMESTAMP not written as Cognito's clients write it, even when correctly signed", async () => {
  const account = { username: "erin", ...createVerifier({ poolId: POOL_ID, username: "erin", password: "Pa55word!" }) };
  const now = new Date("2026-11-05T09:07:03Z"); // a Thursday, day < 10
  const claimFor = async (timestamp: string) => {
    const server = startServerSession({ verifier: account.verifier });
    const { A, signature } = await clientClaim({ username: "erin", password: "Pa55word!", salt: account.salt, B: server.B, secretBlock: server.secretBlock, timestamp });
    return verifyClaim({ poolId: POOL_ID, userIdForSrp: "erin", ...account, A, ...server, claimedSecretBlock: server.secretBlock, timestamp, signature, now });
  };
  assert.equal(await claimFor("Thu Nov 5 09:07:03 UTC 2026"), true);
  assert.equal(await claimFor("Thu Nov 05 09:07:03 UTC 2026"), false, "zero-padded day");
  assert.equal(await claimFor("Fri Nov 5 09:07:03 UTC 2026"), false, "wrong weekday");
  assert.equal(await claimFor("Thu Nov 5 9:07:03 UTC 2026"), false, "hour not padded");
  assert.equal(await claimFor("Thu, 05 Nov 2026 09:07:03 GMT"), false, "another format");
  assert.equal(parseTimestamp("Mon Feb 30 10:00:00 UTC 2026"), null, "a day that does not exist");
  // The client's own clock string reads back as the time it was written.
  const before = Math.floor(Date.now() / 1000) * 1000;
  const written = parseTimestamp(new DateHelper().getNowString())!.getTime();
  assert.ok(written >= before && written <= Date.now());
});

test("SRP refuses a secret block other than the one issued, and a claim replayed into a new challenge", async () => {
  const account = { username: "frank", ...createVerifier({ poolId: POOL_ID, username: "frank", password: "Pa55word!" }) };
  const other = randomBytes(64).toString("base64");
  // The client is handed (and signs) another block than the server keeps.
  assert.equal(await signIn(inProcessCognito([account], { secretBlockToClient: other }), "frank", "Pa55word!"), "NotAuthorizedException");
  // The client signs the issued block but echoes another one.
  const echoOther = inProcessCognito([account], { responses: (r) => ({ ...r, PASSWORD_CLAIM_SECRET_BLOCK: other }) });
  assert.equal(await signIn(echoOther, "frank", "Pa55word!"), "NotAuthorizedException");

  // A successful answer, replayed into a fresh challenge for the same user, is refused.
  const server = inProcessCognito([account]);
  assert.equal(await signIn(server, "frank", "Pa55word!"), "success");
  const [{ state, responses }] = server.seen as [{ state: ServerState; responses: Record<string, string> }];
  const claim = { claimedSecretBlock: responses.PASSWORD_CLAIM_SECRET_BLOCK!, timestamp: responses.TIMESTAMP!, signature: responses.PASSWORD_CLAIM_SIGNATURE! };
  assert.equal(verifyClaim({ poolId: POOL_ID, ...state, ...claim }), true, "the control: the answer matches its own challenge");
  const fresh = startServerSession({ verifier: account.verifier });
  assert.equal(verifyClaim({ poolId: POOL_ID, ...state, ...fresh, ...claim }), false, "new B and secret block");
  assert.equal(verifyClaim({ poolId: POOL_ID, ...state, ...fresh, secretBlock: state.secretBlock, ...claim }), false, "new B, old secret block");
  // The engine must use a challenge once: the in-process endpoint forgot it.
  assert.equal(server.sessions.size, 0);
});

test("SRP refuses a signature for another user id, and a tampered or truncated signature", async () => {
  const account = { username: "grace", ...createVerifier({ poolId: POOL_ID, username: "grace", password: "Pa55word!" }) };
  const server = startServerSession({ verifier: account.verifier });
  const timestamp = formatTimestamp(new Date());
  const { A, signature } = await clientClaim({ username: "grace", password: "Pa55word!", salt: account.salt, B: server.B, secretBlock: server.secretBlock, timestamp });
  const claim = { poolId: POOL_ID, userIdForSrp: "grace", ...account, A, ...server, claimedSecretBlock: server.secretBlock, timestamp, signature };
  assert.equal(verifyClaim(claim), true);
  assert.equal(verifyClaim({ ...claim, userIdForSrp: "Grace" }), false);
  assert.equal(verifyClaim({ ...claim, poolId: "local_Other0001" }), false);
  const flipped = Buffer.from(signature, "base64");
  flipped[0] = flipped[0]! ^ 1;
  assert.equal(verifyClaim({ ...claim, signature: flipped.toString("base64") }), false);
  assert.equal(verifyClaim({ ...claim, signature: signature.slice(0, 20) }), false);
  assert.equal(verifyClaim({ ...claim, signature: "" }), false);
  assert.equal(verifyClaim({ ...claim, A: "zz" }), false, "A not hex");
  assert.equal(verifyClaim({ ...claim, A: "1".repeat(2000) }), false, "A longer than N");
});

test("SRP: a decoy for an unknown user looks like a real challenge and never signs in", async () => {
  const key = randomBytes(32).toString("base64url");
  const decoy = createDecoyVerifier({ poolId: POOL_ID, username: "nobody", key });
  assert.deepEqual(createDecoyVerifier({ poolId: POOL_ID, username: "nobody", key }), decoy, "the same SALT every time, as for a real user");
  assert.notEqual(createDecoyVerifier({ poolId: POOL_ID, username: "somebody", key }).salt, decoy.salt);
  const real = createVerifier({ poolId: POOL_ID, username: "nobody", password: "x" });
  assert.match(decoy.salt, /^(00)?[0-9a-f]{2,32}$/);
  assert.equal(decoy.verifier.length, real.verifier.length);
  for (const password of ["", "x", "Pa55word!"]) {
    assert.equal(await signIn(inProcessCognito([{ username: "nobody", ...decoy }]), "nobody", password), "NotAuthorizedException");
  }
});

test("SRP: createVerifier computes what the client computes for a device verifier (same formula)", async () => {
  // generateHashDevice computes v = g^H(PAD(salt) | H(groupKey | name | ":" | password)), the user
  // verifier's formula with the device group key in place of the pool name.
  for (let i = 0; i < 3; i++) {
    const helper = new AuthenticationHelper("unused");
    const groupKey = `Group${randomInt(1e9)}`;
    await new Promise<void>((resolve, reject) => helper.generateHashDevice(groupKey, "device-key-1", (e) => (e ? reject(e) : resolve())));
    const ours = createVerifier({ poolId: `local_${groupKey}`, username: "device-key-1", password: helper.getRandomPassword(), salt: helper.getSaltDevices() });
    assert.equal(BigInt(`0x${ours.verifier}`), BigInt(`0x${helper.getVerifierDevices()}`));
  }
});

test("SRP known answer: fixed a, b, salt and time give the same signature on both sides", async () => {
  const salt = "3b7e151628aed2a6abf7158809cf4f3c";
  const a = "a1".repeat(128);
  const bBytes = Buffer.alloc(32, 0x5b);
  const secretBlock = Buffer.alloc(64, 0xc7).toString("base64");
  const timestamp = "Thu Nov 5 09:07:03 UTC 2026";
  const account = { username: "kat-user", ...createVerifier({ poolId: POOL_ID, username: "kat-user", password: "Known answer 1!", salt }) };
  const server = startServerSession({ verifier: account.verifier, randomBytes: (size) => (size === 32 ? bBytes : Buffer.from(secretBlock, "base64")) });
  const helper = new AuthenticationHelper(POOL_ID.split("_")[1]!);
  helper.smallAValue = bigInteger(helper, a);
  helper.largeAValue = undefined;
  const A = await new Promise<ClientBigInteger>((resolve) => helper.getLargeAValue((_e, value) => resolve(value)));
  const key = await new Promise<Buffer>((resolve, reject) =>
    helper.getPasswordAuthenticationKey("kat-user", "Known answer 1!", bigInteger(helper, server.B), bigInteger(helper, salt), (e, value) => (e ? reject(e) : resolve(value))),
  );
  const signature = sign(key, "kat-user", secretBlock, timestamp);
  const digest = (hex: string) => createHash("sha256").update(hex).digest("hex").slice(0, 16);
  assert.deepEqual(
    { verifier: digest(account.verifier), B: digest(server.B), signature },
    { verifier: "5f06b34278e4e7b1", B: "28e2a381dfd30f7c", signature: "3mz13S+hgZD2Hnqij34H5osEu6c9c7WomBcwEK4d9NQ=" },
  );
  // B again with plain BigInt arithmetic and the client's own k, independently of OpenSSL.
  const modPow = (base: bigint, exponent: bigint): bigint => {
    let result = 1n;
    for (let x = base % N, e = exponent; e > 0n; e >>= 1n, x = (x * x) % N) if (e & 1n) result = (result * x) % N;
    return result;
  };
  const clientK = BigInt(`0x${helper.k.toString(16)}`);
  assert.equal(BigInt(`0x${server.B}`), (clientK * BigInt(`0x${account.verifier}`) + modPow(2n, BigInt(`0x${bBytes.toString("hex")}`))) % N);
  assert.equal(verifyClaim({ poolId: POOL_ID, userIdForSrp: "kat-user", ...account, A: A.toString(16), ...server, claimedSecretBlock: secretBlock, timestamp, signature, now: parseTimestamp(timestamp)! }), true);
});

test("SRP encodings: padHex as Java's toByteArray, salt and verifier formats, fresh B per challenge", () => {
  assert.equal(padHex(0x14n), "14");
  assert.equal(padHex(0xecn), "00ec");
  assert.equal(padHex(0x1n), "01");
  assert.equal(padHex(0x800n), "0800");
  assert.equal(padHex(N).length, 770);
  const { salt, verifier } = createVerifier({ poolId: POOL_ID, username: "u", password: "p" });
  assert.match(salt, /^[0-9a-f]+$/);
  assert.equal(salt, padHex(BigInt(`0x${salt}`)), "the salt is already in its padHex form, as the client will re-encode it");
  assert.match(verifier, /^[0-9a-f]{768}$/);
  const one = startServerSession({ verifier });
  const two = startServerSession({ verifier });
  assert.notEqual(one.B, two.B);
  assert.notEqual(one.secretBlock, two.secretBlock);
  assert.match(one.b, /^[0-9a-f]{64}$/);
  assert.ok(BigInt(`0x${one.B}`) < N && BigInt(`0x${one.B}`) > 0n);
});

test("SRP: OpenSSL's exponentiation (pow, powG) gives what BigInt square-and-multiply gives, and refuses the bases 0, 1 and N-1", () => {
  const bigintPow = (base: bigint, exponent: bigint): bigint => {
    let result = 1n;
    for (let x = base % N, e = exponent; e > 0n; e >>= 1n, x = (x * x) % N) if (e & 1n) result = (result * x) % N;
    return result;
  };
  const big = (bytes: Buffer) => BigInt(`0x${bytes.toString("hex") || "0"}`);
  // Exponents of the sizes SRP uses (b and u: 32 bytes), with leading zero bytes, tiny and long ones.
  const exponents = [randomBytes(32), randomBytes(32), Buffer.concat([Buffer.alloc(3), randomBytes(29)]), Buffer.from([1]), Buffer.from([2]), randomBytes(1), randomBytes(128)];
  for (const exponent of exponents) {
    const e = big(exponent);
    assert.equal(powG(exponent), bigintPow(2n, e), `2^${exponent.toString("hex")}`);
    // Random bases below N, small ones, and the largest that is not refused.
    const bases = [big(randomBytes(384)) % N, big(randomBytes(384)) % N, big(randomBytes(200)), 2n, 3n, N - 2n];
    for (const base of bases) assert.equal(pow(base, exponent), bigintPow(base, e), `${base.toString(16).slice(0, 16)}…^${exponent.toString("hex")}`);
  }
  for (const base of [0n, 1n, N - 1n]) assert.equal(pow(base, randomBytes(32)), null);
});
