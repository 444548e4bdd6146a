// InitiateAuth and RespondToAuthChallenge, and the refresh-token operations: the Cognito API's
// front door to the sign-in engine (lib/auth-flow) and the token issuer (lib/oidc/issue-tokens.ts).
// The flow's state travels sealed in the `Session` Cognito's clients hand back (valid 3 minutes).
import { z } from "zod";
import { COGNITO_CHALLENGES, RECOVERY_CODE_STEPS, type Outcome } from "../auth-flow/contract.ts";
import { isResponseName, respond, start } from "../auth-flow/engine.ts";
import { openSession, sealSession, spendSession } from "../auth-flow/session.ts";
import { AppError } from "../errors.ts";
import { AuthFlowSchema } from "../pools/auth-flows.ts";
import { constantTimeEqual, sha256 } from "../security/secrets.ts";
import { assertFlowAllowed, assertSecretHash, secretHashMatches, loadApiClient, type ApiClient } from "./app-client.ts";
import { operation, type Call } from "./call.ts";
import { ClientId, Session, StringMap, Token } from "./validation.ts";
import { deviceOfApiSignIn, refreshDeviceKey } from "../devices/api-sign-in-device.ts";
import { findUsernameOf } from "./users.queries.ts";


const missing = (name: string) => new AppError("InvalidParameterException", `Missing required parameter ${name}`);
const param = (map: Record<string, string> | undefined, name: string): string => {
  const value = map?.[name];
  if (!value) throw missing(name);
  return value;
};

/** What a sign-in outcome is to a Cognito client: the next challenge with a Session, or tokens. */
export async function answerOutcome(
  call: Call, client: ApiClient, outcome: Outcome,
  trigger: { source?: "Authentication" | "NewPasswordChallenge"; clientMetadata?: Record<string, string> | undefined } = {},
): Promise<object> {
  if (outcome.kind === "done") {
    const device = await deviceOfApiSignIn(call.rt.db, { pool: client.entry.pool, state: outcome.state, userId: outcome.userId, context: call.context });
    const tokens = await client.entry.tokens.signIn(call, { clientId: client.clientId, userId: outcome.userId, amr: outcome.amr, ...trigger, deviceKey: device.deviceKey });
    return { ChallengeParameters: {}, AuthenticationResult: { ...tokens, ...(device.newDeviceMetadata ? { NewDeviceMetadata: device.newDeviceMetadata } : {}) } };
  }
  switch (outcome.challengeName) {
    // A password sign-in that lands on a confirmation is, to the API, the exception Cognito answers.
    case "ConfirmSignUp":
      throw new AppError("UserNotConfirmedException", "User is not confirmed.");
    case "ConfirmForgotPassword":
      throw new AppError("PasswordResetRequiredException", "Password reset required for the user");
    default:
      return {
        ChallengeName: outcome.challengeName,
        ChallengeParameters: outcome.parameters,
        Session: sealSession(call.rt.secrets, outcome.state),
        ...(outcome.availableChallenges ? { AvailableChallenges: outcome.availableChallenges } : {}),
      };
  }
}

/** REFRESH_TOKEN_AUTH, for InitiateAuth and AdminInitiateAuth alike. */
export async function refreshSignIn(call: Call, client: ApiClient, params: Record<string, string> | undefined): Promise<object> {
  const refreshToken = param(params, "REFRESH_TOKEN");
  // A client with a secret proves it with SECRET_HASH over the token's user: their username, or
  // their sub (what Cognito's docs ask for where the email is the username).
  const assertOwner = client.secretSha256 !== null
    ? async (userId: string) => {
        const username = await findUsernameOf(call.rt.db, { userId });
        const given = params?.SECRET_HASH;
        if (given && username !== null && [username, userId].some((name) => secretHashMatches(client, name, given))) return;
        assertSecretHash(client, username ?? userId, given ?? undefined);
      }
    : undefined;
  const deviceKey = params?.DEVICE_KEY;
  const tokens = await client.entry.tokens.refresh(call, {
    clientId: client.clientId, refreshToken, ...(assertOwner ? { assertOwner } : {}),
    // The device named is the token's user's, and the new access token's device_key.
    ...(deviceKey ? { deviceKeyFor: (userId: string) => refreshDeviceKey(call.rt.db, { userId, deviceKey }) } : {}),
  });
  return { ChallengeParameters: {}, AuthenticationResult: tokens };
}

/**
 * The request context with what the triggers get: as Cognito, a sign-in's ClientMetadata is both the
 * pre authentication / user migration trigger's validationData and the others' clientMetadata.
 */
export function triggerCallContext(call: Call, clientMetadata: Record<string, string> | undefined) {
  return { ...call.context, validationData: clientMetadata, clientMetadata };
}

/** A sign-in with the password itself: InitiateAuth's USER_PASSWORD_AUTH, and AdminInitiateAuth's ADMIN_USER_PASSWORD_AUTH. */
export async function passwordSignIn(call: Call, client: ApiClient, params: Record<string, string> | undefined, clientMetadata?: Record<string, string>): Promise<object> {
  const username = param(params, "USERNAME");
  assertSecretHash(client, username, params?.SECRET_HASH);
  const outcome = await start(call.rt, {
    pool: client.entry.pool, clientId: client.clientId, flow: "USER_PASSWORD_AUTH", parameters: { USERNAME: username, PASSWORD: param(params, "PASSWORD"), DEVICE_KEY: params?.DEVICE_KEY },
    context: triggerCallContext(call, clientMetadata),
  });
  return answerOutcome(call, client, outcome);
}

/** USER_AUTH, choice-based sign-in: InitiateAuth and AdminInitiateAuth alike. */
export async function choiceSignIn(
  call: Call, client: ApiClient, username: string, params: Record<string, string> | undefined, clientMetadata: Record<string, string> | undefined,
): Promise<object> {
  const outcome = await start(call.rt, {
    pool: client.entry.pool, clientId: client.clientId, flow: "USER_AUTH",
    parameters: {
      USERNAME: username, PREFERRED_CHALLENGE: params?.PREFERRED_CHALLENGE, PASSWORD: params?.PASSWORD, SRP_A: params?.SRP_A,
      preventUserExistenceErrors: client.preventUserExistenceErrors,
    },
    context: triggerCallContext(call, clientMetadata),
  });
  return answerOutcome(call, client, outcome);
}

export const InitiateAuth = operation({
  auth: "public",
  input: z.object({
    AuthFlow: AuthFlowSchema,
    ClientId,
    AuthParameters: StringMap.optional(),
    ClientMetadata: StringMap.optional(),
    AnalyticsMetadata: z.object({}).passthrough().optional(),
    UserContextData: z.object({}).passthrough().optional(),
  }),
  async run(call, input) {
    const client = await loadApiClient(call.rt, input.ClientId);
    const flow = input.AuthFlow;
    if (flow === "ADMIN_NO_SRP_AUTH" || flow === "ADMIN_USER_PASSWORD_AUTH") throw new AppError("InvalidParameterException", "Initiate Auth method not supported.");
    assertFlowAllowed(client, flow);
    const params = input.AuthParameters;
    if (flow === "REFRESH_TOKEN_AUTH" || flow === "REFRESH_TOKEN") return refreshSignIn(call, client, params);
    if (flow === "USER_PASSWORD_AUTH") return passwordSignIn(call, client, params, input.ClientMetadata);
    const username = param(params, "USERNAME");
    assertSecretHash(client, username, params?.SECRET_HASH);
    if (flow === "USER_SRP_AUTH") {
      const outcome = await start(call.rt, { pool: client.entry.pool, clientId: client.clientId, flow, parameters: { USERNAME: username, SRP_A: param(params, "SRP_A"), DEVICE_KEY: params?.DEVICE_KEY }, context: triggerCallContext(call, input.ClientMetadata) });
      return answerOutcome(call, client, outcome);
    }
    if (flow === "CUSTOM_AUTH") {
      const outcome = await start(call.rt, {
        pool: client.entry.pool, clientId: client.clientId, flow,
        parameters: {
          USERNAME: username, preventUserExistenceErrors: client.preventUserExistenceErrors,
          ...(params?.SRP_A ? { SRP_A: params.SRP_A } : {}), ...(input.ClientMetadata ? { clientMetadata: input.ClientMetadata } : {}),
        },
        context: triggerCallContext(call, input.ClientMetadata),
      });
      return answerOutcome(call, client, outcome);
    }
    if (flow === "USER_AUTH") return choiceSignIn(call, client, username, params, input.ClientMetadata);
    throw new AppError("InvalidParameterException", `${String(flow)} is not supported by Gatehouse yet.`);
  },
});

/** The challenge names RespondToAuthChallenge and AdminRespondToAuthChallenge accept (the engine answers some of them). */
export const ChallengeNameSchema = z.enum(COGNITO_CHALLENGES as unknown as [string, ...string[]])
  .or(z.enum(["ADMIN_NO_SRP_AUTH", "DEVICE_SRP_AUTH", "DEVICE_PASSWORD_VERIFIER", "SMS_OTP", "PASSWORD", "WEB_AUTHN", "SELECT_CHALLENGE"]));

/** Answers the challenge of a flow this client started: RespondToAuthChallenge and AdminRespondToAuthChallenge alike. */
export async function respondToChallenge(
  call: Call,
  client: ApiClient,
  input: { ChallengeName: string; Session?: string | undefined; ChallengeResponses?: Record<string, string> | undefined; ClientMetadata?: Record<string, string> | undefined },
): Promise<object> {
  const responses = input.ChallengeResponses ?? {};
  // Gatehouse's extension: RECOVERY_CODE instead of the code a second-factor challenge asks for.
  const recovery = recoveryCodeAnswer(input.ChallengeName, responses);
  const name = recovery ? "RecoveryCode" : input.ChallengeName;
  if (!isResponseName(name) || name === "ConfirmSignUp" || name === "ConfirmForgotPassword" || name === "ResendConfirmationCode" || name === "ResendSignInCode") {
    throw new AppError("InvalidParameterException", `${name} is not supported by Gatehouse yet.`);
  }
  const { DEVICE_SECRET: _cookieOnly, ...apiResponses } = responses;
  const username = param(responses, "USERNAME");
  assertSecretHash(client, username, responses.SECRET_HASH);
  if (!input.Session) throw new AppError("NotAuthorizedException", "Invalid session for the user.");
  const opened = await openSession(call.rt, input.Session, { poolId: client.entry.pool.id, clientId: client.clientId });
  // A recovery code answers the challenge named, and only the one the session waits for.
  if (recovery && opened.state.step !== input.ChallengeName) throw new AppError("NotAuthorizedException", "Invalid session for the user.");
  // MFA_SETUP finished by VerifySoftwareToken with this Session (Amplify and amazon-cognito-identity-js
  // then answer MFA_SETUP with the username only): the engine has signed the user in, tokens remain.
  if (name === "MFA_SETUP" && opened.state.step === "DONE" && opened.state.userId) {
    await spendSession(call.rt.counters, opened.jti);
    return answerOutcome(call, client, { kind: "done", state: opened.state, userId: opened.state.userId, amr: opened.state.amr ?? ["pwd"], user: null });
  }
  // A password proof is answered once, right or wrong (its SRP state must not be replayed); other
  // challenges may be answered again after a wrong code, until the flow moves on.
  // A password proof (the user's or a device's) is answered once, right or wrong, and so is a passkey's challenge.
  if (name === "PASSWORD_VERIFIER" || name === "DEVICE_PASSWORD_VERIFIER" || name === "WEB_AUTHN") await spendSession(call.rt.counters, opened.jti);
  const outcome = await respond(call.rt, {
    pool: client.entry.pool, state: opened.state, name, context: triggerCallContext(call, input.ClientMetadata),
    // DEVICE_SECRET is the hosted UI's device cookie: an API caller proves a device by DEVICE_SRP_AUTH only.
    answers: (recovery ? { RECOVERY_CODE: recovery } : name === "CUSTOM_CHALLENGE" && input.ClientMetadata ? { ...apiResponses, clientMetadata: input.ClientMetadata } : apiResponses) as never,
  });
  await spendSession(call.rt.counters, opened.jti);
  // Tokens issued on a new password are TokenGeneration_NewPasswordChallenge to the pre token generation trigger.
  const source = name === "NEW_PASSWORD_REQUIRED" ? "NewPasswordChallenge" : "Authentication";
  return answerOutcome(call, client, outcome, { source, clientMetadata: input.ClientMetadata });
}

/**
 * RECOVERY_CODE in the ChallengeResponses of a second-factor challenge (SOFTWARE_TOKEN_MFA, SMS_MFA,
 * EMAIL_OTP, SELECT_MFA_TYPE): a recovery code instead of that challenge's code. Not Cognito's: a
 * Gatehouse extension (Cognito has no recovery codes).
 */
function recoveryCodeAnswer(challengeName: string, responses: Record<string, string>): string | null {
  const code = responses.RECOVERY_CODE;
  return code && (RECOVERY_CODE_STEPS as readonly string[]).includes(challengeName) ? code : null;
}

export const RespondToAuthChallenge = operation({
  auth: "public",
  input: z.object({
    ClientId,
    ChallengeName: ChallengeNameSchema,
    Session: Session.optional(),
    ChallengeResponses: StringMap.optional(),
    ClientMetadata: StringMap.optional(),
    AnalyticsMetadata: z.object({}).passthrough().optional(),
    UserContextData: z.object({}).passthrough().optional(),
  }),
  async run(call, input) {
    return respondToChallenge(call, await loadApiClient(call.rt, input.ClientId), input);
  },
});

export const GetTokensFromRefreshToken = operation({
  auth: "public",
  input: z.object({ RefreshToken: Token, ClientId, ClientSecret: z.string().min(1).max(256).optional(), ClientMetadata: StringMap.optional() }),
  async run(call, input) {
    const client = await loadApiClient(call.rt, input.ClientId);
    assertClientSecret(client, input.ClientSecret);
    assertFlowAllowed(client, "REFRESH_TOKEN_AUTH");
    const tokens = await client.entry.tokens.refresh(call, { clientId: client.clientId, refreshToken: input.RefreshToken, clientMetadata: input.ClientMetadata });
    return { AuthenticationResult: tokens };
  },
});

export const RevokeToken = operation({
  auth: "public",
  input: z.object({ Token, ClientId, ClientSecret: z.string().min(1).max(256).optional() }),
  async run(call, input) {
    const client = await loadApiClient(call.rt, input.ClientId);
    assertClientSecret(client, input.ClientSecret);
    await client.entry.tokens.revoke(call, { clientId: client.clientId, refreshToken: input.Token });
    return {};
  },
});

/** Operations that take the client secret itself (RevokeToken, GetTokensFromRefreshToken) compare it with the stored hash. */
function assertClientSecret(client: ApiClient, given: string | undefined) {
  if (client.secretSha256 === null) return;
  if (!given || !client.secretSha256 || !constantTimeEqual(client.secretSha256, sha256(given))) throw new AppError("NotAuthorizedException", "Client secret is invalid.");
}
