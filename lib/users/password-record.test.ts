import { test } from "node:test";
import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import * as cognito from "amazon-cognito-identity-js";
import { verifyPassword } from "../security/passwords.ts";
import { createSecrets } from "../security/secrets.ts";
import { formatTimestamp, startServerSession, verifyClaim } from "../security/srp.ts";
import { computePasswordRecord, computeSharedPasswordRecord, openSrpVerifier, passwordColumns } from "./password-record.ts";

const POOL_ID = "local_Record1234";
const secrets = createSecrets("password-record test root secret");

// amazon-cognito-identity-js's client side of SRP (the parts index.d.ts does not declare), as srp.test.ts uses it.
type ClientBigInteger = { toString(radix: number): string };
type Helper = {
  N: ClientBigInteger;
  getLargeAValue(callback: (error: unknown, A: ClientBigInteger) => void): void;
  getPasswordAuthenticationKey(username: string, password: string, B: ClientBigInteger, salt: ClientBigInteger, callback: (error: unknown, key: Buffer) => void): void;
};
const { AuthenticationHelper } = cognito as unknown as { AuthenticationHelper: new (poolName: string) => Helper };
const big = (helper: Helper, hex: string): ClientBigInteger => new (helper.N.constructor as new (hex: string, radix: number) => ClientBigInteger)(hex, 16);

/** One SRP sign-in: the real client's claim for `password`, checked by srp.ts against the stored salt and verifier. */
async function srpSignIn(sealed: string, username: string, password: string): Promise<boolean> {
  const { salt, verifier } = openSrpVerifier(secrets, sealed);
  const server = startServerSession({ verifier });
  const helper = new AuthenticationHelper(POOL_ID.split("_")[1]!);
  const A = await new Promise<ClientBigInteger>((resolve) => helper.getLargeAValue((_e, value) => resolve(value)));
  const key = await new Promise<Buffer>((resolve, reject) =>
    helper.getPasswordAuthenticationKey(username, password, big(helper, server.B), big(helper, salt), (e, value) => (e ? reject(new Error("no password key", { cause: e })) : resolve(value))),
  );
  const timestamp = formatTimestamp(new Date());
  const signature = createHmac("sha256", key)
    .update(Buffer.concat([Buffer.from(POOL_ID.split("_")[1]!), Buffer.from(username), Buffer.from(server.secretBlock, "base64"), Buffer.from(timestamp)]))
    .digest("base64");
  return verifyClaim({ poolId: POOL_ID, userIdForSrp: username, salt, verifier, A: A.toString(16), ...server, claimedSecretBlock: server.secretBlock, timestamp, signature });
}

test("password record: an argon2id hash of the password, set at the given time", async () => {
  const now = new Date("2026-11-26T12:00:00Z");
  const record = await computePasswordRecord({ poolId: POOL_ID, username: "alice", secrets, password: "Corr3ct horse!", now });
  assert.match(record.passwordHash, /^\$argon2id\$/);
  assert.ok(await verifyPassword(record.passwordHash, "Corr3ct horse!"));
  assert.equal(await verifyPassword(record.passwordHash, "corr3ct horse!"), false);
  assert.equal(record.passwordSetAt, now);
  assert.deepEqual(passwordColumns(record), { passwordHash: record.passwordHash, passwordSetAt: now, srpVerifierEnc: record.srpVerifierEnc });
});

test("password record: the SRP verifier is stored encrypted, and the real client signs in against it with the right password only", async () => {
  const record = await computePasswordRecord({ poolId: POOL_ID, username: "alice", secrets, password: "Corr3ct horse!" });
  const sealed = passwordColumns(record).srpVerifierEnc!;
  assert.ok(sealed);
  const { salt, verifier } = openSrpVerifier(secrets, sealed);
  assert.match(verifier, /^[0-9a-f]{768}$/);
  // Neither the verifier nor the salt is readable from the column.
  assert.equal(sealed.includes(verifier), false);
  assert.equal(sealed.includes(salt), false);
  assert.throws(() => openSrpVerifier(createSecrets("another root secret"), sealed));

  assert.equal(await srpSignIn(sealed, "alice", "Corr3ct horse!"), true);
  assert.equal(await srpSignIn(sealed, "alice", "corr3ct horse!"), false);
  assert.equal(await srpSignIn(sealed, "bob", "Corr3ct horse!"), false);

  // A new record for the same password has a new salt, hence a new verifier.
  const again = await computePasswordRecord({ poolId: POOL_ID, username: "alice", secrets, password: "Corr3ct horse!" });
  assert.notEqual(openSrpVerifier(secrets, again.srpVerifierEnc!).verifier, verifier);
});

test("password record: a shared record (the bulk seeder) has no verifier; none clears every column", async () => {
  const shared = await computeSharedPasswordRecord({ password: "Passw0rd!" });
  assert.equal(shared.srpVerifierEnc, null);
  assert.deepEqual(passwordColumns(null), { passwordHash: null, passwordSetAt: null, srpVerifierEnc: null });
});
