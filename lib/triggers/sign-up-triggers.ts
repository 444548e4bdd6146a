// The triggers around creating and confirming an account, with Cognito's events: pre sign-up
// (PreSignUp_SignUp, PreSignUp_AdminCreateUser) before the user is written, and post confirmation
// (PostConfirmation_ConfirmSignUp, PostConfirmation_ConfirmForgotPassword) after the
// confirmation is written. lib/users calls them, so every door fires them at the same moment.
import type { Pool } from "../pools/pool.ts";
import type { UserRow } from "../users/user.ts";
import { cognitoEvent } from "./events.ts";
import { eventUserAttributes } from "./user-attributes.ts";
import { invokeTrigger, type TriggerDeps } from "./invoke.ts";

/** What a door passes on to the triggers: the app client (null for admin operations) and the caller's data. */
export type TriggerContext = {
  clientId: string | null;
  /** The API's ValidationData (SignUp, AdminCreateUser, InitiateAuth's pre-auth / migration). */
  validationData?: Record<string, string> | undefined;
  /** The API's ClientMetadata. */
  clientMetadata?: Record<string, string> | undefined;
};

export const NO_TRIGGER_CONTEXT: TriggerContext = { clientId: null };

export type PreSignUpDecision = { autoConfirmUser: boolean; autoVerifyEmail: boolean; autoVerifyPhone: boolean };

/**
 * Pre sign-up, before anything is written: a refusal (UserLambdaValidationException) stops the
 * sign-up. As Cognito, auto-verifying an address needs the user auto-confirmed, and an AdminCreateUser
 * is never auto-confirmed (the user still has a temporary password).
 */
export async function runPreSignUp(
  deps: TriggerDeps,
  options: { pool: Pool; source: "PreSignUp_SignUp" | "PreSignUp_AdminCreateUser" | "PreSignUp_ExternalProvider"; userName: string; attributes: Record<string, string>; context: TriggerContext },
): Promise<PreSignUpDecision> {
  const { pool, context } = options;
  const event = cognitoEvent(pool, {
    triggerSource: options.source, userName: options.userName, clientId: context.clientId,
    request: {
      userAttributes: { ...options.attributes },
      validationData: context.validationData ?? null,
      ...(context.clientMetadata ? { clientMetadata: context.clientMetadata } : {}),
    },
    response: { autoConfirmUser: false, autoVerifyEmail: false, autoVerifyPhone: false },
  });
  const answered = await invokeTrigger(deps, pool, "preSignUp", event);
  const response = answered?.response;
  const autoConfirmUser = options.source === "PreSignUp_SignUp" && response?.autoConfirmUser === true;
  return {
    autoConfirmUser,
    autoVerifyEmail: autoConfirmUser && response?.autoVerifyEmail === true && !!options.attributes.email,
    autoVerifyPhone: autoConfirmUser && response?.autoVerifyPhone === true && !!options.attributes.phone_number,
  };
}

/**
 * Post confirmation, after the confirmation is written: a handler's error reaches the caller, but
 * the account stays confirmed (as in Cognito).
 */
export async function runPostConfirmation(
  deps: TriggerDeps,
  options: { pool: Pool; source: "PostConfirmation_ConfirmSignUp" | "PostConfirmation_ConfirmForgotPassword"; user: UserRow; context: TriggerContext },
): Promise<void> {
  const { pool, user, context } = options;
  if (!pool.triggers.postConfirmation) return;
  await invokeTrigger(deps, pool, "postConfirmation", cognitoEvent(pool, {
    triggerSource: options.source, userName: user.username, clientId: context.clientId,
    request: { userAttributes: eventUserAttributes(user), ...(context.clientMetadata ? { clientMetadata: context.clientMetadata } : {}) },
    response: {},
  }));
}

/** A user's attributes as Cognito puts them in trigger events: with sub and cognito:user_status. */
