// The triggers around a sign-in, with Cognito's events: pre authentication
// (PreAuthentication_Authentication), after the user is found and before their password or SRP
// proof is accepted, and post authentication (PostAuthentication_Authentication) once the sign-in
// is complete. The sign-in engine calls them, so the hosted UI and the Cognito API fire them alike.
import type { Pool } from "../pools/pool.ts";
import type { UserRow } from "../users/user.ts";
import { invokeTrigger, type TriggerDeps } from "./invoke.ts";
import { cognitoEvent } from "./events.ts";
import type { TriggerContext } from "./sign-up-triggers.ts";
import { eventUserAttributes } from "./user-attributes.ts";

/**
 * Pre authentication. `user` null is a name with no account: Cognito asks the trigger only where
 * the app client prevents user-existence errors, with userNotFound true (the caller decides).
 * A refusal is UserLambdaValidationException.
 */
export async function runPreAuthentication(
  deps: TriggerDeps,
  options: { pool: Pool; user: UserRow | null; login: string; context: TriggerContext },
): Promise<void> {
  const { pool, user, context } = options;
  if (!pool.triggers.preAuthentication) return;
  await invokeTrigger(deps, pool, "preAuthentication", cognitoEvent(pool, {
    triggerSource: "PreAuthentication_Authentication", userName: user?.username ?? options.login, clientId: context.clientId,
    request: {
      userAttributes: user ? eventUserAttributes(user) : {},
      ...(user ? {} : { userNotFound: true }),
      validationData: context.validationData ?? {},
    },
    response: {},
  }));
}

/** Post authentication, once a sign-in is complete (before tokens are issued): a refusal fails the sign-in. */
export async function runPostAuthentication(deps: TriggerDeps, options: { pool: Pool; user: UserRow; context: TriggerContext }): Promise<void> {
  const { pool, user, context } = options;
  if (!pool.triggers.postAuthentication) return;
  await invokeTrigger(deps, pool, "postAuthentication", cognitoEvent(pool, {
    triggerSource: "PostAuthentication_Authentication", userName: user.username, clientId: context.clientId,
    request: {
      userAttributes: eventUserAttributes(user),
      newDeviceUsed: false,
      ...(context.clientMetadata ? { clientMetadata: context.clientMetadata } : {}),
    },
    response: {},
  }));
}
