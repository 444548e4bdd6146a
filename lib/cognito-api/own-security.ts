// The operations a signed-in user calls on their own sign-in with their access token:
// ChangePassword, SetUserMFAPreference, GlobalSignOut and DeleteUser (AssociateSoftwareToken and
// VerifySoftwareToken are in software-token.ts). The rules are lib/users', as for an administrator.
import { z } from "zod";
import { changePassword } from "../users/change-password.ts";
import { deleteUserAccount } from "../users/delete-user.ts";
import { signOutUser } from "../users/sign-out-user.ts";
import { authenticateAccessToken } from "./access-token.ts";
import { operation } from "./call.ts";
import { auditOwnChange } from "./own-account.ts";
import { applyMfaPreference, MfaPreferenceInput } from "./mfa-preference.ts";
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

export const SetUserMFAPreference = operation({
  auth: "public",
  input: z.object({ ...MfaPreferenceInput, AccessToken: Token }),
  async run(call, input) {
    const signedIn = await authenticateAccessToken(call.rt, input.AccessToken);
    const changed = await applyMfaPreference(call.rt.db, { pool: signedIn.entry.pool, user: signedIn.user, preference: input });
    if (changed) await auditOwnChange(call, signedIn, "SetUserMFAPreference", changed);
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
