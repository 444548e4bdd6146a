// The account page's security changes beyond the password and the authenticator: SMS and email
// sign-in codes and the preferred second factor, passkeys, recovery codes and remembered devices.
// Each goes through the library the Cognito API uses (SetUserMFAPreference's rules, the passkey
// ceremony, the recovery-code set, the device list), under the same rules. Turning a factor off,
// deleting a passkey and replacing the recovery codes ask for the password (or a code) again;
// adding a factor, renaming a passkey and forgetting a device do not (none of them lets anyone in).
import { z } from "zod";
import { forgetDevice } from "../devices/index.ts";
import { AppError, isAppError } from "../errors.ts";
import { regenerateRecoveryCodes } from "../mfa/recovery-codes.ts";
import { completePasskeyRegistration, deletePasskey, renamePasskey } from "../passkeys/index.ts";
import { factorsOffered, mfaSettingsOf, setMfaFactor, setPreferredMfa, type MfaFactor } from "../users/mfa-preference.ts";
import { ACCOUNT_CLIENT_ID } from "./account-client.ts";
import { Proof, action, audit, confirm, type ActionContext } from "./action-kit.ts";
import { accountNotice, factorUnchangeableMessage } from "./account-wording.ts";

const CodeFactor = z.enum(["SMS_MFA", "EMAIL_OTP"]);
const AnyFactor = z.enum(["SOFTWARE_TOKEN_MFA", "SMS_MFA", "EMAIL_OTP"]);
const PasskeyName = z.string().trim().max(64);
const CredentialId = z.string().min(1).max(1024);
const DeviceKey = z.string().min(1).max(128);

function assertFactorOffered(ctx: ActionContext, factor: MfaFactor) {
  if (ctx.pool.mfa === "OFF" || !factorsOffered(ctx.pool).includes(factor)) throw new AppError("InvalidParameterException", "This pool does not use that kind of code.");
}

/** setMfaPreference's refusals in the page's words (its own are Cognito's, for API clients). */
async function changeFactors(run: () => Promise<unknown>, factor: MfaFactor): Promise<void> {
  try {
    await run();
  } catch (error) {
    if (!isAppError(error) || error.code !== "InvalidParameterException") throw error;
    if (/required/.test(error.message)) throw new AppError(error.code, "Your account must keep a second factor: turn another one on before turning this one off.");
    if (/phone/.test(error.message)) throw new AppError(error.code, "Verify your phone number first: codes go only to a verified number.");
    if (/email/.test(error.message)) throw new AppError(error.code, "Verify your email address first: codes go only to a verified address.");
    throw new AppError(error.code, factorUnchangeableMessage(factor));
  }
}

const parseCredential = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("InvalidParameterException", "The passkey could not be read. Try again.");
  }
};

export const SECURITY_ACTIONS = {
  "mfa-enable": action({
    section: "mfa",
    schema: z.object({ factor: CodeFactor }),
    async run(ctx, form) {
      assertFactorOffered(ctx, form.factor);
      await changeFactors(() => setMfaFactor(ctx.rt.db, { pool: ctx.pool, user: ctx.session.user, factor: form.factor, enabled: true }), form.factor);
      await audit(ctx, "SetUserMFAPreference", { factor: form.factor, enabled: true });
      return { notice: accountNotice(ctx.locale, "factorOn", { factor: form.factor }) };
    },
  }),
  "mfa-disable": action({
    section: "mfa",
    schema: z.object({ factor: CodeFactor, ...Proof }),
    async run(ctx, form) {
      await confirm(ctx, form);
      await changeFactors(() => setMfaFactor(ctx.rt.db, { pool: ctx.pool, user: ctx.session.user, factor: form.factor, enabled: false }), form.factor);
      await audit(ctx, "SetUserMFAPreference", { factor: form.factor, enabled: false });
      return { notice: accountNotice(ctx.locale, "factorOff", { factor: form.factor }) };
    },
  }),
  "mfa-preferred": action({
    section: "mfa",
    schema: z.object({ preferred: AnyFactor }),
    async run(ctx, form) {
      const { enabled } = mfaSettingsOf(ctx.session.user, ctx.pool);
      // Only among the factors already on: preferring one must not turn it on unasked.
      if (!enabled.includes(form.preferred)) throw new AppError("InvalidParameterException", "Choose one of the ways that are on.");
      await changeFactors(() => setPreferredMfa(ctx.rt.db, { pool: ctx.pool, user: ctx.session.user, factor: form.preferred }), form.preferred);
      await audit(ctx, "SetUserMFAPreference", { preferred: form.preferred });
      return { notice: accountNotice(ctx.locale, "preferred", { factor: form.preferred }) };
    },
  }),
  "passkey-add": action({
    section: "passkeys",
    schema: z.object({ credential: z.string().min(2).max(4000), name: PasskeyName.optional() }),
    async run(ctx, form) {
      const passkey = await completePasskeyRegistration({ db: ctx.rt.db, env: ctx.rt.env, log: ctx.rt.log }, {
        pool: ctx.pool, user: ctx.session.user, credential: parseCredential(form.credential), friendlyName: form.name || null, clientId: ACCOUNT_CLIENT_ID,
      });
      await audit(ctx, "CompleteWebAuthnRegistration", { credentialId: passkey.credentialId });
      return { notice: accountNotice(ctx.locale, "passkeyAdded", { name: passkey.friendlyName ?? "" }) };
    },
  }),
  "passkey-rename": action({
    section: "passkeys",
    schema: z.object({ credential_id: CredentialId, name: PasskeyName }),
    async run(ctx, form) {
      if (!form.name) throw new AppError("InvalidParameterException", "Enter a name for the passkey.", { field: "name" });
      await renamePasskey(ctx.rt.db, { userId: ctx.session.user.id, credentialId: form.credential_id, friendlyName: form.name });
      await audit(ctx, "RenameWebAuthnCredential", { credentialId: form.credential_id });
      return { notice: accountNotice(ctx.locale, "passkeyRenamed", { name: form.name }) };
    },
  }),
  "passkey-delete": action({
    section: "passkeys",
    schema: z.object({ credential_id: CredentialId, ...Proof }),
    async run(ctx, form) {
      await confirm(ctx, form);
      await deletePasskey(ctx.rt.db, { userId: ctx.session.user.id, credentialId: form.credential_id });
      await audit(ctx, "DeleteWebAuthnCredential", { credentialId: form.credential_id });
      return { notice: accountNotice(ctx.locale, "passkeyDeleted") };
    },
  }),
  "recovery-generate": action({
    section: "recovery",
    schema: z.object(Proof),
    async run(ctx, form) {
      await confirm(ctx, form);
      const codes = await regenerateRecoveryCodes(ctx.rt.db, { userId: ctx.session.user.id });
      await audit(ctx, "RegenerateRecoveryCodes", { count: codes.length });
      return { notice: accountNotice(ctx.locale, "recoveryGenerated"), codes };
    },
  }),
  "device-forget": action({
    section: "devices",
    schema: z.object({ device_key: DeviceKey }),
    async run(ctx, form) {
      await forgetDevice(ctx.rt.db, { userId: ctx.session.user.id, deviceKey: form.device_key });
      await audit(ctx, "ForgetDevice", { deviceKey: form.device_key });
      return { notice: accountNotice(ctx.locale, ctx.pool.skipMfaOnRememberedDevices ? "deviceForgottenMfa" : "deviceForgotten") };
    },
  }),
} as const;
