// Cognito's Admin* operations on one user, in Cognito's shapes, each a call of the lib/admin
// function the admin API's route calls (lib/admin/api/routes.ts), so both doors keep one set of
// rules. Usernames are found as the admin API finds them: username, sub, or an email or phone
// number that is one user's.
import { z } from "zod";
import { confirmSignUp } from "../../admin/users/confirm-sign-up.ts";
import { createUser } from "../../admin/users/create-user.ts";
import { deleteUser, findUserRow, setUserEnabled, setUserPassword, signOutEverywhere, updateUserAttributes } from "../../admin/users/manage-user.ts";
import { requirePasswordReset } from "../../admin/users/require-password-reset.ts";
import { AppError, isAppError } from "../../errors.ts";
import { usernameIsChosen } from "../../pools/pool.ts";
import { mfaSettingsOf } from "../../users/mfa-preference.ts";
import { applyMfaPreference, MfaPreferenceInput } from "../mfa-preference.ts";
import { userAttributes, type UserRow } from "../../users/user.ts";
import { attributesOf, chosenUsername } from "../account.ts";
import { AttributeList, Password, StringMap, Username } from "../validation.ts";
import { adminOperation, adminPool, epochSeconds, UserPoolId } from "./common.ts";
import { identitiesAttributes } from "../../federation/identities.ts";

const AttributeName = z.string().min(1).max(32).regex(/^[\p{L}\p{M}\p{S}\p{N}\p{P}]+$/u, "Member must satisfy regular expression pattern: [\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+");
export const AttributeNames = z.array(AttributeName);
const DeliveryMediums = z.array(z.enum(["SMS", "EMAIL"]));
const userInput = { UserPoolId, Username };
const byUsername = (input: { Username: string }) => input.Username;

/** Cognito's UserType: the user as ListUsers and AdminCreateUser return them. */
export function userType(user: UserRow, attributesToGet?: readonly string[], identities?: string) {
  return {
    Username: user.username,
    Attributes: attributeList({ ...userAttributes(user), ...(identities ? { identities } : {}) }, attributesToGet),
    UserCreateDate: epochSeconds(user.createdAt),
    UserLastModifiedDate: epochSeconds(user.updatedAt),
    Enabled: user.enabled,
    UserStatus: user.status,
  };
}

function attributeList(attributes: Record<string, string>, only?: readonly string[]): { Name: string; Value: string }[] {
  return Object.entries(attributes)
    .filter(([name]) => !only || only.includes(name))
    .map(([Name, Value]) => ({ Name, Value }));
}

export const AdminCreateUser = adminOperation({
  input: z.object({
    ...userInput,
    UserAttributes: AttributeList.optional(),
    ValidationData: AttributeList.optional(),
    TemporaryPassword: Password.optional(),
    ForceAliasCreation: z.boolean().optional(),
    MessageAction: z.enum(["RESEND", "SUPPRESS"]).optional(),
    DesiredDeliveryMediums: DeliveryMediums.optional(),
    ClientMetadata: StringMap.optional(),
  }),
  audit: { type: "createUser", target: byUsername },
  async run(call, input) {
    const { rt } = call;
    const pool = await adminPool(rt, input.UserPoolId);
    if (input.MessageAction === "RESEND") {
      // A new temporary password, sent again; only for a user who has not signed in yet.
      const user = await findUserRow(rt.db, pool.id, input.Username);
      if (user.status !== "FORCE_CHANGE_PASSWORD")
        throw new AppError("UnsupportedUserStateException", `Resend not possible. ${input.Username} status is not FORCE_CHANGE_PASSWORD.`);
      await setUserPassword(rt, { pool, username: user.id, password: input.TemporaryPassword, permanent: false, notify: true, deliverVia: input.DesiredDeliveryMediums });
      return { User: userType(await findUserRow(rt.db, pool.id, user.id)) };
    }
    const attributes = attributesOf(input.UserAttributes);
    const created = await createUser(rt, {
      pool, username: chosenUsername(pool, input.Username, attributes), attributes,
      password: input.TemporaryPassword ? { value: input.TemporaryPassword, permanent: false } : undefined,
      sendInvitation: input.MessageAction !== "SUPPRESS", deliverVia: input.DesiredDeliveryMediums,
      trigger: { clientId: null, validationData: input.ValidationData ? attributesOf(input.ValidationData) : undefined, clientMetadata: input.ClientMetadata },
    }).catch((error: unknown) => {
      // Where the email (phone) is the username, that address being taken is the username being taken.
      if (!usernameIsChosen(pool) && isAppError(error) && error.code === "AliasExistsException") throw new AppError("UsernameExistsException", "User account already exists");
      throw error;
    });
    return { User: userType(created.user) };
  },
});

export const AdminGetUser = adminOperation({
  input: z.object(userInput),
  async run(call, input) {
    const pool = await adminPool(call.rt, input.UserPoolId);
    const user = await findUserRow(call.rt.db, pool.id, input.Username);
    const mfa = mfaSettingsOf(user, pool);
    const identities = (await identitiesAttributes(call.rt.db, { pool, userIds: [user.id] })).get(user.id);
    return {
      Username: user.username,
      UserAttributes: attributeList({ ...userAttributes(user), ...(identities ? { identities } : {}) }),
      UserCreateDate: epochSeconds(user.createdAt),
      UserLastModifiedDate: epochSeconds(user.updatedAt),
      Enabled: user.enabled,
      UserStatus: user.status,
      ...(mfa.preferred ? { PreferredMfaSetting: mfa.preferred } : {}),
      ...(mfa.enabled.length ? { UserMFASettingList: mfa.enabled } : {}),
    };
  },
});

export const AdminDeleteUser = adminOperation({
  input: z.object(userInput),
  audit: { type: "deleteUser", target: byUsername },
  async run(call, input) {
    const pool = await adminPool(call.rt, input.UserPoolId);
    await deleteUser(call.rt.db, { poolId: pool.id, username: input.Username });
    return {};
  },
});

export const AdminSetUserPassword = adminOperation({
  input: z.object({ ...userInput, Password, Permanent: z.boolean().optional() }),
  audit: { type: "setUserPassword", target: byUsername },
  async run(call, input) {
    const pool = await adminPool(call.rt, input.UserPoolId);
    await setUserPassword(call.rt, { pool, username: input.Username, password: input.Password, permanent: input.Permanent ?? false, notify: false });
    return {};
  },
});

export const AdminConfirmSignUp = adminOperation({
  input: z.object({ ...userInput, ClientMetadata: StringMap.optional() }),
  audit: { type: "confirmSignUp", target: byUsername },
  async run(call, input) {
    const pool = await adminPool(call.rt, input.UserPoolId);
    await confirmSignUp(call.rt, { pool, username: input.Username, clientMetadata: input.ClientMetadata });
    return {};
  },
});

export const AdminResetUserPassword = adminOperation({
  input: z.object({ ...userInput, ClientMetadata: StringMap.optional() }),
  audit: { type: "requirePasswordReset", target: byUsername },
  async run(call, input) {
    const pool = await adminPool(call.rt, input.UserPoolId);
    await requirePasswordReset(call.rt, { pool, username: input.Username });
    return {};
  },
});

export const AdminUpdateUserAttributes = adminOperation({
  input: z.object({ ...userInput, UserAttributes: AttributeList, ClientMetadata: StringMap.optional() }),
  audit: { type: "updateUserAttributes", target: byUsername },
  async run(call, input) {
    const pool = await adminPool(call.rt, input.UserPoolId);
    await updateUserAttributes(call.rt.db, { pool, username: input.Username, attributes: attributesOf(input.UserAttributes) });
    return {};
  },
});

export const AdminDeleteUserAttributes = adminOperation({
  input: z.object({ ...userInput, UserAttributeNames: AttributeNames }),
  audit: { type: "updateUserAttributes", target: byUsername },
  async run(call, input) {
    const pool = await adminPool(call.rt, input.UserPoolId);
    // The admin API removes an attribute by setting it to "": the same rules (required, immutable) apply.
    const attributes = Object.fromEntries(input.UserAttributeNames.map((name) => [name, ""]));
    await updateUserAttributes(call.rt.db, { pool, username: input.Username, attributes });
    return {};
  },
});

export const AdminDisableUser = adminOperation({
  input: z.object(userInput),
  audit: { type: "disableUser", target: byUsername },
  async run(call, input) {
    const pool = await adminPool(call.rt, input.UserPoolId);
    await setUserEnabled(call.rt.db, { poolId: pool.id, username: input.Username, enabled: false });
    return {};
  },
});

export const AdminEnableUser = adminOperation({
  input: z.object(userInput),
  audit: { type: "enableUser", target: byUsername },
  async run(call, input) {
    const pool = await adminPool(call.rt, input.UserPoolId);
    await setUserEnabled(call.rt.db, { poolId: pool.id, username: input.Username, enabled: true });
    return {};
  },
});

export const AdminUserGlobalSignOut = adminOperation({
  input: z.object(userInput),
  audit: { type: "signOutUser", target: byUsername },
  async run(call, input) {
    const pool = await adminPool(call.rt, input.UserPoolId);
    await signOutEverywhere(call.rt.db, { poolId: pool.id, username: input.Username });
    return {};
  },
});

export const AdminSetUserMFAPreference = adminOperation({
  input: z.object({ ...userInput, ...MfaPreferenceInput }),
  audit: { type: "setUserMfaPreference", target: byUsername },
  async run(call, input) {
    const pool = await adminPool(call.rt, input.UserPoolId);
    const user = await findUserRow(call.rt.db, pool.id, input.Username);
    await applyMfaPreference(call.rt.db, { pool, user, preference: input });
    return {};
  },
});
