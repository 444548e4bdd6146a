// The hosted UI's forms: a zod schema per page (with the page's own words for a missing field),
// and what each submitted form asks of the engine, in the engine's (Cognito's) terms.
import { z } from "zod";
import type { Answers, ResponseName, StartFlow, StartParameters, Step } from "../auth-flow/contract.ts";
import { MFA_FACTORS } from "../users/mfa-preference.ts";
import type { Page } from "./pages.ts";

const text = (max = 256) => z.string().max(max);

export const FORM_SCHEMAS = {
  // "Email me a sign-in code" and "Text me a code" post the same form without a password.
  login: z.object({ login: text().trim().min(1, "Enter your sign-in name."), password: text().optional(), intent: z.enum(["password", "email-code", "sms-code"]).default("password") })
    .superRefine((form, ctx) => {
      if (form.intent === "password" && !form.password) ctx.addIssue({ code: "custom", path: ["password"], message: "Enter your password." });
    }),
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
  // The browser's AuthenticationResponseJSON, posted by the passkey button (components/hosted-ui/passkey-sign-in.tsx).
  passkey: z.object({ credential: text(16_384).min(1, "Choose a passkey to sign in.") }),
  "email-code": z.object({ code: text(16).trim().min(1, "Enter the code we sent you.") }),
  "sms-code": z.object({ code: text(16).trim().min(1, "Enter the code we sent you.") }),
  // Handled beside the engine (lib/hosted-ui/passkeys.ts): the new passkey, or "Not now".
  "add-passkey": z.object({ intent: z.enum(["add", "skip"]), credential: text(16_384).optional() }),
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
  /** The recovery codes page's "Continue": finish the sign-in the flow holds (HostedFlow.signedIn). */
  | { kind: "finish" };

/** `step`: what the flow waits for (the code page answers SMS_MFA or EMAIL_OTP, whichever it is). */
export function engineCallOf<P extends Page>(page: P, input: FormInput<P>, step?: Step): EngineCall {
  switch (page) {
    case "login": {
      const { login, password, intent } = input as FormInput<"login">;
      if (intent !== "password") {
        const PREFERRED_CHALLENGE = intent === "email-code" ? "EMAIL_OTP" : "SMS_OTP";
        return { kind: "start", flow: "USER_AUTH", parameters: { USERNAME: login, PREFERRED_CHALLENGE, preventUserExistenceErrors: true } };
      }
      if (!password) return { kind: "invalid", message: "Enter your password.", field: "password" };
      return { kind: "start", flow: "USER_PASSWORD_AUTH", parameters: { USERNAME: login, PASSWORD: password } };
    }
    case "signup": {
      const { username, password, ...attributes } = input as FormInput<"signup">;
      delete (attributes as Record<string, unknown>).csrf;
      return { kind: "start", flow: "SignUp", parameters: { USERNAME: username, PASSWORD: password, userAttributes: attributes } };
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
    case "passkey":
      return { kind: "respond", name: "WEB_AUTHN", answers: { CREDENTIAL: (input as FormInput<"passkey">).credential } };
    case "email-code":
      return { kind: "respond", name: "EMAIL_OTP", answers: { EMAIL_OTP_CODE: (input as FormInput<"email-code">).code } };
    case "sms-code":
      return { kind: "respond", name: "SMS_OTP", answers: { SMS_OTP_CODE: (input as FormInput<"sms-code">).code } };
    case "add-passkey":
      // Not the engine's: the sign-in is done (lib/hosted-ui/passkeys.ts takes this form first).
      return { kind: "invalid", message: "This form has expired. Reload the page and try again.", field: "intent" };
    default: {
      const never: never = page;
      throw new Error(`unknown page ${String(never)}`);
    }
  }
}
