// SMS_MFA: the code sent by SMS to the user's verified phone number (Cognito's SMS_MFA_CODE).
import type { Answers, Outcome, StepInput } from "../contract.ts";
import { required } from "../errors.ts";
import { answerSignInCode } from "./mfa-code.ts";

export async function smsMfa({ deps, state, answers }: StepInput<Answers["SMS_MFA"]>): Promise<Outcome> {
  return answerSignInCode(deps, state, "SMS_MFA", required(answers.SMS_MFA_CODE, "SMS_MFA_CODE", "code"));
}
