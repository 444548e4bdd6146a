// A small software authenticator for Node tests: it stands in for the user's passkey (a phone, a
// security key), never for Gatehouse's code. It makes real ES256 credentials with node:crypto,
// answers registration with 'none' attestation and sign-in with real signatures, in the
// JSON shapes browsers give (RegistrationResponseJSON, AuthenticationResponseJSON). CBOR comes from
// the helpers of @simplewebauthn/server, already installed.
import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from "node:crypto";
import { isoCBOR } from "@simplewebauthn/server/helpers";

type Json = Record<string, unknown>;
export type StoredKey = { credentialId: Buffer; privateKey: KeyObject; rpId: string; userHandle: string; counter: number };

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64url");
const sha256 = (data: Uint8Array | string) => createHash("sha256").update(data).digest();

export class SoftwareAuthenticator {
  readonly keys: StoredKey[] = [];
  /** Whether the authenticator verifies its user (PIN, biometrics): the UV flag. */
  userVerification = true;
  /** How much the counter rises per use (0: a passkey without a counter, as synced ones). */
  counterStep = 1;

  /** navigator.credentials.create(): `rpId` may be forced to another site's for a negative test. */
  create(options: Json, opts: { origin: string; rpId?: string }): Json {
    const rp = options.rp as { id: string };
    const user = options.user as { id: string };
    const rpId = opts.rpId ?? rp.id;
    const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
    const jwk = publicKey.export({ format: "jwk" });
    const cose = isoCBOR.encode(new Map<number, number | Uint8Array>([
      [1, 2], [3, -7], [-1, 1], [-2, Buffer.from(jwk.x!, "base64url")], [-3, Buffer.from(jwk.y!, "base64url")],
    ]));
    const credentialId = randomBytes(16);
    const key: StoredKey = { credentialId, privateKey, rpId, userHandle: user.id, counter: 0 };
    const attested = Buffer.concat([Buffer.alloc(16), Buffer.from([0, credentialId.length]), credentialId, Buffer.from(cose)]);
    const authData = this.authData(rpId, 0x40, 0, attested);
    const attestationObject = isoCBOR.encode(new Map<string, unknown>([["fmt", "none"], ["attStmt", new Map()], ["authData", authData]]) as never);
    const clientDataJSON = Buffer.from(JSON.stringify({ type: "webauthn.create", challenge: options.challenge, origin: opts.origin, crossOrigin: false }));
    this.keys.push(key);
    return {
      id: b64(credentialId), rawId: b64(credentialId), type: "public-key", authenticatorAttachment: "platform", clientExtensionResults: {},
      response: { clientDataJSON: b64(clientDataJSON), attestationObject: b64(attestationObject), transports: ["internal", "hybrid"] },
    };
  }

  /** navigator.credentials.get(): with the first of its keys the options allow (or any, for a discoverable sign-in). */
  get(options: Json, opts: { origin: string; counter?: number; challenge?: string; key?: StoredKey }): Json {
    const allowed = ((options.allowCredentials as { id: string }[] | undefined) ?? []).map((c) => c.id);
    const key = opts.key ?? this.keys.find((k) => k.rpId === options.rpId && (!allowed.length || allowed.includes(b64(k.credentialId))));
    if (!key) throw new Error("no credential for this relying party");
    key.counter = opts.counter ?? key.counter + this.counterStep;
    const authData = this.authData(key.rpId, 0, key.counter);
    const clientDataJSON = Buffer.from(JSON.stringify({ type: "webauthn.get", challenge: opts.challenge ?? options.challenge, origin: opts.origin, crossOrigin: false }));
    const signature = sign("sha256", Buffer.concat([authData, sha256(clientDataJSON)]), key.privateKey);
    return {
      id: b64(key.credentialId), rawId: b64(key.credentialId), type: "public-key", authenticatorAttachment: "platform", clientExtensionResults: {},
      response: { clientDataJSON: b64(clientDataJSON), authenticatorData: b64(authData), signature: b64(signature), userHandle: key.userHandle },
    };
  }

  private authData(rpId: string, extraFlags: number, counter: number, attested?: Buffer): Buffer {
    // UP always; UV when the authenticator verifies its user; backup eligible and backed up, as a synced passkey.
    const flags = 0x01 | (this.userVerification ? 0x04 : 0) | 0x08 | 0x10 | extraFlags;
    const count = Buffer.alloc(4);
    count.writeUInt32BE(counter);
    return Buffer.concat([sha256(rpId), Buffer.from([flags]), count, ...(attested ? [attested] : [])]);
  }
}
