// EXTERNAL_PROVIDER: an identity provider vouched for the user (lib/federation checked its answer).
// The primary step is then done: the linked or new federated user is signed in, as in Cognito,
// without the pool's MFA (the IdP did the authenticating). Where the IdP's verified email is a
// native user's, the flow turns to PASSWORD_VERIFIER for that user to prove the account; the
// engine links the identity once they have (engine.ts).
import { AppError } from "../../errors.ts";
import { identityIssuer, resolveFederatedUser } from "../../federation/federated-user.ts";
import { runPreAuthentication } from "../../triggers/sign-in-triggers.ts";
import type { Outcome, StartParameters, StepInput } from "../contract.ts";
import { outcome } from "./outcome.ts";
import { triggerContextOf } from "./trigger-context.ts";

export async function externalProvider({ deps, pool, state, answers, context }: StepInput<StartParameters["EXTERNAL_PROVIDER"]>): Promise<Outcome> {
  const { profile } = answers;
  const trigger = triggerContextOf(state, context);
  const found = await resolveFederatedUser(deps, { pool, profile, trigger });
  if (found.kind === "prove") {
    const idp = pool.identityProviders.find((p) => p.name === profile.providerName)!;
    state.link = { userId: found.candidate.id, providerName: profile.providerName, providerUserId: profile.subject, issuer: identityIssuer(idp, profile) };
    state.step = "PASSWORD_VERIFIER";
    return outcome(state, null);
  }
  const { user } = found;
  if (!user.enabled) throw new AppError("NotAuthorizedException", "User is disabled.");
  await runPreAuthentication(deps, { pool, user, login: user.username, context: trigger });
  state.userId = user.id;
  state.amr = ["federated"];
  state.step = "DONE";
  return outcome(state, user);
}
