// The changes a user makes on the account page, one entry per form. Each parses its form with
// zod, checks what the page asks for a sensitive change (confirm-identity.ts), and makes the change
// through the same lib/ functions the admin API and the Cognito API's own-account operations use,
// under the same rules, limits and lockout. Each change is audited as the user's own.
import { z } from "zod";
import { revokeUserSession } from "../admin/users/revoke-user-session.ts";
import { AppError, isAppError } from "../errors.ts";
import { cancelTotpAssociation, confirmTotpAssociation, removeTotp, startTotpAssociation } from "../mfa/associate-totp.ts";
import { changePassword } from "../users/change-password.ts";
import { signOutUser } from "../users/sign-out-user.ts";
import { updateUserAttributes } from "../users/update-attributes.ts";
import { sendAttributeCode, verifyUserAttribute, type VerifiableAttribute } from "../users/verify-attribute.ts";
import { ACCOUNT_CLIENT_ID } from "./account-client.ts";
import { profileFields } from "./account-view.ts";
import { countProofAttempt } from "./confirm-identity.ts";
import { loadAccountSession } from "./session.ts";
import { Code, Proof, Text, action, audit, auditedProof, confirm, type ActionContext, type ActionResult } from "./action-kit.ts";
import { SECURITY_ACTIONS } from "./security-actions.ts";
import { userAttributes } from "../users/user.ts";
import { accountNotice, type AddressKind } from "./account-wording.ts";

export type { ActionContext, ActionResult };

/** The `kind` the notices choose their words by. */
const KIND: Record<VerifiableAttribute, AddressKind> = { email: "email", phone_number: "phone" };

/** A new email or phone number: saved (unverified, as Cognito), and a code sent where the pool verifies that attribute. */
async function changeAddress(ctx: ActionContext, attribute: VerifiableAttribute, value: string): Promise<ActionResult> {
  const { rt, pool } = ctx;
  const { user, newAddresses } = await updateUserAttributes(rt.db, { pool, user: ctx.session.user, attributes: { [attribute]: value } });
  await audit(ctx, "UpdateUserAttributes", { attributes: [attribute] });
  const kind = KIND[attribute];
  if (!newAddresses.includes(attribute)) return { notice: accountNotice(ctx.locale, value ? "addressUnchanged" : "addressRemoved", { kind }) };
  if (!pool.autoVerifiedAttributes.includes(attribute)) return { notice: accountNotice(ctx.locale, "addressChanged", { kind }) };
  try {
    const delivery = await sendAttributeCode({ ...rt, requestLocale: ctx.locale }, { pool, user, attribute, kind: "UpdateUserAttribute", clientId: ACCOUNT_CLIENT_ID });
    return { notice: accountNotice(ctx.locale, "addressChangedCodeSent", { kind, destination: delivery.destination }) };
  } catch (error) {
    if (!isAppError(error) || (error.code !== "LimitExceededException" && error.code !== "CodeDeliveryFailureException")) throw error;
    return { notice: accountNotice(ctx.locale, "addressChangedNoCode", { kind }) };
  }
}

async function sendCode(ctx: ActionContext, attribute: VerifiableAttribute): Promise<ActionResult> {
  const delivery = await sendAttributeCode({ ...ctx.rt, requestLocale: ctx.locale }, { pool: ctx.pool, user: ctx.session.user, attribute, clientId: ACCOUNT_CLIENT_ID });
  return { notice: accountNotice(ctx.locale, "codeSent", { destination: delivery.destination }) };
}

async function verify(ctx: ActionContext, attribute: VerifiableAttribute, code: string): Promise<ActionResult> {
  if (!code) throw new AppError("InvalidParameterException", "Enter the code we sent you.", { field: `${attribute}_code` });
  try {
    await verifyUserAttribute(ctx.rt, { pool: ctx.pool, user: ctx.session.user, attribute, code });
  } catch (error) {
    if (isAppError(error) && error.field === "code") throw new AppError(error.code, error.message, { field: `${attribute}_code` });
    throw error;
  }
  await audit(ctx, "VerifyUserAttribute", { attribute });
  return { notice: accountNotice(ctx.locale, "addressVerified", { kind: KIND[attribute] }) };
}

export const ACCOUNT_ACTIONS = {
  profile: action({
    section: "profile",
    schema: z.record(z.string().regex(/^attr\.[\w:.-]{1,64}$/), Text),
    async run(ctx, form) {
      const { rt, pool } = ctx;
      const current = userAttributes(ctx.session.user);
      const writable = new Set(profileFields(pool, current).map((f) => f.name));
      // Only what changed, and only what the page offers: email and phone have their own forms.
      const changed: Record<string, string> = {};
      for (const [key, value] of Object.entries(form)) {
        const name = key.slice("attr.".length);
        if (writable.has(name) && value.trim() !== (current[name] ?? "")) changed[name] = value.trim();
      }
      if (!Object.keys(changed).length) return { notice: accountNotice(ctx.locale, "profileUnchanged") };
      await updateUserAttributes(rt.db, { pool, user: ctx.session.user, attributes: changed });
      await audit(ctx, "UpdateUserAttributes", { attributes: Object.keys(changed) });
      return { notice: accountNotice(ctx.locale, "profileSaved") };
    },
  }),
  "change-email": action({
    section: "contact",
    schema: z.object({ email: z.string().trim().max(256), ...Proof }),
    async run(ctx, form) {
      if (!form.email) throw new AppError("InvalidParameterException", "Enter your new email address.", { field: "email" });
      await confirm(ctx, form);
      return changeAddress(ctx, "email", form.email);
    },
  }),
  "change-phone": action({
    section: "contact",
    schema: z.object({ phone_number: z.string().trim().max(32), ...Proof }),
    async run(ctx, form) {
      await confirm(ctx, form);
      return changeAddress(ctx, "phone_number", form.phone_number.replace(/[\s()-]/g, ""));
    },
  }),
  "verify-email": action({ section: "contact", schema: z.object({ email_code: Code }), run: (ctx, form) => verify(ctx, "email", form.email_code) }),
  "verify-phone": action({ section: "contact", schema: z.object({ phone_number_code: Code }), run: (ctx, form) => verify(ctx, "phone_number", form.phone_number_code) }),
  "send-email-code": action({ section: "contact", schema: z.object({}), run: (ctx) => sendCode(ctx, "email") }),
  "send-phone-code": action({ section: "contact", schema: z.object({}), run: (ctx) => sendCode(ctx, "phone_number") }),
  "change-password": action({
    section: "password",
    schema: z.object({ new_password: z.string().max(256), repeat_password: z.string().max(256), ...Proof }),
    async run(ctx, form) {
      const { rt, pool, session } = ctx;
      if (!form.new_password) throw new AppError("InvalidParameterException", "Enter a new password.", { field: "new_password" });
      if (form.new_password !== form.repeat_password) throw new AppError("InvalidParameterException", "The two new passwords are not the same.", { field: "repeat_password" });
      if (session.user.passwordHash) {
        // changePassword checks the current password itself, under the account's lockout.
        await countProofAttempt(rt, { poolId: pool.id, ip: ctx.ip });
        if (!form.confirm_password) throw new AppError("InvalidParameterException", "Enter your current password.", { field: "confirm_password" });
      } else {
        await confirm(ctx, form);
      }
      await auditedProof(ctx, async () => {
        try {
          await changePassword(rt, { pool, user: session.user, previousPassword: form.confirm_password, proposedPassword: form.new_password });
        } catch (error) {
          if (isAppError(error) && error.code === "NotAuthorizedException") throw new AppError("NotAuthorizedException", "That password is not right.", { field: "confirm_password" });
          if (isAppError(error) && error.code === "TooManyFailedAttemptsException") throw new AppError(error.code, error.message, { field: "confirm_password", retryAfterSeconds: error.retryAfterSeconds });
          if (isAppError(error) && error.code === "InvalidPasswordException") throw new AppError(error.code, error.message, { field: "new_password" });
          throw error;
        }
      });
      await audit(ctx, "ChangePassword");
      return { notice: accountNotice(ctx.locale, session.user.passwordHash ? "passwordChanged" : "passwordSet") };
    },
  }),
  "authenticator-start": action({
    section: "authenticator",
    schema: z.object({}),
    async run(ctx) {
      const { pool } = ctx;
      if (pool.mfa === "OFF" || !pool.mfaMethods.includes("TOTP")) throw new AppError("InvalidParameterException", "This pool does not use authenticator apps.");
      await startTotpAssociation(ctx.rt, { user: ctx.session.user });
      await audit(ctx, "AssociateSoftwareToken");
      return { notice: accountNotice(ctx.locale, "authenticatorStarted") };
    },
  }),
  "authenticator-verify": action({
    section: "authenticator",
    schema: z.object({ totp_code: Code }),
    async run(ctx, form) {
      if (!form.totp_code) throw new AppError("InvalidParameterException", "Enter the code your authenticator app shows.", { field: "totp_code" });
      try {
        await confirmTotpAssociation(ctx.rt, { user: ctx.session.user, code: form.totp_code });
      } catch (error) {
        if (isAppError(error) && error.code === "EnableSoftwareTokenMFAException") throw new AppError(error.code, "That code is not right. Check the app and enter the code it shows now.", { field: "totp_code" });
        throw error;
      }
      await audit(ctx, "VerifySoftwareToken");
      return { notice: accountNotice(ctx.locale, "authenticatorAdded") };
    },
  }),
  "authenticator-cancel": action({
    section: "authenticator",
    schema: z.object({}),
    async run(ctx) {
      await cancelTotpAssociation(ctx.rt.db, { user: ctx.session.user });
      return { notice: accountNotice(ctx.locale, "authenticatorCancelled") };
    },
  }),
  "authenticator-remove": action({
    section: "authenticator",
    schema: z.object(Proof),
    async run(ctx, form) {
      await confirm(ctx, form);
      await removeTotp(ctx.rt.db, { pool: ctx.pool, user: ctx.session.user });
      await audit(ctx, "RemoveSoftwareToken");
      return { notice: accountNotice(ctx.locale, "authenticatorRemoved") };
    },
  }),
  "sign-out-session": action({
    section: "sessions",
    schema: z.object({ session_id: z.string().min(1).max(128) }),
    async run(ctx, form) {
      await revokeUserSession(ctx.rt.db, { poolId: ctx.pool.id, username: ctx.session.user.username, sessionId: form.session_id });
      await audit(ctx, "RevokeSession", { session: form.session_id });
      // Signing out this browser's own session ends the page's sign-in too.
      if (!(await loadAccountSession(ctx.rt, { poolId: ctx.pool.id, cookie: ctx.sessionCookie }))) return { ended: "signed-out" };
      return { notice: accountNotice(ctx.locale, "sessionSignedOut") };
    },
  }),
  "sign-out-everywhere": action({
    section: "sessions",
    schema: z.object(Proof),
    async run(ctx, form) {
      await confirm(ctx, form);
      // Every session and grant of the user, this page's own included.
      await signOutUser(ctx.rt.db, { poolId: ctx.pool.id, userId: ctx.session.user.id });
      await audit(ctx, "GlobalSignOut");
      return { ended: "everywhere" };
    },
  }),
  ...SECURITY_ACTIONS,
} as const;

export type AccountActionName = keyof typeof ACCOUNT_ACTIONS;

export function isAccountAction(name: string): name is AccountActionName {
  return Object.hasOwn(ACCOUNT_ACTIONS, name);
}
