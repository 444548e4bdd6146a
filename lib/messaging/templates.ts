// Message texts: the defaults, which a pool's custom message trigger may replace (send-user-message.ts).
export type Template = "SIGN_UP" | "FORGOT_PASSWORD" | "RESEND_CODE" | "VERIFY_ATTRIBUTE";

/** The invitation an admin-created user receives (Cognito's AdminCreateUser message). */
export function renderInvitation(options: { poolName: string; username: string; temporaryPassword: string; signInUrl: string | null; validityDays: number }) {
  return {
    subject: `Your ${options.poolName} account`,
    body:
      `An account has been created for you.\n\nUsername: ${options.username}\nTemporary password: ${options.temporaryPassword}\n\n` +
      `${options.signInUrl ? `Sign in at ${options.signInUrl} ` : "Sign in "}within ${options.validityDays} days; you will be asked to choose a new password.`,
  };
}

export function renderCodeMessage(template: Template, options: { poolName: string; code: string; username: string }) {
  switch (template) {
    case "SIGN_UP":
    case "RESEND_CODE":
      return {
        subject: `Your ${options.poolName} verification code`,
        body: `Your verification code is ${options.code}\n\nEnter it to confirm your ${options.poolName} account. It expires in 24 hours.\nIf you did not sign up, ignore this message.`,
      };
    case "FORGOT_PASSWORD":
      return {
        subject: `Reset your ${options.poolName} password`,
        body: `Your password reset code is ${options.code}\n\nIt expires in 1 hour. If you did not ask to reset your password, ignore this message; your password has not changed.`,
      };
    case "VERIFY_ATTRIBUTE":
      return {
        subject: `Your ${options.poolName} verification code`,
        body: `Your verification code is ${options.code}\n\nEnter it to confirm this address for your ${options.poolName} account. It expires in 24 hours.\nIf you did not ask for it, ignore this message.`,
      };
  }
}

/** A sign-in code (SMS_MFA, EMAIL_OTP, SMS_OTP): short, since an SMS is short. */
export function renderSignInCode(options: { poolName: string; code: string; channel: "SMS" | "EMAIL"; minutes: number }) {
  return options.channel === "SMS"
    ? { subject: `${options.poolName} sign-in code`, body: `Your ${options.poolName} sign-in code is ${options.code}. It expires in ${options.minutes} minutes. Do not share it.` }
    : {
        subject: `Your ${options.poolName} sign-in code`,
        body: `Your sign-in code is ${options.code}\n\nEnter it to finish signing in to ${options.poolName}. It expires in ${options.minutes} minutes.\nIf you did not try to sign in, change your password: someone knows it or is trying to sign in as you.`,
      };
}

/** To the owner of an email or phone someone tried to sign up with again (when the app client
 * prevents user-existence errors, this is how the owner, and only the owner, learns of it). */
export function renderSignUpAttemptNotice(options: { poolName: string; username: string | null; channel: "email" | "phone" }) {
  const address = options.channel === "email" ? "email address" : "phone number";
  return {
    subject: `Someone tried to sign up for ${options.poolName} with your ${address}`,
    body:
      `Someone tried to create a new ${options.poolName} account with this ${address}, which already has an account` +
      `${options.username ? ` (username ${options.username})` : ""}.\n\n` +
      `If it was you, sign in instead, or use "Forgot password" if you no longer know your password.\n` +
      `If it was not you, you can ignore this message: no account was created and yours has not changed.`,
  };
}

/** To a user who just signed in with a recovery code: how many are left, and what to do if it was not them. */
export function renderRecoveryCodeUsedNotice(options: { poolName: string; username: string; remaining: number; when: Date }) {
  const left = options.remaining === 0
    ? "You have no recovery codes left. Sign in and create a new set before you need one."
    : `You have ${options.remaining} recovery code${options.remaining === 1 ? "" : "s"} left.${options.remaining <= 3 ? " Consider creating a new set." : ""}`;
  return {
    subject: `A recovery code was used to sign in to ${options.poolName}`,
    body:
      `A recovery code was used to sign in to your ${options.poolName} account (${options.username}) on ${options.when.toUTCString()}.\n\n${left}\n\n` +
      `If this was not you, someone has your password and one of your recovery codes: reset your password now, ` +
      `create a new set of recovery codes (the old ones stop working), and contact the application's administrator.`,
  };
}
