// The engine's vocabulary, in Cognito's names: the challenges of a sign-in, the account operations
// Cognito has as separate calls, what each takes as answers, and what the engine hands back. Every
// front door (the hosted UI, the Cognito JSON API) speaks to the engine in these terms only: no
// pages, no wording, no HTTP.
import type { UserRow } from "../users/user.ts";
import type { SrpChallenge } from "../users/verify-sign-in.ts";
import type { Db } from "../db/client.ts";
import type { ProviderRegistry } from "../oidc/registry.ts";
import type { Sender } from "../messaging/sender.ts";
import type { Pool } from "../pools/pool.ts";
import type { Counters } from "../security/rate-limit.ts";
import type { FederatedProfile } from "../federation/profile.ts";
import type { Secrets } from "../security/secrets.ts";
import type { MfaFactor } from "../users/mfa-preference.ts";
import type { OldPoolChallenge } from "../migration/cognito-source.ts";
import type { Locale } from "../i18n/locales.ts";

/**
 * Every challenge Cognito names. The engine implements the first four; the others are named so a
 * door can recognise them and get InvalidParameterException rather than an unknown string.
 */
export const COGNITO_CHALLENGES = [
  "PASSWORD_VERIFIER", "NEW_PASSWORD_REQUIRED", "MFA_SETUP", "SOFTWARE_TOKEN_MFA",
  "SELECT_MFA_TYPE", "CUSTOM_CHALLENGE", "SMS_MFA", "EMAIL_OTP",
  "DEVICE_SRP_AUTH", "DEVICE_PASSWORD_VERIFIER",
  // Choice-based sign-in (USER_AUTH).
  "SELECT_CHALLENGE", "WEB_AUTHN", "SMS_OTP", "PASSWORD", "PASSWORD_SRP",
] as const;
export type CognitoChallengeName = (typeof COGNITO_CHALLENGES)[number];

/** The challenges the engine answers today. */
export type ChallengeName =
  | "PASSWORD_VERIFIER" | "NEW_PASSWORD_REQUIRED" | "MFA_SETUP" | "SOFTWARE_TOKEN_MFA" | "CUSTOM_CHALLENGE"
  | "SMS_MFA" | "SELECT_MFA_TYPE"
  | "DEVICE_SRP_AUTH" | "DEVICE_PASSWORD_VERIFIER"
  | UserAuthChallenge;

/** The challenges of choice-based sign-in (USER_AUTH): the choice, and each first factor. EMAIL_OTP is also Cognito's email MFA challenge (state.passwordless tells them apart). */
export type UserAuthChallenge = "SELECT_CHALLENGE" | "WEB_AUTHN" | "EMAIL_OTP" | "SMS_OTP" | "PASSWORD" | "PASSWORD_SRP";

/** What a user may choose to start with (Cognito's AvailableChallenges of SELECT_CHALLENGE). */
export type FirstFactor = "WEB_AUTHN" | "EMAIL_OTP" | "SMS_OTP" | "PASSWORD" | "PASSWORD_SRP";

/**
 * Account operations that continue a flow (Cognito's ConfirmSignUp, ResendConfirmationCode,
 * ConfirmForgotPassword), and ResendSignInCode: a new SMS_MFA / EMAIL_OTP code, which the hosted
 * UI offers ("Send a new code"); Cognito's API has no such call (a client signs in again).
 */
export type AccountOperation = "ConfirmSignUp" | "ResendConfirmationCode" | "ConfirmForgotPassword" | "ResendSignInCode";

/**
 * A recovery code (lib/mfa/recovery-codes.ts, beyond Cognito): answers whichever second-factor
 * challenge the flow waits for (RECOVERY_CODE_STEPS), instead of the code that challenge asks for.
 */
export type RecoveryAnswer = "RecoveryCode";

/** The second-factor steps a recovery code answers (some come with SMS and email MFA). */
export const RECOVERY_CODE_STEPS = ["SOFTWARE_TOKEN_MFA", "SMS_MFA", "EMAIL_OTP", "SELECT_MFA_TYPE"] as const;

/** What `respond` accepts. */
export type ResponseName = ChallengeName | AccountOperation | RecoveryAnswer;

/** What a flow waits for next: a challenge, a confirmation (sign-up or reset code), or nothing. */
export type Step = ChallengeName | "ConfirmSignUp" | "ConfirmForgotPassword" | "DONE";

/**
 * How a flow starts: Cognito's InitiateAuth flows (password, SRP, custom), SignUp, ForgotPassword,
 * and a sign-in an identity provider vouched for (EXTERNAL_PROVIDER, the hosted UI's federation).
 */
export type StartFlow = "USER_PASSWORD_AUTH" | "USER_SRP_AUTH" | "CUSTOM_AUTH" | "USER_AUTH" | "SignUp" | "ForgotPassword" | "EXTERNAL_PROVIDER";

/** Answers, by what they answer, under Cognito's parameter names. */
export type Answers = {
  /** The password itself (the hosted form), or the SRP proof of USER_SRP_AUTH. */
  PASSWORD_VERIFIER: { USERNAME: string; PASSWORD?: string; PASSWORD_CLAIM_SECRET_BLOCK?: string; PASSWORD_CLAIM_SIGNATURE?: string; TIMESTAMP?: string } & DeviceParameters;
  NEW_PASSWORD_REQUIRED: { NEW_PASSWORD: string };
  /** `recoveryCodes`: issue a new set of recovery codes with the enrolment (the door shows them: the hosted UI does). */
  MFA_SETUP: { SOFTWARE_TOKEN_MFA_CODE: string; recoveryCodes?: boolean };
  SOFTWARE_TOKEN_MFA: { SOFTWARE_TOKEN_MFA_CODE: string };
  CUSTOM_CHALLENGE: { ANSWER: string; clientMetadata?: Record<string, string> };
  SMS_MFA: { SMS_MFA_CODE: string };
  EMAIL_OTP: { EMAIL_OTP_CODE: string };
  /** One of MFAS_CAN_CHOOSE: SMS_MFA, SOFTWARE_TOKEN_MFA or EMAIL_OTP. */
  SELECT_MFA_TYPE: { ANSWER: string };
  ResendSignInCode: Record<string, never>;
  /** The remembered device's own SRP (amazon-cognito-identity-js's getDeviceResponse). */
  DEVICE_SRP_AUTH: { USERNAME: string; DEVICE_KEY: string; SRP_A: string };
  DEVICE_PASSWORD_VERIFIER: { USERNAME: string; DEVICE_KEY: string; PASSWORD_CLAIM_SECRET_BLOCK: string; PASSWORD_CLAIM_SIGNATURE: string; TIMESTAMP: string };
  /** The factor chosen, with what it needs at once: the password (PASSWORD) or SRP_A (PASSWORD_SRP). */
  SELECT_CHALLENGE: { ANSWER: string; PASSWORD?: string; SRP_A?: string };
  /** The browser's AuthenticationResponseJSON, as JSON text. */
  WEB_AUTHN: { CREDENTIAL: string };
  SMS_OTP: { SMS_OTP_CODE: string };
  PASSWORD: { PASSWORD: string };
  PASSWORD_SRP: { SRP_A: string };
  ConfirmSignUp: { CONFIRMATION_CODE: string };
  ResendConfirmationCode: Record<string, never>;
  ConfirmForgotPassword: { CONFIRMATION_CODE: string; PASSWORD: string };
  RecoveryCode: { RECOVERY_CODE: string };
};

/** What each way of starting takes. */
export type StartParameters = {
  USER_PASSWORD_AUTH: { USERNAME: string; PASSWORD: string } & DeviceParameters;
  USER_SRP_AUTH: { USERNAME: string; SRP_A: string } & DeviceParameters;
  /** A name with no account goes through the triggers (userNotFound) only when the client prevents user-existence errors. */
  CUSTOM_AUTH: { USERNAME: string; preventUserExistenceErrors: boolean; clientMetadata?: Record<string, string>; SRP_A?: string };
  /** A sign-up the pre sign-up trigger confirmed goes on to sign in unless `signInWhenConfirmed` is false (the API's SignUp only answers UserConfirmed). */
  /**
   * Choice-based sign-in. USERNAME may be left out only for a discoverable passkey
   * (PREFERRED_CHALLENGE WEB_AUTHN, the hosted page's "Sign in with a passkey"): the passkey names its user.
   */
  USER_AUTH: { USERNAME?: string | undefined; PREFERRED_CHALLENGE?: string | undefined; PASSWORD?: string | undefined; SRP_A?: string | undefined; preventUserExistenceErrors: boolean };
  SignUp: { USERNAME?: string | undefined; PASSWORD: string; userAttributes: Record<string, string>; signInWhenConfirmed?: boolean };
  ForgotPassword: { USERNAME: string };
  /** Who the IdP says the user is, already checked by lib/federation (signatures, audience, nonce…). */
  EXTERNAL_PROVIDER: { profile: FederatedProfile };
};

/**
 * The device a sign-in comes from: Cognito's DEVICE_KEY (the API's clients), and for the hosted UI
 * the secret of its device cookie, which the engine checks (lib/devices/device-sign-in.ts).
 */
export type DeviceParameters = { DEVICE_KEY?: string | undefined; DEVICE_SECRET?: string | undefined };

/**
 * A flow in progress: plain JSON, so each door keeps it its own way (the hosted UI in its AuthFlow
 * row, the Cognito API sealed into the opaque `Session` it hands out, see session.ts). It holds no
 * secret in clear: a TOTP seed being set up is encrypted with GATEHOUSE_SECRET.
 */
export type FlowState = {
  poolId: string;
  clientId: string;
  step: Step;
  userId: string | null;
  /** The password was checked in this flow, so confirming sign-up may finish signing in. */
  passwordVerified?: boolean;
  amr?: string[];
  /** A TOTP secret being set up (MFA_SETUP), encrypted. */
  pendingTotpEnc?: string;
  /** Where the last sign-up or sign-in code (SMS_MFA, EMAIL_OTP) went, masked. */
  destination?: string | null;
  /** The factors offered: MFAS_CAN_CHOOSE at SELECT_MFA_TYPE, MFAS_CAN_SETUP at MFA_SETUP. */
  mfaChoices?: MfaFactor[];
  /** Wrong codes tried where no account matched (reset) or none was made (a concealed sign-up). */
  wrongCodes?: number;
  /** The name forgot password was asked for: where no account matched, wrong codes count against it. */
  resetLogin?: string;
  /** A sign-up that hid an existing account: the address its sends and wrong codes count against. */
  concealedSignUp?: string;
  /** USER_SRP_AUTH's server side of PASSWORD_VERIFIER (its secret exponent included): only ever sealed. */
  srp?: SrpChallenge;
  /** CUSTOM_AUTH's session so far and the challenge waiting for its answer (its private parameters only ever sealed). */
  custom?: CustomAuthState;
  /**
   * An IdP identity waiting to be linked: the IdP vouched for an email a native user has verified,
   * so that user proves the account (password, then MFA); once they have, the identity is theirs.
   */
  link?: { userId: string; providerName: string; providerUserId: string; issuer: string | null };
  /** USER_AUTH: the name given (if any) and the factors offered for it. */
  userAuth?: { login: string | null; available: FirstFactor[] };
  /** WEB_AUTHN's challenge, kept here and nowhere else, taken out by the answer (lib/passkeys). */
  webAuthn?: { challenge: string; expiresAt: number };
  /** A passwordless code sign-in (EMAIL_OTP / SMS_OTP as the first and only factor), not the MFA factor of the same name. */
  passwordless?: { channel: "EMAIL" | "SMS" };
  /** The device the sign-in comes from (lib/devices/device-sign-in.ts): its proof, and DEVICE_SRP_AUTH's server half (only ever sealed). */
  device?: DeviceState;
  /**
   * A first sign-in moving in from the pool's migrateFrom, whose old pool asked for a second factor:
   * its Session and the typed password (sealed), until the user's code is forwarded (lib/migration).
   * Only ever sealed (the API's Session) or in the hosted UI's flow row; never shown.
   */
  oldPool?: OldPoolChallenge;
};

/**
 * A sign-in's device: claimed (a DEVICE_KEY, not yet proved), proved by its cookie's secret (hosted
 * UI) or by its SRP proof (DEVICE_PASSWORD_VERIFIER). Only a proved device skips MFA or reaches the token.
 */
export type DeviceState = {
  key: string;
  proof: "claimed" | "cookie" | "srp";
  /** DEVICE_SRP_AUTH was asked instead of MFA: the device must still be remembered when it proves itself. */
  skipsMfa?: boolean;
  srp?: { A: string; b: string; B: string; secretBlock: string };
};

/** A custom authentication in progress: what DefineAuthChallenge sees as `session`, and the open challenge. */
export type CustomAuthState = {
  login: string;
  userName: string;
  userNotFound: boolean;
  history: { challengeName: string; challengeResult: boolean; challengeMetadata: string }[];
  clientMetadata: Record<string, string>;
  pending?: { publicParameters: Record<string, string>; privateParameters: Record<string, string>; metadata: string };
};

/** Whether a code was sent by the step just taken (false: past the hourly cap, or delivery failed; the earlier code still works). */
export type Delivery = { sent: boolean };

export type Outcome =
  | {
      kind: "challenge"; state: FlowState; challengeName: Exclude<Step, "DONE">; parameters: Record<string, string>; delivery?: Delivery;
      /** SELECT_CHALLENGE's choices (Cognito's top-level AvailableChallenges). */
      availableChallenges?: FirstFactor[];
    }
  | {
      kind: "done"; state: FlowState; userId: string; amr: string[];
      /** The user as the last step loaded them, so finishing need not read them again. */
      user: SignedInUser | null;
      /** Recovery codes issued with an MFA enrolment that asked for them: to show once, never to keep in clear. */
      recoveryCodes?: string[];
    };

/** What finishing a sign-in needs of the user: how the audit log names them, and their failure count. */
export type SignedInUser = Pick<UserRow, "email" | "username" | "failedAttempts" | "lockedUntil">;

/**
 * Who is asking, for rate limits and the audit log; and what the Cognito API's caller passed on to
 * the triggers (ValidationData, ClientMetadata). The hosted UI passes none.
 */
export type RequestContext = {
  ip: string;
  userAgent: string | null;
  validationData?: Record<string, string> | undefined;
  clientMetadata?: Record<string, string> | undefined;
  /** The language of the page that asked (hosted pages), for the messages this step sends; none for the Cognito API. */
  locale?: Locale | undefined;
};

export type EngineDeps = {
  db: Db;
  sender: Sender;
  secrets: Secrets;
  counters: Counters;
  log: (line: string) => void;
  /** publicUrl: the relying party of passkeys defaults to its host (lib/passkeys). */
  env: { rateLimitFactor: number; publicUrl?: string };
  /** The pools' providers, which hold each pool's app clients in memory (lib/oidc/pool-clients.ts);
   * without it (a script, a unit test) a step reads its client from the database. */
  providers?: Pick<ProviderRegistry, "get">;
  /** Set by the engine from RequestContext.locale for one step: the language of messages that step sends (lib/i18n/message-locale.ts). */
  requestLocale?: Locale | undefined;
};

/** What every step receives: the pool as its provider was built, the request, the flow so far. */
export type StepInput<A> = { deps: EngineDeps; pool: Pool; state: FlowState; answers: A; context: RequestContext };
