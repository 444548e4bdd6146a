// Credentials Gatehouse mints itself (an identity pool's `credentials.mode: "local"`), shaped as
// AWS's temporary credentials: an `ASIA…` access key id, a 40-character secret and a session token.
//
// Nothing is stored. The session token seals (AES-256-GCM, a key derived from GATEHOUSE_SECRET for
// this purpose only) who the credentials are for: the identity, its pool, the role, the expiry and
// the access key id, so it cannot be moved to another key id or altered. The secret access key is
// an HMAC of the access key id under another derived key, so any instance can recompute it to
// check a SigV4 signature (STS GetCallerIdentity, the AWS_IAM authorizer) without a database read.
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { awsStyleId, derivedSecretAccessKey } from "../security/aws-keys.ts";
import type { Secrets } from "../security/secrets.ts";

export const LOCAL_ACCESS_KEY_PREFIX = "ASIA";
const SESSION_TOKEN_PREFIX = "GhSt1.";
const AAD = Buffer.from("gatehouse identity-pool credentials v1");

/** Who a set of local credentials stands for. */
export type CredentialsSubject = {
  identityPoolId: string;
  identityId: string;
  roleArn: string;
  /** Whether the identity signed in (false: a guest). */
  authenticated: boolean;
  /** The logins the credentials were issued for (provider keys, e.g. `localhost:3000/local_Demo12345`). */
  providers: string[];
};

export type LocalCredentials = {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiration: Date;
};

export type OpenedCredentials = CredentialsSubject & { accessKeyId: string; expiration: Date };

type Sealed = { k: string; p: string; i: string; r: string; a: boolean; l: string[]; e: number; t: number };

const tokenKey = (secrets: Pick<Secrets, "derive">) => Buffer.from(secrets.derive("identity-credentials/session-token/v1"), "base64url");

/** The secret access key of a local access key id: the same on every instance sharing GATEHOUSE_SECRET. */
export function localSecretAccessKey(secrets: Pick<Secrets, "derive">, accessKeyId: string): string {
  return derivedSecretAccessKey(secrets, "identity-credentials/secret-key/v1", accessKeyId);
}

export function mintLocalCredentials(secrets: Pick<Secrets, "derive">, subject: CredentialsSubject, expiration: Date): LocalCredentials {
  const accessKeyId = awsStyleId(LOCAL_ACCESS_KEY_PREFIX, 16);
  const sealed: Sealed = {
    k: accessKeyId, p: subject.identityPoolId, i: subject.identityId, r: subject.roleArn, a: subject.authenticated, l: subject.providers,
    e: Math.floor(expiration.getTime() / 1000), t: Math.floor(Date.now() / 1000),
  };
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", tokenKey(secrets), iv);
  cipher.setAAD(AAD);
  const body = Buffer.concat([cipher.update(JSON.stringify(sealed), "utf8"), cipher.final()]);
  const sessionToken = SESSION_TOKEN_PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64");
  return { accessKeyId, secretAccessKey: localSecretAccessKey(secrets, accessKeyId), sessionToken, expiration: new Date(sealed.e * 1000) };
}

export type OpenResult = { ok: true; credentials: OpenedCredentials } | { ok: false; problem: "invalid" | "expired" };

/**
 * What a session token stands for, when it is one Gatehouse sealed for this access key id and has
 * not expired. Cheap (no database), so it is safe on every signed request.
 */
export function openLocalCredentials(secrets: Pick<Secrets, "derive">, accessKeyId: string, sessionToken: string, now = new Date()): OpenResult {
  if (!accessKeyId.startsWith(LOCAL_ACCESS_KEY_PREFIX) || !sessionToken.startsWith(SESSION_TOKEN_PREFIX) || sessionToken.length > 8192) return { ok: false, problem: "invalid" };
  let sealed: Sealed;
  try {
    const raw = Buffer.from(sessionToken.slice(SESSION_TOKEN_PREFIX.length), "base64");
    if (raw.length < 29) return { ok: false, problem: "invalid" };
    const decipher = createDecipheriv("aes-256-gcm", tokenKey(secrets), raw.subarray(0, 12), { authTagLength: 16 });
    decipher.setAAD(AAD);
    decipher.setAuthTag(raw.subarray(12, 28));
    sealed = JSON.parse(Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8")) as Sealed;
  } catch {
    return { ok: false, problem: "invalid" };
  }
  if (sealed.k !== accessKeyId) return { ok: false, problem: "invalid" };
  if (sealed.e * 1000 <= now.getTime()) return { ok: false, problem: "expired" };
  return {
    ok: true,
    credentials: {
      accessKeyId, identityPoolId: sealed.p, identityId: sealed.i, roleArn: sealed.r, authenticated: sealed.a, providers: sealed.l, expiration: new Date(sealed.e * 1000),
    },
  };
}

/** The assumed-role ARN AWS's STS gives such credentials: Cognito's session name is CognitoIdentityCredentials. */
export function assumedRoleArn(roleArn: string, sessionName = "CognitoIdentityCredentials"): string {
  const m = /^arn:(aws[\w-]*):iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/.exec(roleArn);
  if (!m) return roleArn;
  return `arn:${m[1]}:sts::${m[2]}:assumed-role/${m[3]}/${sessionName}`;
}
