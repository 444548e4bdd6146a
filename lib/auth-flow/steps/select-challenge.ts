// SELECT_CHALLENGE: the user chose one of the factors USER_AUTH offered (ANSWER), with the
// password or SRP_A alongside when they chose PASSWORD or PASSWORD_SRP, as Cognito takes them.
// PASSWORD and PASSWORD_SRP are also challenges of their own, for a preference given without them.
import { AppError } from "../../errors.ts";
import { findPoolUser } from "../auth-flow.queries.ts";
import type { Answers, Outcome, StepInput } from "../contract.ts";
import { required, sessionExpired } from "../errors.ts";
import { isFirstFactor, openFactor } from "./user-auth.ts";

async function flowUser(input: StepInput<unknown>) {
  const { deps, pool, state } = input;
  if (!state.userAuth?.login) throw sessionExpired();
  if (!state.userId) return null;
  const user = await findPoolUser(deps.db, { poolId: pool.id, userId: state.userId });
  if (!user) throw sessionExpired();
  return user;
}

export async function selectChallenge(input: StepInput<Answers["SELECT_CHALLENGE"]>): Promise<Outcome> {
  const answer = required(input.answers.ANSWER, "ANSWER");
  const user = await flowUser(input);
  if (!isFirstFactor(answer) || !input.state.userAuth!.available.includes(answer)) {
    throw new AppError("InvalidParameterException", `${answer} is not one of the available challenges.`);
  }
  return openFactor(input, user, answer, { PASSWORD: input.answers.PASSWORD, SRP_A: input.answers.SRP_A });
}

export async function passwordChallenge(input: StepInput<Answers["PASSWORD"]>): Promise<Outcome> {
  const user = await flowUser(input);
  return openFactor(input, user, "PASSWORD", { PASSWORD: required(input.answers.PASSWORD, "PASSWORD", "password") });
}

export async function passwordSrpChallenge(input: StepInput<Answers["PASSWORD_SRP"]>): Promise<Outcome> {
  const user = await flowUser(input);
  return openFactor(input, user, "PASSWORD_SRP", { SRP_A: required(input.answers.SRP_A, "SRP_A") });
}
