// What the account page shows, read for the signed-in user: the pool's branding, their profile
// attributes (every mutable one: the account client writes what the user may), their addresses,
// password, authenticator, the security sections (security-view.ts), sessions and recent sign-ins,
// and the message after the last change.
import QRCode from "qrcode";
import { isImmutable, type StandardAttribute } from "../pools/attributes.ts";
import { DEFAULT_LOCALE, type Locale } from "../i18n/locales.ts";
import { attributeLabel } from "./account-wording.ts";
import type { PasswordPolicy } from "../pools/config-schema.ts";
import type { Pool } from "../pools/pool.ts";
import { hostedBranding, type HostedBranding } from "../branding/render.ts";
import { resolveBranding } from "../branding/schema.ts";
import { pendingTotpSecret } from "../mfa/associate-totp.ts";
import { totpUri } from "../mfa/totp.ts";
import type { Runtime } from "../runtime.ts";
import { userAttributes } from "../users/user.ts";
import { accountPath } from "./account-client.ts";
import { proofKindOf, type ProofKind } from "./confirm-identity.ts";
import { listAccountSessions, listRecentSignIns, type AccountSessionView, type SignInView } from "./list-account-activity.ts";
import type { AccountFlash } from "./flash.ts";
import type { AccountSession } from "./session.ts";
import { factorRemovable, securityView, type SecurityView } from "./security-view.ts";

export type ProfileField = {
  name: string; label: string; type: "text" | "date" | "url" | "number" | "boolean"; autoComplete: string; value: string; required: boolean;
  /** Shown at once; the others sit under "More details". */
  main: boolean;
};

export type AccountView = {
  poolId: string;
  poolName: string;
  branding: HostedBranding;
  /** Forms post to `${actionBase}/{action}`. */
  actionBase: string;
  csrf: string;
  flash: AccountFlash | null;
  user: { username: string; displayName: string; email: string | null; emailVerified: boolean; phone: string | null; phoneVerified: boolean; hasPassword: boolean };
  proof: ProofKind;
  profile: ProfileField[];
  /** Whether the pool verifies a new email or phone number with a code (its autoVerifiedAttributes). */
  contact: { verifiesEmail: boolean; verifiesPhone: boolean };
  policy: PasswordPolicy;
  authenticator: { offered: boolean; enabled: boolean; removable: boolean; pending: { secret: string; qrDataUrl: string; account: string } | null };
  sessions: AccountSessionView[];
  signIns: SignInView[];
} & SecurityView;

const MAIN: string[] = ["given_name", "family_name", "name", "middle_name", "nickname", "preferred_username"];
// Email and phone have their own section (with verification); updated_at is the server's to keep.
const NOT_PROFILE = new Set(["email", "phone_number", "updated_at"]);
const TYPES: Partial<Record<StandardAttribute, ProfileField["type"]>> = { birthdate: "date", website: "url", profile: "url", picture: "url" };
const AUTOCOMPLETE: Partial<Record<StandardAttribute, string>> = {
  name: "name", given_name: "given-name", family_name: "family-name", middle_name: "additional-name", nickname: "nickname",
  birthdate: "bday", address: "street-address", locale: "language", website: "url", gender: "sex", preferred_username: "username",
};
const STANDARD_ORDER: StandardAttribute[] = [
  "given_name", "family_name", "name", "middle_name", "nickname", "preferred_username",
  "birthdate", "gender", "address", "locale", "zoneinfo", "website", "profile", "picture",
];

/** Every attribute the user may write on the page: standard ones, then the pool's mutable custom ones. */
export function profileFields(pool: Pool, attributes: Record<string, string>, locale: Locale = DEFAULT_LOCALE): ProfileField[] {
  const standard = STANDARD_ORDER.filter((name) => !NOT_PROFILE.has(name)).map((name): ProfileField => ({
    name, label: attributeLabel(name, locale) ?? name, type: TYPES[name] ?? "text", autoComplete: AUTOCOMPLETE[name] ?? "off",
    value: attributes[name] ?? "", required: pool.requiredAttributes.includes(name), main: MAIN.includes(name) || pool.requiredAttributes.includes(name) || !!attributes[name],
  }));
  const custom = pool.customAttributes.filter((a) => !isImmutable(pool, `custom:${a.name}`)).map((a): ProfileField => {
    const name = `custom:${a.name}`;
    return {
      name, label: humanise(a.name), type: a.type === "Number" ? "number" : a.type === "Boolean" ? "boolean" : "text", autoComplete: "off",
      value: attributes[name] ?? "", required: pool.requiredAttributes.includes(name), main: true,
    };
  });
  return [...standard, ...custom];
}

function humanise(name: string): string {
  const words = name.replace(/[_-]+/g, " ").replace(/([a-z])([A-Z])/g, "$1 $2").trim().toLowerCase();
  return words ? words[0]!.toUpperCase() + words.slice(1) : name;
}

export async function accountView(rt: Runtime, options: { pool: Pool; session: AccountSession; flash: AccountFlash | null; deviceCookie?: string | undefined; locale?: Locale }): Promise<AccountView> {
  const locale = options.locale ?? DEFAULT_LOCALE;
  const { pool, session } = options;
  const { user } = session;
  const attributes = userAttributes(user);
  const [sessions, signIns, security] = await Promise.all([
    listAccountSessions(rt.db, { poolId: pool.id, user, currentGrantId: session.grantId, locale }),
    listRecentSignIns(rt.db, { poolId: pool.id, user, locale }),
    securityView(rt, { pool, user, flash: options.flash, deviceCookie: options.deviceCookie, actionBase: accountPath(pool.id), locale }),
  ]);
  const secret = pendingTotpSecret(rt.secrets, user);
  const account = user.email ?? user.phoneNumber ?? user.username;
  const offered = pool.mfa !== "OFF" && pool.mfaMethods.includes("TOTP");
  const enabled = !!user.totpSecretEnc;
  return {
    poolId: pool.id,
    poolName: pool.name,
    branding: hostedBranding(pool.id, resolveBranding(pool.branding)),
    actionBase: accountPath(pool.id),
    csrf: session.csrf,
    flash: options.flash,
    user: {
      username: user.username,
      displayName: attributes.name || [attributes.given_name, attributes.family_name].filter(Boolean).join(" ") || account,
      email: user.email, emailVerified: user.emailVerified, phone: user.phoneNumber, phoneVerified: user.phoneVerified, hasPassword: !!user.passwordHash,
    },
    proof: proofKindOf(user),
    profile: profileFields(pool, attributes, locale),
    contact: {
      verifiesEmail: pool.autoVerifiedAttributes.includes("email"),
      verifiesPhone: pool.autoVerifiedAttributes.includes("phone_number"),
    },
    policy: pool.passwordPolicy,
    authenticator: {
      offered: offered || enabled,
      enabled,
      removable: enabled && factorRemovable(user, pool, "SOFTWARE_TOKEN_MFA"),
      pending: secret && (offered || enabled)
        ? { secret, account, qrDataUrl: await QRCode.toDataURL(totpUri({ secret, issuer: pool.name, account }), { margin: 1, width: 200, errorCorrectionLevel: "M" }) }
        : null,
    },
    sessions,
    signIns,
    ...security,
  };
}
