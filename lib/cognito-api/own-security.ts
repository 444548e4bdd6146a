// The operations a signed-in user calls on their own sign-in with their access token:
// ChangePassword, SetUserMFAPreference, GlobalSignOut and DeleteUser (AssociateSoftwareToken and
// VerifySoftwareToken are in software-token.ts). The rules are lib/users', as for an administrator.
import { z } from "zod";
import { AppError } from "../errors.ts";
import { changePassword } from "../users/change-password.ts";
import { deleteUserAccount } from "../users/delete-user.ts";
import { setSoftwareTokenMfa } from "../users/mfa-preference.ts";
import { signOutUser } from "../users/sign-out-user.ts";
import { authenticateAccessToken } from "./access-token.ts";
import { operation } from "./call.ts";
import { auditOwnChange } from "./own-account.ts";
import { Password, Token } from "./validation.ts";

export const ChangePassword = operation({
  auth: "public",
  input: z.object({ PreviousPassword: Password.optional(), ProposedPassword: Password, AccessToken: Token }),
  async run(call, input) {
    const signedIn = await authenticateAccessToken(call.rt, input.AccessToken);
    await changePassword(call.rt, { pool: signedIn.entry.pool, user: signedIn.user, previousPassword: input.PreviousPassword, proposedPassword: input.ProposedPassword });
    await auditOwnChange(call, signedIn, "ChangePassword");
    return {};
  },
});

const MfaSettings = z.object({ Enabled: z.boolean().optional(), PreferredMfa: z.boolean().optional() });

/** The factors Cognito has that Gatehouse does not offer yet: turning one on is refused, off is a no-op. */
const UNOFFERED = [["SMSMfaSettings", "SMS_MFA"], ["EmailMfaSettings", "EMAIL_OTP"], ["WebAuthnMfaSettings", "WEB_AUTHN"]] as const;

export const SetUserMFAPreference = operation({
  auth: "public",
  input: z.object({
    SMSMfaSettings: MfaSettings.optional(),
    SoftwareTokenMfaSettings: MfaSettings.optional(),
    EmailMfaSettings: MfaSettings.optional(),
    WebAuthnMfaSettings: z.object({ Enabled: z.boolean().optional() }).optional(),
    AccessToken: Token,
  }),
  async run(call, input) {
    const signedIn = await authenticateAccessToken(call.rt, input.AccessToken);
    for (const [field, factor] of UNOFFERED) {
      const settings: { Enabled?: boolean; PreferredMfa?: boolean } | undefined = input[field];
      if (settings?.Enabled || settings?.PreferredMfa) throw new AppError("InvalidParameterException", `${factor} is not available in this user pool.`, { field });
    }
    const totp = input.SoftwareTokenMfaSettings;
    if (totp?.PreferredMfa && totp.Enabled === false) throw new AppError("InvalidParameterException", "SOFTWARE_TOKEN_MFA cannot be preferred while it is disabled.");
    // Preferring the authenticator turns it on; an absent Enabled leaves it as it is.
    const enabled = totp?.Enabled ?? (totp?.PreferredMfa ? true : undefined);
    if (enabled === undefined) return {};
    const before = signedIn.user.totpEnabled && !!signedIn.user.totpSecretEnc;
    await setSoftwareTokenMfa(call.rt.db, { pool: signedIn.entry.pool, user: signedIn.user, enabled });
    if (before !== enabled) await auditOwnChange(call, signedIn, "SetUserMFAPreference", { SOFTWARE_TOKEN_MFA: enabled });
    return {};
  },
});

export const GlobalSignOut = operation({
  auth: "public",
  input: z.object({ AccessToken: Token }),
  async run(call, input) {
    const signedIn = await authenticateAccessToken(call.rt, input.AccessToken);
    // Every grant ends, and with it every refresh token and every access token (access-token.ts checks the grant).
    const revoked = await signOutUser(call.rt.db, { poolId: signedIn.entry.pool.id, userId: signedIn.user.id });
    await auditOwnChange(call, signedIn, "GlobalSignOut", { revoked });
    return {};
  },
});

export const DeleteUser = operation({
  auth: "public",
  input: z.object({ AccessToken: Token }),
  async run(call, input) {
    const signedIn = await authenticateAccessToken(call.rt, input.AccessToken);
    await deleteUserAccount(call.rt.db, { poolId: signedIn.entry.pool.id, userId: signedIn.user.id });
    await auditOwnChange(call, signedIn, "DeleteUser");
    return {};
  },
});
