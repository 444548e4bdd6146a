// Temporary credentials for an identity and its role, in the identity pool's mode:
// - local (default): minted by Gatehouse (local-credentials.ts), checkable by its STS
//   GetCallerIdentity and AWS_IAM authorizers;
// - sts: real credentials from an STS (AWS's by default) through AssumeRoleWithWebIdentity,
//   presenting an OpenID token of Gatehouse's identity issuer, which the role's trust policy names.
import { AssumeRoleWithWebIdentityCommand, STSClient, STSServiceException } from "@aws-sdk/client-sts";
import { AppError } from "../errors.ts";
import type { Runtime } from "../runtime.ts";
import { regionOf, type IdentityPool } from "./config.ts";
import { mintLocalCredentials } from "./local-credentials.ts";
import { amrOf, type VerifiedLogin } from "./logins.ts";
import { issueOpenIdToken } from "./open-id-token.ts";

export type Credentials = { accessKeyId: string; secretAccessKey: string; sessionToken: string; expiration: Date };

export type CredentialsRequest = {
  identityId: string;
  roleArn: string;
  authenticated: boolean;
  logins: VerifiedLogin[];
};

/** Cognito's session name for the credentials it obtains. */
export const ROLE_SESSION_NAME = "CognitoIdentityCredentials";

const clients = new Map<string, STSClient>();

function stsClient(settings: IdentityPool["credentials"], identityPoolId: string): STSClient {
  // AWS's regional STS for the identity pool's region; "local" pools default to us-east-1.
  const region = settings.region ?? (regionOf(identityPoolId) === "local" ? "us-east-1" : regionOf(identityPoolId));
  const key = `${settings.endpoint ?? ""}|${region}`;
  let client = clients.get(key);
  if (!client) {
    client = new STSClient({ region, ...(settings.endpoint ? { endpoint: settings.endpoint } : {}), maxAttempts: 2 });
    clients.set(key, client);
  }
  return client;
}

export async function issueCredentials(rt: Pick<Runtime, "db" | "secrets" | "env">, identityPool: IdentityPool, request: CredentialsRequest): Promise<Credentials> {
  const settings = identityPool.credentials;
  if (settings.mode === "local") {
    const expiration = new Date(Date.now() + settings.durationSeconds * 1000);
    return mintLocalCredentials(rt.secrets, {
      identityPoolId: identityPool.id, identityId: request.identityId, roleArn: request.roleArn, authenticated: request.authenticated,
      providers: request.logins.map((l) => l.provider),
    }, expiration);
  }
  const token = await issueOpenIdToken(
    { db: rt.db, secrets: rt.secrets, publicUrl: rt.env.publicUrl },
    { identityPoolId: identityPool.id, identityId: request.identityId, amr: amrOf(identityPool.id, request.logins) },
  );
  try {
    const answer = await stsClient(settings, identityPool.id).send(new AssumeRoleWithWebIdentityCommand({
      RoleArn: request.roleArn, RoleSessionName: ROLE_SESSION_NAME, WebIdentityToken: token, DurationSeconds: settings.durationSeconds,
    }));
    const c = answer.Credentials;
    if (!c?.AccessKeyId || !c.SecretAccessKey || !c.SessionToken || !c.Expiration) throw new AppError("ExternalServiceException", "STS answered without credentials.");
    return { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken, expiration: c.Expiration };
  } catch (error) {
    if (error instanceof AppError) throw error;
    // STS refused the role or the token: the identity pool (or the role's trust policy) is set up wrong, as Cognito says.
    if (error instanceof STSServiceException && error.$fault === "client") {
      throw new AppError("InvalidIdentityPoolConfigurationException", `Invalid identity pool configuration. Check assigned IAM roles for this pool. (STS: ${error.name}: ${error.message})`);
    }
    throw new AppError("ExternalServiceException", `STS could not be reached or failed: ${(error as Error).message}`);
  }
}
