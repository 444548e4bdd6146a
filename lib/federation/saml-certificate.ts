// A self-signed X.509 certificate for a pool's SAML service-provider key. SAML metadata carries keys
// only as certificates, and Node can sign but not build one, so this writes the few DER structures
// of a v1-shaped (no extensions) RSA certificate itself: nothing else in a SAML key exchange reads
// more than the public key out of it. Checked by parsing it back with node:crypto's X509Certificate.
import { generateKeyPair, randomBytes, sign, X509Certificate } from "node:crypto";
import { promisify } from "node:util";

const generateRsa = promisify(generateKeyPair);

/** DER: tag, length, content. */
function der(tag: number, content: Buffer): Buffer {
  const n = content.length;
  let length: Buffer;
  if (n < 0x80) length = Buffer.from([n]);
  else {
    const bytes: number[] = [];
    for (let rest = n; rest > 0; rest >>= 8) bytes.unshift(rest & 0xff);
    length = Buffer.from([0x80 | bytes.length, ...bytes]);
  }
  return Buffer.concat([Buffer.from([tag]), length, content]);
}

const sequence = (...items: Buffer[]) => der(0x30, Buffer.concat(items));
const set = (...items: Buffer[]) => der(0x31, Buffer.concat(items));
const nullValue = () => Buffer.from([0x05, 0x00]);

function oid(dotted: string): Buffer {
  const [first, second, ...rest] = dotted.split(".").map(Number);
  const bytes = [first! * 40 + second!];
  for (const value of rest) {
    const chunk = [value & 0x7f];
    for (let v = value >> 7; v > 0; v >>= 7) chunk.unshift((v & 0x7f) | 0x80);
    bytes.push(...chunk);
  }
  return der(0x06, Buffer.from(bytes));
}

/** UTCTime until 2049, GeneralizedTime after (RFC 5280 4.1.2.5). */
function time(date: Date): Buffer {
  const iso = date.toISOString().replace(/[-:T]/g, "").slice(0, 14); // YYYYMMDDHHMMSS
  return date.getUTCFullYear() < 2050 ? der(0x17, Buffer.from(`${iso.slice(2)}Z`)) : der(0x18, Buffer.from(`${iso}Z`));
}

function name(commonName: string): Buffer {
  return sequence(set(sequence(oid("2.5.4.3"), der(0x0c, Buffer.from(commonName, "utf8")))));
}

const SHA256_WITH_RSA = () => sequence(oid("1.2.840.113549.1.1.11"), nullValue());

function pem(label: string, body: Buffer): string {
  const lines = body.toString("base64").match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join("\n")}\n-----END ${label}-----\n`;
}

/** A new RSA-2048 key and a self-signed certificate for it, both PEM. */
export async function createSelfSignedCertificate(options: { commonName: string; validDays?: number; now?: Date }): Promise<{ certificate: string; privateKey: string }> {
  const { publicKey, privateKey } = await generateRsa("rsa", { modulusLength: 2048 });
  const now = options.now ?? new Date();
  const notBefore = new Date(now.getTime() - 5 * 60_000);
  const notAfter = new Date(now.getTime() + (options.validDays ?? 3650) * 86_400_000);
  const serial = randomBytes(16);
  serial[0] = serial[0]! & 0x7f | 0x01; // positive, no leading zero byte
  const tbs = sequence(
    der(0xa0, der(0x02, Buffer.from([2]))), // [0] version v3
    der(0x02, serial),
    SHA256_WITH_RSA(),
    name(options.commonName),
    sequence(time(notBefore), time(notAfter)),
    name(options.commonName),
    publicKey.export({ type: "spki", format: "der" }),
  );
  const signature = sign("sha256", tbs, privateKey);
  const certificate = pem("CERTIFICATE", sequence(tbs, SHA256_WITH_RSA(), der(0x03, Buffer.concat([Buffer.from([0]), signature]))));
  if (!new X509Certificate(certificate).verify(publicKey)) throw new Error("self-signed certificate does not verify");
  return { certificate, privateKey: privateKey.export({ type: "pkcs8", format: "pem" }).toString() };
}
