import { test } from "node:test";
import assert from "node:assert/strict";
import { isAppError } from "../errors.ts";
import { createSecrets } from "../security/secrets.ts";
import { createVerifier, N, padHex } from "../security/srp.ts";
import { parseDeviceVerifier, readDeviceVerifier, sealDeviceVerifier } from "./device-verifier.ts";

const b64 = (hex: string) => Buffer.from(hex, "hex").toString("base64");

test("ConfirmDevice's verifier config is read as amazon-cognito-identity-js writes it, and kept encrypted", () => {
  const made = createVerifier({ poolId: "local_Abcdefghi", poolName: "-AbCdEfGhI", username: "local_6c1c0a4e-0b8e-4f4a-9b8a-2f1e3d4c5b6a", password: "random-device-password" });
  const parsed = parseDeviceVerifier({ PasswordVerifier: b64(made.verifier), Salt: b64(made.salt) });
  assert.deepEqual(parsed, made);
  const secrets = createSecrets("k".repeat(43));
  const sealed = sealDeviceVerifier(secrets, parsed);
  assert.ok(!sealed.includes(made.verifier.slice(0, 32)), "the verifier is not stored in clear");
  assert.deepEqual(readDeviceVerifier(secrets, { srpVerifierEnc: sealed }), made);
  assert.equal(readDeviceVerifier(secrets, { srpVerifierEnc: null }), null);
});

test("a device verifier that would let any proof through, or none, is refused", () => {
  const salt = b64("0a1b2c3d4e5f60718293a4b5c6d7e8f9");
  for (const verifier of ["00", "01", padHex(N), padHex(N + 5n)]) {
    assert.throws(() => parseDeviceVerifier({ PasswordVerifier: b64(verifier), Salt: salt }), (e) => isAppError(e) && e.code === "InvalidParameterException");
  }
  assert.throws(() => parseDeviceVerifier({ Salt: salt }), (e) => isAppError(e) && e.code === "InvalidParameterException");
  assert.throws(() => parseDeviceVerifier({ PasswordVerifier: "not base64!", Salt: salt }), (e) => isAppError(e) && e.code === "InvalidParameterException");
});
