// What a hosted page shows, looked up by interaction uid: the pool, the client, the flow's step,
// the one-shot message and the form's CSRF token. Pages render this and nothing else, and only for
// the browser holding the interaction's page cookie (page-cookie.ts).
import { flowClient } from "../auth-flow/flow-client.ts";
import QRCode from "qrcode";
import { ATTRIBUTE_LABELS, type StandardAttribute } from "../pools/attributes.ts";
import { DEFAULT_PERMISSIONS, canWrite, type AttributePermissions } from "../pools/client-attributes.ts";
import { permissionsOf } from "../pools/client-attributes.queries.ts";
import type { PasswordPolicy } from "../pools/config-schema.ts";
import { usernameIsChosen, type Pool } from "../pools/pool.ts";
import { pendingSecretCode } from "../auth-flow/engine.ts";
import { RESET_CODE_DESTINATION } from "../users/reset-password.ts";
import { findFlow, takeFlash, type Flash } from "./flow.ts";
import { findUserCodeAddresses, findUserTotpLabel } from "./hosted-ui.queries.ts";
import { pageAllowed, pageOf, type Page } from "./pages.ts";
import { totpUri } from "../mfa/totp.ts";
import { signInCodeAddress } from "../mfa/sign-in-codes.ts";
import type { MfaFactor } from "../users/mfa-preference.ts";
import { maskDestination } from "../users/user.ts";
import type { Runtime } from "../runtime.ts";
import { hostedBranding, type HostedBranding } from "../branding/render.ts";
import { brandingInLanguage, resolveBranding, type Branding } from "../branding/schema.ts";
import type { Locale } from "../i18n/locales.ts";
import { hasPageCookie } from "./page-cookie.ts";
import { offersRememberDevice } from "../devices/device-cookie.ts";
import { builtInClientRow } from "../account/account-client.ts";
import { clientProviders, COGNITO_PROVIDER, type ProviderType, type StoredIdentityProvider } from "../federation/config.ts";

/** A sign-in button of an identity provider. */
export type ProviderButton = { name: string; type: ProviderType; label: string };

export type FieldSpec = { name: string; label: string; type: "text" | "email" | "tel" | "date" | "url"; autoComplete: string; required: boolean };

export type HostedView = {
  page: Page;
  poolName: string;
  clientName: string;
  action: string;
  csrf: string;
  links: { login: string; signup: string | null; forgotPassword: string };
  flash: Flash | null;
  values: Record<string, string>;
  /** `labelKey`: the sign-in name's label in the hosted catalogue's loginName (the aliases the pool takes). */
  login: { labelKey: string; type: "text" | "email" | "tel"; autoComplete: string };
  signupFields: FieldSpec[];
  usernameField: boolean;
  policy: PasswordPolicy;
  destination: string | null;
  totp: { secret: string; qrDataUrl: string; account: string } | null;
  /** At SMS_MFA / EMAIL_OTP: where the sign-in code went (the masked address is `destination`). */
  codeMedium: "SMS" | "EMAIL" | null;
  /** At SELECT_MFA_TYPE: the factors to choose from, and where each code would go (masked); worded by the page. */
  mfaOptions: { factor: MfaFactor; destination: string | null }[];
  /** The recovery codes issued with an MFA enrolment, on the page that shows them once. */
  recoveryCodes: string[] | null;
  /** The identity providers the client offers, as buttons on the sign-in page. */
  providers: ProviderButton[];
  /** Whether the client lets the pool's own users sign in (COGNITO among its providers). */
  passwordSignIn: boolean;
  /** Whether typing a work email may lead to the user's own IdP (a provider has identifiers). */
  corporateSignIn: boolean;
  /** Choice-based sign-in on the hosted pages: what the sign-in page offers beside the password, and where its passkey requests go. */
  signInChoices: SignInChoices;
  branding: HostedBranding;
  /** The MFA pages offer "Remember this device" (lib/devices/device-cookie.ts). */
  rememberDevice: boolean;
  /** Rendered in the branding editor's preview: nothing may take focus. */
  preview?: boolean;
};

export type SignInChoices = {
  passkey: boolean; emailCode: boolean; smsCode: boolean;
  /** POST (csrf) → { options } for navigator.credentials.get(), and the page the answer is posted to. */
  passkeyOptionsUrl: string; passkeyAction: string;
  /** POST (csrf) → { options } for navigator.credentials.create(), on the add-passkey page. */
  registrationOptionsUrl: string;
};

/** What the pool lets users start with on the sign-in page (never while proving an account for a link). */
export function signInChoicesOf(pool: Pool, base: string, linking: boolean): SignInChoices {
  const m = pool.signInMethods;
  // One-time codes are never the only factor where MFA is required (as Cognito's USER_AUTH).
  const codes = !linking && pool.mfa !== "ON";
  return {
    passkey: !linking && m.includes("PASSKEY"), emailCode: codes && m.includes("EMAIL_OTP"), smsCode: codes && m.includes("SMS_OTP"),
    passkeyOptionsUrl: `${base}/passkey-options`, passkeyAction: `${base}/passkey`, registrationOptionsUrl: `${base}/passkey-registration-options`,
  };
}

export type ViewResult = { kind: "view"; view: HostedView } | { kind: "redirect"; to: string } | { kind: "missing" };

function loginField(pool: Pool): HostedView["login"] {
  const a = pool.signInAliases;
  const names = (["username", "email", "phone"] as const).filter((alias) => a.includes(alias));
  const only = names.length === 1;
  return {
    labelKey: names.join("_") || "username",
    type: only && a.includes("email") ? "email" : only && a.includes("phone") ? "tel" : "text",
    autoComplete: "username",
  };
}

const FIELD_TYPES: Partial<Record<StandardAttribute, FieldSpec["type"]>> = {
  email: "email", phone_number: "tel", birthdate: "date", website: "url", profile: "url", picture: "url",
};
const AUTOCOMPLETE: Partial<Record<StandardAttribute, string>> = {
  email: "email", phone_number: "tel", name: "name", given_name: "given-name", family_name: "family-name",
  middle_name: "additional-name", nickname: "nickname", birthdate: "bday", address: "street-address", locale: "language",
  website: "url", gender: "sex",
};

/** The sign-up form's attribute fields: only those the client may write (the server refuses the rest). */
export function signupFields(pool: Pool, client: AttributePermissions): FieldSpec[] {
  const names = new Set<string>(pool.requiredAttributes);
  if (pool.signInAliases.includes("email") || pool.autoVerifiedAttributes.includes("email")) names.add("email");
  if (pool.signInAliases.includes("phone")) names.add("phone_number");
  const order = ["email", "phone_number", "given_name", "family_name", "name"];
  return [...names]
    .filter((name) => canWrite(client, name))
    .sort((x, y) => (order.indexOf(x) + 1 || 99) - (order.indexOf(y) + 1 || 99))
    .map((name) => {
      const attr = name as StandardAttribute;
      return {
        name,
        label: ATTRIBUTE_LABELS[attr] ?? name,
        type: FIELD_TYPES[attr] ?? "text",
        autoComplete: AUTOCOMPLETE[attr] ?? "off",
        required: pool.requiredAttributes.includes(name),
      };
    });
}

/**
 * `pageCookies`: the values the browser sent under the pool's page-cookie name. Without the one of
 * this interaction, nothing is read: the browser goes back to the interaction's start, where the
 * provider's own cookie decides (the browser that started it gets its page cookie again; anyone
 * else, "This sign-in page has expired").
 */
export async function loadHostedView(
  rt: Runtime,
  /** `locale`: the page's language (lib/i18n/request-locale.ts), for the branding texts. */
  options: { poolId: string; uid: string; page: Page; pageCookies: readonly string[]; locale: Locale },
): Promise<ViewResult> {
  // The pool as its provider was built from: cached, and invalidated when the pool changes.
  const pool = (await rt.providers.get(options.poolId))?.pool;
  if (!pool) return { kind: "missing" };
  const issuer = `${rt.env.publicUrl}/${pool.id}`;
  const base = `${issuer}/interaction/${options.uid}`;
  if (!hasPageCookie(rt.secrets, { poolId: pool.id, uid: options.uid, values: options.pageCookies })) return { kind: "redirect", to: base };
  const flow = await findFlow(rt, options.uid);
  const state = flow?.state;
  if (!flow || !state || state.poolId !== pool.id) return { kind: "redirect", to: base };
  // Signed in with one page left (recovery codes to save, the passkey offer): that page only.
  const passwordless = !!state.passwordless;
  const allowed = flow.signedIn
    ? options.page === flow.signedIn.page
    : options.page !== "add-passkey" && pageAllowed(options.page, state.step, passwordless) && !(options.page === "signup" && !pool.selfSignUp);
  if (!allowed) {
    return { kind: "redirect", to: `${base}/${flow.signedIn ? flow.signedIn.page : pageOf(state.step, passwordless)}` };
  }
  const client = (await flowClient(rt, pool.id, state.clientId)) ?? builtInClientRow(state.clientId, pool.identityProviders.map((p) => p.name));
  const supported = client?.supportedIdentityProviders ?? [COGNITO_PROVIDER];
  const offered = clientProviders(pool, supported);
  const flash = await takeFlash(rt, flow);

  let totp: HostedView["totp"] = null;
  const secret = options.page === "mfa-setup" ? pendingSecretCode(rt.secrets, state) : null;
  if (secret && state.userId) {
    const user = await findUserTotpLabel(rt.db, state.userId);
    const account = user?.email ?? user?.username ?? "account";
    const uri = totpUri({ secret, issuer: pool.name, account });
    totp = { secret, account, qrDataUrl: await QRCode.toDataURL(uri, { margin: 1, width: 200, errorCorrectionLevel: "M" }) };
  }

  let mfaOptions: HostedView["mfaOptions"] = [];
  if (options.page === "mfa-select" && state.userId && state.mfaChoices) {
    const user = await findUserCodeAddresses(rt.db, state.userId);
    mfaOptions = user ? state.mfaChoices.map((factor) => {
      const address = factor === "SOFTWARE_TOKEN_MFA" ? null : signInCodeAddress(user, factor === "SMS_MFA" ? "SMS" : "EMAIL");
      return { factor, destination: address ? maskDestination(address) : null };
    }) : [];
  }

  return {
    kind: "view",
    view: {
      page: options.page,
      poolName: pool.name,
      clientName: client?.name ?? state.clientId,
      action: `${base}/${options.page}`,
      csrf: flow.csrf,
      // While proving an account for a link, signing up would make the second account the link avoids.
      links: { login: `${base}/login`, signup: pool.selfSignUp && !state.link ? `${base}/signup` : null, forgotPassword: `${base}/forgot-password` },
      flash,
      values: flow.values,
      login: loginField(pool),
      signupFields: signupFields(pool, permissionsOf(client)),
      usernameField: usernameIsChosen(pool),
      policy: pool.passwordPolicy,
      // Where a reset code went is never shown: it would tell who has an account.
      destination: state.step === "ConfirmForgotPassword" ? RESET_CODE_DESTINATION : state.destination ?? null,
      totp,
      codeMedium: state.step === "SMS_MFA" ? "SMS" : state.step === "EMAIL_OTP" ? "EMAIL" : null,
      mfaOptions,
      recoveryCodes: flow.signedIn?.page === "recovery-codes" ? JSON.parse(rt.secrets.decrypt(flow.signedIn.recoveryCodesEnc)) as string[] : null,
      // While proving an account for a link, only the pool's own sign-in is offered.
      providers: state.link ? [] : offered.map(providerButton),
      passwordSignIn: supported.includes(COGNITO_PROVIDER) || !!state.link,
      corporateSignIn: !state.link && offered.some((p) => p.idpIdentifiers.length > 0),
      signInChoices: signInChoicesOf(pool, base, !!state.link),
      branding: hostedBranding(pool.id, brandingInLanguage(resolveBranding(pool.branding, client?.branding), options.locale)),
      rememberDevice: offersRememberDevice(pool),
    },
  };
}

/** A page as the branding editor previews it: sample content, the draft branding, no flow. */
export function previewView(pool: Pool, options: { page: Page; clientName: string; branding: Branding; error: boolean }): HostedView {
  const base = `/admin/preview`;
  const sampleError: Partial<Record<Page, { message: string; field?: string }>> = {
    login: { message: "Incorrect username or password.", field: "password" },
    signup: { message: "An account with this email already exists.", field: "email" },
    mfa: { message: "That code is not right. Check your authenticator app and try again.", field: "code" },
  };
  const flash = options.error && sampleError[options.page] ? { kind: "error" as const, ...sampleError[options.page]! } : null;
  return {
    page: options.page,
    poolName: pool.name,
    clientName: options.clientName,
    action: `${base}#`,
    csrf: "preview",
    links: { login: "#", signup: pool.selfSignUp ? "#" : null, forgotPassword: "#" },
    flash,
    values: flash ? { login: "jane@example.com", email: "jane@example.com" } : {},
    login: loginField(pool),
    signupFields: signupFields(pool, DEFAULT_PERMISSIONS),
    usernameField: usernameIsChosen(pool),
    policy: pool.passwordPolicy,
    destination: "j***@e***",
    totp: null,
    codeMedium: options.page === "mfa-code" ? "SMS" : null,
    mfaOptions: options.page === "mfa-select"
      ? (["SOFTWARE_TOKEN_MFA", "SMS_MFA", "EMAIL_OTP"] as const).map((factor) => ({ factor, destination: factor === "SMS_MFA" ? "+*******0123" : "j***@e***" }))
      : [],
    recoveryCodes: null,
    providers: pool.identityProviders.map(providerButton),
    passwordSignIn: true,
    corporateSignIn: false,
    signInChoices: signInChoicesOf(pool, base, false),
    branding: hostedBranding(pool.id, options.branding),
    rememberDevice: offersRememberDevice(pool),
    preview: true,
  };
}

const PROVIDER_LABELS: Partial<Record<ProviderType, string>> = { Google: "Google", Facebook: "Facebook", SignInWithApple: "Apple" };

/** `label`: the provider's name; the page words the button ("Continue with {provider}"). */
function providerButton(idp: StoredIdentityProvider): ProviderButton {
  return { name: idp.name, type: idp.type, label: PROVIDER_LABELS[idp.type] ?? idp.name };
}

export { usernameIsChosen };
