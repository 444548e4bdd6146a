// The hosted UI's forms: a zod schema per page (with the page's own words for a missing field),
// and what each submitted form asks of the engine, in the engine's (Cognito's) terms.
import { z } from "zod";
import type { Answers, ResponseName, StartFlow, StartParameters, Step } from "../auth-flow/contract.ts";
import { MFA_FACTORS } from "../users/mfa-preference.ts";
import type { Page } from "./pages.ts";

const text = (max = 256) => z.string().max(max);

export const FORM_SCHEMAS = {
  login: z.object({ login: text().trim().min(1, "Enter your sign-in name."), password: text().min(1, "Enter your password.") }),
  signup: z.object({ username: text().optional(), password: text().min(1, "Choose a password.") }).catchall(text(2048)),
  confirm: z.object({ intent: z.enum(["confirm", "resend"]).default("confirm"), code: text(16).optional() }),
  "forgot-password": z.object({ login: text().trim().min(1, "Enter your sign-in name.") }),
  "reset-password": z.object({ code: text(16).trim().min(1, "Enter the code we sent you."), password: text().min(1, "Choose a new password.") }),
  "new-password": z.object({ password: text().min(1, "Choose a new password."), confirmPassword: text() }),
  "mfa-setup": z.object({ code: text(16).trim().min(1, "Enter the 6-digit code from your app.") }),
  mfa: z.object({ code: text(16).trim().min(1, "Enter the 6-digit code from your app.") }),
  "mfa-code": z.object({ intent: z.enum(["verify", "resend"]).default("verify"), code: text(16).trim().optional() }),
  "mfa-select": z.object({ factor: z.enum(MFA_FACTORS, "Choose how you want to verify it's you.") }),
  "recovery-code": z.object({ code: text(32).trim().min(1, "Enter one of your recovery codes.") }),
  "recovery-codes": z.object({}),
} satisfies Record<Page, z.ZodType>;

export type FormInput<P extends Page> = z.infer<(typeof FORM_SCHEMAS)[P]>;

/** Non-secret fields worth putting back into a form after an error. */
export function keptValues(page: Page, input: Record<string, unknown>): Record<string, string> {
  const keep: Record<string, string> = {};
  for (const [key, value] of Object.entries(input)) {
    if (typeof value !== "string" || /password|code|csrf/i.test(key)) continue;
    keep[key] = value.slice(0, 256);
  }
  return page === "login" || page === "signup" || page === "forgot-password" ? keep : {};
}

/** What a form asks of the engine: to start a flow, to answer the step, or nothing (the form itself is wrong). */
export type EngineCall =
  | { kind: "start"; flow: StartFlow; parameters: StartParameters[StartFlow] }
  | { kind: "respond"; name: ResponseName; answers: Answers[ResponseName] }
  | { kind: "invalid"; message: string; field: string }
  /** The recovery codes page's "Continue": finish the sign-in the flow holds (HostedFlow.finished). */
  | { kind: "finish" };

/** `step`: what the flow waits for (the code page answers SMS_MFA or EMAIL_OTP, whichever it is). */
export function engineCallOf<P extends Page>(page: P, input: FormInput<P>, step?: Step): EngineCall {
  switch (page) {
    case "login": {
      const { login, password } = input as FormInput<"login">;
      return { kind: "start", flow: "USER_PASSWORD_AUTH", parameters: { USERNAME: login, PASSWORD: password } };
    }
    case "signup": {
      const { username, password, ...attributes } = input as FormInput<"signup">;
      delete (attributes as Record<string, unknown>).csrf;
      return { kind: "start", flow: "SignUp", parameters: { USERNAME: username, PASSWORD: password, userAttributes: attributes as Record<string, string> } };
    }
    case "forgot-password":
      return { kind: "start", flow: "ForgotPassword", parameters: { USERNAME: (input as FormInput<"forgot-password">).login } };
    case "confirm": {
      const { intent, code } = input as FormInput<"confirm">;
      if (intent === "resend") return { kind: "respond", name: "ResendConfirmationCode", answers: {} };
      if (!code) return { kind: "invalid", message: "Enter the code we sent you.", field: "code" };
      return { kind: "respond", name: "ConfirmSignUp", answers: { CONFIRMATION_CODE: code } };
    }
    case "reset-password": {
      const { code, password } = input as FormInput<"reset-password">;
      return { kind: "respond", name: "ConfirmForgotPassword", answers: { CONFIRMATION_CODE: code, PASSWORD: password } };
    }
    case "new-password": {
      const { password, confirmPassword } = input as FormInput<"new-password">;
      if (password !== confirmPassword) return { kind: "invalid", message: "The passwords do not match.", field: "confirmPassword" };
      return { kind: "respond", name: "NEW_PASSWORD_REQUIRED", answers: { NEW_PASSWORD: password } };
    }
    case "mfa-setup":
      // The hosted UI shows the recovery codes issued with the enrolment on its next page.
      return { kind: "respond", name: "MFA_SETUP", answers: { SOFTWARE_TOKEN_MFA_CODE: (input as FormInput<"mfa-setup">).code, recoveryCodes: true } };
    case "mfa":
      return { kind: "respond", name: "SOFTWARE_TOKEN_MFA", answers: { SOFTWARE_TOKEN_MFA_CODE: (input as FormInput<"mfa">).code } };
    case "mfa-code": {
      const { intent, code } = input as FormInput<"mfa-code">;
      if (intent === "resend") return { kind: "respond", name: "ResendSignInCode", answers: {} };
      if (!code) return { kind: "invalid", message: "Enter the code we sent you.", field: "code" };
      return step === "EMAIL_OTP"
        ? { kind: "respond", name: "EMAIL_OTP", answers: { EMAIL_OTP_CODE: code } }
        : { kind: "respond", name: "SMS_MFA", answers: { SMS_MFA_CODE: code } };
    }
    case "mfa-select":
      return { kind: "respond", name: "SELECT_MFA_TYPE", answers: { ANSWER: (input as FormInput<"mfa-select">).factor } };
    case "recovery-code":
      return { kind: "respond", name: "RecoveryCode", answers: { RECOVERY_CODE: (input as FormInput<"recovery-code">).code } };
    case "recovery-codes":
      return { kind: "finish" };
    default: {
      const never: never = page;
      throw new Error(`unknown page ${String(never)}`);
    }
  }
}
