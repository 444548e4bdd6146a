// The old Cognito user pool a pool's users move in from (its `migrateFrom`), spoken to through the
// AWS SDK: the password is checked with InitiateAuth USER_PASSWORD_AUTH (the app client's call, with
// SECRET_HASH when it has a secret), the user and their groups are read with the admin calls under
// the default AWS credential chain. Every answer is reduced to what the migration needs; anything
// the old pool cannot be asked (network, credentials, throttling) becomes one logged OldPoolError.
import { secretHashOf } from "../cognito-api/app-client.ts";
import {
  AdminGetUserCommand, AdminListGroupsForUserCommand, CognitoIdentityProviderClient, InitiateAuthCommand, RespondToAuthChallengeCommand,
  type AttributeType, type GroupType,
} from "@aws-sdk/client-cognito-identity-provider";
import type { StoredMigrateFrom } from "./config.ts";
import type { Secrets } from "../security/secrets.ts";

/** The second factors the old pool may ask for at the first sign-in, passed through once. */
export const PASSED_CHALLENGES = ["SMS_MFA", "SOFTWARE_TOKEN_MFA", "EMAIL_OTP"] as const;
export type PassedChallenge = (typeof PASSED_CHALLENGES)[number];

/** What the old pool said of a name and password. */
export type OldSignIn =
  /** The password is right. `username` is the old pool's own username for the name typed. */
  | { kind: "ok"; username: string }
  /** Right, but the old pool wants a second factor first (its Session is kept, never shown). */
  | { kind: "challenge"; challengeName: PassedChallenge; session: string; username: string; destination: string | null }
  /** Right, but a temporary password (FORCE_CHANGE_PASSWORD there). */
  | { kind: "new-password"; username: string }
  /** Right, but the user has not confirmed their sign-up there. */
  | { kind: "unconfirmed" }
  /** The old pool wants the password reset before any sign-in (no password to carry over). */
  | { kind: "reset-required" }
  /** A wrong password, an unknown name, a disabled user: the same as a name nobody has. */
  | { kind: "refused" };

/** A user as the old pool describes them. */
export type OldUser = {
  username: string;
  /** Every attribute, sub included. */
  attributes: Record<string, string>;
  enabled: boolean;
  /** Cognito's UserStatus there (CONFIRMED, UNCONFIRMED, FORCE_CHANGE_PASSWORD, RESET_REQUIRED, …). */
  status: string;
};

export type OldGroup = { name: string; description: string; precedence: number | null; roleArn: string | null };

/** The old pool could not be asked: the user gets the generic failure, the log says why. */
export class OldPoolError extends Error {}

export type OldPool = {
  signIn(login: string, password: string): Promise<OldSignIn>;
  /** Answers a passed-through challenge with the user's code. */
  respond(options: { username: string; challengeName: PassedChallenge; session: string; code: string }): Promise<OldSignIn>;
  /** The user a name (username or alias) refers to there, or null. */
  getUser(login: string): Promise<OldUser | null>;
  groupsOf(username: string): Promise<OldGroup[]>;
};

const clients = new Map<string, CognitoIdentityProviderClient>();

/** The SDK client for a setting: the endpoint given, else the SDK's own (AWS_ENDPOINT_URL_… apply). */
export function cognitoClient(setting: Pick<StoredMigrateFrom, "region" | "endpoint">): CognitoIdentityProviderClient {
  const key = `${setting.region}\u0000${setting.endpoint ?? ""}`;
  let client = clients.get(key);
  if (!client) clients.set(key, (client = new CognitoIdentityProviderClient({ region: setting.region, ...(setting.endpoint ? { endpoint: setting.endpoint } : {}), maxAttempts: 2 })));
  return client;
}

export function oldPoolOf(setting: StoredMigrateFrom, secrets: Pick<Secrets, "decrypt">): OldPool {
  const client = cognitoClient(setting);
  const clientSecret = setting.clientSecretEnc ? secrets.decrypt(setting.clientSecretEnc) : null;
  const secretHash = (username: string): Record<string, string> => (clientSecret ? { SECRET_HASH: secretHashOf(clientSecret, username, setting.clientId) } : {});
  const where = `Cognito user pool ${setting.userPoolId}`;

  const readAuth = async (call: () => Promise<{ ChallengeName?: string | undefined; Session?: string | undefined; ChallengeParameters?: Record<string, string> | undefined; AuthenticationResult?: { AccessToken?: string | undefined } | undefined }>, login: string): Promise<OldSignIn> => {
    let answer;
    try {
      answer = await call();
    } catch (error) {
      const name = (error as { name?: string }).name;
      if (name === "NotAuthorizedException" || name === "UserNotFoundException" || name === "CodeMismatchException" || name === "ExpiredCodeException") return { kind: "refused" };
      if (name === "UserNotConfirmedException") return { kind: "unconfirmed" };
      if (name === "PasswordResetRequiredException") return { kind: "reset-required" };
      throw failed(where, "InitiateAuth", error);
    }
    if (answer.AuthenticationResult?.AccessToken) return { kind: "ok", username: usernameOfToken(answer.AuthenticationResult.AccessToken) ?? login };
    const username = answer.ChallengeParameters?.USER_ID_FOR_SRP ?? answer.ChallengeParameters?.USERNAME ?? login;
    if (answer.ChallengeName === "NEW_PASSWORD_REQUIRED") return { kind: "new-password", username };
    const challenge = PASSED_CHALLENGES.find((c) => c === answer.ChallengeName);
    if (challenge && answer.Session) return { kind: "challenge", challengeName: challenge, session: answer.Session, username, destination: answer.ChallengeParameters?.CODE_DELIVERY_DESTINATION ?? null };
    // MFA_SETUP, SELECT_MFA_TYPE, custom challenges: nothing a migrating user can be walked through once.
    throw new OldPoolError(`${where}: InitiateAuth answered ${answer.ChallengeName ?? "nothing"}, which a migration cannot pass through`);
  };

  return {
    signIn: (login, password) => readAuth(() => client.send(new InitiateAuthCommand({
      AuthFlow: "USER_PASSWORD_AUTH", ClientId: setting.clientId, AuthParameters: { USERNAME: login, PASSWORD: password, ...secretHash(login) },
    })), login),
    respond: ({ username, challengeName, session, code }) => readAuth(() => client.send(new RespondToAuthChallengeCommand({
      ClientId: setting.clientId, ChallengeName: challengeName, Session: session,
      ChallengeResponses: { USERNAME: username, [`${challengeName}_CODE`]: code, ...secretHash(username) },
    })), username),
    async getUser(login) {
      try {
        const user = await client.send(new AdminGetUserCommand({ UserPoolId: setting.userPoolId, Username: login }));
        return { username: user.Username ?? login, attributes: attributeMap(user.UserAttributes), enabled: user.Enabled !== false, status: user.UserStatus ?? "CONFIRMED" };
      } catch (error) {
        if ((error as { name?: string }).name === "UserNotFoundException") return null;
        throw failed(where, "AdminGetUser", error);
      }
    },
    async groupsOf(username) {
      const groups: OldGroup[] = [];
      let token: string | undefined;
      try {
        do {
          const page = await client.send(new AdminListGroupsForUserCommand({ UserPoolId: setting.userPoolId, Username: username, NextToken: token }));
          groups.push(...(page.Groups ?? []).map(toOldGroup));
          token = page.NextToken;
        } while (token);
      } catch (error) {
        throw failed(where, "AdminListGroupsForUser", error);
      }
      return groups;
    },
  };
}

export function attributeMap(attributes: AttributeType[] | undefined): Record<string, string> {
  return Object.fromEntries((attributes ?? []).filter((a) => a.Name && a.Value !== undefined).map((a) => [a.Name!, a.Value!]));
}

export function toOldGroup(group: GroupType): OldGroup {
  return { name: group.GroupName!, description: group.Description ?? "", precedence: group.Precedence ?? null, roleArn: group.RoleArn ?? null };
}

function failed(where: string, call: string, error: unknown): OldPoolError {
  const e = error as { name?: string; message?: string };
  return new OldPoolError(`${where}: ${call} failed: ${e.name ?? "Error"}: ${e.message ?? String(error)}`);
}

/** The `username` claim of the old pool's access token (it came straight from the old pool; only read, not trusted for more). */
function usernameOfToken(token: string): string | null {
  try {
    const payload = JSON.parse(Buffer.from(token.split(".")[1] ?? "", "base64url").toString("utf8")) as { username?: unknown };
    return typeof payload.username === "string" ? payload.username : null;
  } catch {
    return null;
  }
}
