"use client";
// The pool form's cards for second factors, passwordless sign-in with passkeys, and remembered
// devices: the pool keys mfa, mfaMethods, signInMethods, passkeys, deviceTracking and
// skipMfaOnRememberedDevices, as the config file and the admin API name them.
import { Card, CardBody, CardHeader } from "@/components/ui/card.tsx";
import { Checkbox, Field, Input, Select, Switch } from "@/components/ui/field.tsx";
import type { MfaMethod, PasskeySettings, SignInMethod } from "@/lib/pools/config-schema.ts";

export type FactorSettings = {
  mfa: "OFF" | "OPTIONAL" | "ON";
  mfaMethods: MfaMethod[];
  signInMethods: SignInMethod[];
  passkeys: PasskeySettings;
  deviceTracking: "OFF" | "USER_OPT_IN" | "ALWAYS";
  skipMfaOnRememberedDevices: boolean;
};

export const DEFAULT_FACTOR_SETTINGS: FactorSettings = {
  mfa: "OFF", mfaMethods: ["TOTP"], signInMethods: ["PASSWORD"], passkeys: { userVerification: "preferred" }, deviceTracking: "OFF", skipMfaOnRememberedDevices: false,
};

const MFA_METHOD_LABELS: [MfaMethod, string, string][] = [
  ["TOTP", "Authenticator app", "A code from an app such as Google Authenticator or 1Password (TOTP)."],
  ["SMS", "Text message", "A code sent to the user's verified phone number."],
  ["EMAIL", "Email", "A code sent to the user's verified email address."],
];

const SIGN_IN_METHOD_LABELS: [Exclude<SignInMethod, "PASSWORD">, string, string][] = [
  ["PASSKEY", "Passkey", "Face, fingerprint or screen lock, or a security key."],
  ["EMAIL_OTP", "Email code", "A one-time code sent to a verified email address."],
  ["SMS_OTP", "Text message code", "A one-time code sent to a verified phone number."],
];

function toggle<T extends string>(list: T[], value: T, on: boolean): T[] {
  return on ? [...new Set([...list, value])] : list.filter((v) => v !== value);
}

export function PoolFactorFields({ values, onChange, errorFor, defaultRelyingPartyId }: {
  values: FactorSettings;
  onChange: (patch: Partial<FactorSettings>) => void;
  errorFor: (field: string) => string | undefined;
  /** The host of PUBLIC_URL: the relying party id when the pool names none. */
  defaultRelyingPartyId: string;
}) {
  const { passkeys } = values;
  const setPasskeys = (patch: Partial<PasskeySettings>) => {
    const next = { ...passkeys, ...patch };
    if (!next.relyingPartyId) delete next.relyingPartyId;
    onChange({ passkeys: next });
  };
  return (
    <>
      <Card>
        <CardHeader title="Multi-factor authentication" description="A second step after the password. Users who set one up also get ten single-use recovery codes." />
        <CardBody className="space-y-5">
          <Field label="When to ask for a second factor" error={errorFor("mfa")} className="sm:max-w-sm">
            {(p) => (
              <Select {...p} value={values.mfa} onChange={(e) => onChange({ mfa: e.target.value as FactorSettings["mfa"] })}>
                <option value="OFF">Off</option>
                <option value="OPTIONAL">Optional (users who set it up use it)</option>
                <option value="ON">Required for everyone</option>
              </Select>
            )}
          </Field>
          <fieldset>
            <legend className="font-medium text-zinc-800">Second factors users can set up</legend>
            <div className="mt-2 grid gap-3 sm:grid-cols-3">
              {MFA_METHOD_LABELS.map(([method, label, description]) => (
                <Checkbox key={method} label={label} description={description} name="mfaMethods" checked={values.mfaMethods.includes(method)}
                  onChange={(e) => onChange({ mfaMethods: toggle(values.mfaMethods, method, e.target.checked) })} />
              ))}
            </div>
            {errorFor("mfaMethods") ? <p className="mt-1 text-red-700">{errorFor("mfaMethods")}</p> : null}
          </fieldset>
        </CardBody>
      </Card>

      <Card>
        <CardHeader title="Passwordless sign-in and passkeys" description="Choice-based sign-in (Cognito's USER_AUTH): the ways users may start signing in. The password always stays one of them." />
        <CardBody className="space-y-5">
          <fieldset>
            <legend className="font-medium text-zinc-800">Users can sign in with</legend>
            <div className="mt-2 grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
              <Checkbox label="Password" description="Always on: an account may have nothing else." checked disabled />
              {SIGN_IN_METHOD_LABELS.map(([method, label, description]) => (
                <Checkbox key={method} label={label} description={description} name="signInMethods" checked={values.signInMethods.includes(method)}
                  onChange={(e) => onChange({ signInMethods: toggle(values.signInMethods, method, e.target.checked) })} />
              ))}
            </div>
            {errorFor("signInMethods") ? <p className="mt-1 text-red-700">{errorFor("signInMethods")}</p> : null}
          </fieldset>
          <div className="grid gap-4 sm:grid-cols-2">
            <Field label="Passkey relying party ID" optional error={errorFor("passkeys")}
              hint={<>Default: <span className="font-mono">{defaultRelyingPartyId}</span>, the host of PUBLIC_URL. Passkeys work on this domain and its subdomains; changing it later leaves existing passkeys unusable.</>}>
              {(p) => <Input {...p} value={passkeys.relyingPartyId ?? ""} placeholder={defaultRelyingPartyId} onChange={(e) => setPasskeys({ relyingPartyId: e.target.value.trim() || undefined })} className="font-mono" spellCheck={false} autoCapitalize="none" />}
            </Field>
            <Field label="User verification" hint="Whether the authenticator must check who is there (PIN, fingerprint, face).">
              {(p) => (
                <Select {...p} value={passkeys.userVerification} onChange={(e) => setPasskeys({ userVerification: e.target.value as PasskeySettings["userVerification"] })}>
                  <option value="preferred">Preferred: when the authenticator can</option>
                  <option value="required">Required: always</option>
                </Select>
              )}
            </Field>
          </div>
        </CardBody>
      </Card>

      <Card>
        <CardHeader title="Remembered devices" description="Cognito's device tracking: devices users sign in from, which the hosted UI's “Remember this device” and the device API remember." />
        <CardBody className="grid gap-4 sm:grid-cols-2">
          <Field label="Remember devices" error={errorFor("deviceTracking")}>
            {(p) => (
              <Select {...p} value={values.deviceTracking} onChange={(e) => onChange({ deviceTracking: e.target.value as FactorSettings["deviceTracking"] })}>
                <option value="OFF">Off</option>
                <option value="USER_OPT_IN">When the user asks</option>
                <option value="ALWAYS">Always</option>
              </Select>
            )}
          </Field>
          <Switch label="Skip MFA on remembered devices" description={values.deviceTracking === "OFF" ? "Turn on remembered devices first." : "A remembered device is not asked for a second factor."}
            checked={values.skipMfaOnRememberedDevices} disabled={values.deviceTracking === "OFF"} onChange={(e) => onChange({ skipMfaOnRememberedDevices: e.target.checked })} />
        </CardBody>
      </Card>
    </>
  );
}
