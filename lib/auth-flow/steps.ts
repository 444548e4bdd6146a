// The steps of a hosted sign-in, named as Cognito names its challenges, and the page of each.
export const STEPS = [
  "PASSWORD_VERIFIER", "SIGN_UP", "CONFIRM_SIGN_UP", "FORGOT_PASSWORD", "CONFIRM_FORGOT_PASSWORD",
  "NEW_PASSWORD_REQUIRED", "MFA_SETUP", "SOFTWARE_TOKEN_MFA", "DONE",
] as const;
export type Step = (typeof STEPS)[number];

export const PAGES = ["login", "signup", "confirm", "forgot-password", "reset-password", "new-password", "mfa-setup", "mfa"] as const;
export type Page = (typeof PAGES)[number];

export const PAGE_OF_STEP: Record<Exclude<Step, "DONE">, Page> = {
  PASSWORD_VERIFIER: "login",
  SIGN_UP: "signup",
  CONFIRM_SIGN_UP: "confirm",
  FORGOT_PASSWORD: "forgot-password",
  CONFIRM_FORGOT_PASSWORD: "reset-password",
  NEW_PASSWORD_REQUIRED: "new-password",
  MFA_SETUP: "mfa-setup",
  SOFTWARE_TOKEN_MFA: "mfa",
};

/** Pages a user may open whatever step they are at: they start something new. */
export const ENTRY_PAGES: Page[] = ["login", "signup", "forgot-password"];

export function isPage(value: string): value is Page {
  return (PAGES as readonly string[]).includes(value);
}

/** Whether `page` may be shown (or posted) at `step`. */
export function pageAllowed(page: Page, step: Step): boolean {
  if (ENTRY_PAGES.includes(page)) return true;
  return step !== "DONE" && PAGE_OF_STEP[step] === page;
}

export type FlowData = {
  /** A one-shot message for the next page: an error, or a notice such as "code sent". */
  flash?: { kind: "error" | "notice"; message: string; field?: string } | null;
  /** Non-secret values to put back in the form after an error. */
  values?: Record<string, string>;
  /** Where the last code went, masked. */
  destination?: string | null;
  /** The password was checked in this flow, so confirming sign-up may finish signing in. */
  passwordVerified?: boolean;
  /** A TOTP secret being set up, encrypted. */
  pendingTotpEnc?: string;
  /** Wrong codes tried where no account matched (reset) or none was made (a concealed sign-up; see advance.ts). */
  wrongCodes?: number;
  /** The name forgot password was asked for: where no account matched, wrong codes count against it. */
  resetLogin?: string;
  /** A sign-up that hid an existing account: the address its sends and wrong codes count against. */
  concealedSignUp?: string;
  amr?: string[];
};
