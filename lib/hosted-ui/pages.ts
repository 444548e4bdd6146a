// The pages of the hosted UI, and the page of each step the engine can wait for.
import type { Step } from "../auth-flow/contract.ts";

export const PAGES = [
  "login", "signup", "confirm", "forgot-password", "reset-password", "new-password", "mfa-setup", "mfa",
  "passkey", "email-code", "sms-code", "add-passkey",
] as const;
export type Page = (typeof PAGES)[number];

/** The steps a hosted flow reaches: all but the Cognito API's custom challenge (Cognito's hosted UI has none). */
export type HostedStep = Exclude<Step, "DONE" | "CUSTOM_CHALLENGE">;

export const PAGE_OF_STEP: Record<HostedStep, Page> = {
  PASSWORD_VERIFIER: "login",
  ConfirmSignUp: "confirm",
  ConfirmForgotPassword: "reset-password",
  NEW_PASSWORD_REQUIRED: "new-password",
  MFA_SETUP: "mfa-setup",
  SOFTWARE_TOKEN_MFA: "mfa",
  // Choice-based sign-in: the sign-in page offers the choices itself (passkey, codes, password).
  SELECT_CHALLENGE: "login",
  PASSWORD: "login",
  PASSWORD_SRP: "login",
  WEB_AUTHN: "passkey",
  EMAIL_OTP: "email-code",
  SMS_OTP: "sms-code",
};

/** The steps a flow can be at (what the flow's row stores). */
export const STEPS = [...(Object.keys(PAGE_OF_STEP) as HostedStep[]), "DONE"] as const satisfies readonly Step[];

/** Pages a user may open whatever step they are at: they start something new. */
export const ENTRY_PAGES: Page[] = ["login", "signup", "forgot-password"];

export function isPage(value: string): value is Page {
  return (PAGES as readonly string[]).includes(value);
}

/** The page to show at `step` (a finished flow shows the sign-in page). */
export function pageOf(step: Step): Page {
  // No hosted flow starts CUSTOM_AUTH; one that somehow reached it goes back to the sign-in page.
  return step === "DONE" || step === "CUSTOM_CHALLENGE" ? "login" : PAGE_OF_STEP[step];
}

/** Whether `page` may be shown (or posted) at `step`. */
export function pageAllowed(page: Page, step: Step): boolean {
  if (ENTRY_PAGES.includes(page)) return true;
  // Signed in, before going back to the app: the offer to add a passkey (flow.passkeyOffer says whose).
  if (page === "add-passkey") return step === "DONE";
  return step !== "DONE" && step !== "CUSTOM_CHALLENGE" && PAGE_OF_STEP[step] === page;
}
