// The pages of the hosted UI, and the page of each step the engine can wait for.
import { RECOVERY_CODE_STEPS, type Step } from "../auth-flow/contract.ts";

/**
 * "recovery-code": a recovery code instead of the second factor asked for (at any of
 * RECOVERY_CODE_STEPS). "recovery-codes": the new codes after MFA enrolment, shown once before the
 * sign-in finishes (a flow signed in with codes to show, see HostedFlow.signedIn). "passkey", "email-code"
 * and "sms-code": the first factors of choice-based sign-in; "add-passkey": the offer after sign-in.
 */
export const PAGES = [
  "login", "signup", "confirm", "forgot-password", "reset-password", "new-password", "mfa-setup", "mfa",
  "mfa-code", "mfa-select", "recovery-code", "recovery-codes",
  "passkey", "email-code", "sms-code", "add-passkey",
] as const;
export type Page = (typeof PAGES)[number];

/** The steps a hosted flow reaches: all but the Cognito API's custom challenge (Cognito's hosted UI has none). */
export type HostedStep = Exclude<Step, "DONE" | NotHosted>;
/** Steps only the Cognito API reaches: its custom challenge, and a device's SRP proof (the hosted UI proves a device by its cookie). */
type NotHosted = "CUSTOM_CHALLENGE" | "DEVICE_SRP_AUTH" | "DEVICE_PASSWORD_VERIFIER";
const notHosted = (step: Step): step is NotHosted => step === "CUSTOM_CHALLENGE" || step === "DEVICE_SRP_AUTH" || step === "DEVICE_PASSWORD_VERIFIER";

export const PAGE_OF_STEP: Record<HostedStep, Page> = {
  PASSWORD_VERIFIER: "login",
  ConfirmSignUp: "confirm",
  ConfirmForgotPassword: "reset-password",
  NEW_PASSWORD_REQUIRED: "new-password",
  MFA_SETUP: "mfa-setup",
  SOFTWARE_TOKEN_MFA: "mfa",
  SMS_MFA: "mfa-code",
  // The email MFA code; a passwordless EMAIL_OTP has its own page (pageOf's `passwordless`).
  EMAIL_OTP: "mfa-code",
  SELECT_MFA_TYPE: "mfa-select",
  // Choice-based sign-in: the sign-in page offers the choices itself (passkey, codes, password).
  SELECT_CHALLENGE: "login",
  PASSWORD: "login",
  PASSWORD_SRP: "login",
  WEB_AUTHN: "passkey",
  SMS_OTP: "sms-code",
};

/** The steps a flow can be at (what the flow's row stores). */
export const STEPS = [...(Object.keys(PAGE_OF_STEP) as HostedStep[]), "DONE"] as const satisfies readonly Step[];

/** Pages a user may open whatever step they are at: they start something new. */
export const ENTRY_PAGES: Page[] = ["login", "signup", "forgot-password"];

export function isPage(value: string): value is Page {
  return (PAGES as readonly string[]).includes(value);
}

/**
 * The page to show at `step` (a finished flow shows the sign-in page). `passwordless`: the flow's
 * EMAIL_OTP is USER_AUTH's first factor (FlowState.passwordless), not the email MFA code.
 */
export function pageOf(step: Step, passwordless = false): Page {
  if (step === "EMAIL_OTP" && passwordless) return "email-code";
  // No hosted flow starts CUSTOM_AUTH; one that somehow reached it goes back to the sign-in page.
  return step === "DONE" || notHosted(step) ? "login" : PAGE_OF_STEP[step];
}

/** Whether `page` may be shown (or posted) at `step` (and `passwordless`, as pageOf). */
export function pageAllowed(page: Page, step: Step, passwordless = false): boolean {
  if (ENTRY_PAGES.includes(page)) return true;
  if (page === "recovery-code") return !passwordless && (RECOVERY_CODE_STEPS as readonly string[]).includes(step);
  // Only a flow that finished with codes to show has this page (view.ts and interaction.ts check it first).
  if (page === "recovery-codes") return false;
  // Signed in, before going back to the app: the offer to add a passkey (HostedFlow.signedIn says whose).
  if (page === "add-passkey") return step === "DONE";
  return step !== "DONE" && !notHosted(step) && pageOf(step, passwordless) === page;
}
