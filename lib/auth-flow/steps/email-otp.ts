// EMAIL_OTP: the code sent to the user's verified email address (Cognito's EMAIL_OTP_CODE).
import type { Answers, Outcome, StepInput } from "../contract.ts";
import { required } from "../errors.ts";
import { answerSignInCode } from "./mfa-code.ts";

export async function emailOtp({ deps, state, answers }: StepInput<Answers["EMAIL_OTP"]>): Promise<Outcome> {
  return answerSignInCode(deps, state, "EMAIL_OTP", required(answers.EMAIL_OTP_CODE, "EMAIL_OTP_CODE", "code"));
}
