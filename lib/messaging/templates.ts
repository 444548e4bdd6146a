// Message texts. (The custom message trigger will let pools replace them.)
export type Template = "SIGN_UP" | "FORGOT_PASSWORD" | "RESEND_CODE";

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
  }
}
