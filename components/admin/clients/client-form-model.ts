// The app client form's values: flows, scopes, token lifetimes, and how they are shown and entered.
import { DEFAULT_EXPLICIT_AUTH_FLOWS, type ExplicitAuthFlow } from "@/lib/pools/auth-flows.ts";
import { STANDARD_SCOPES, TOKEN_LIFETIMES, type TokenLifetime } from "@/lib/pools/config-schema.ts";

export type OAuthFlow = "code" | "implicit" | "client_credentials";

/** The client as the form needs it (a ClientView fits). */
export type ClientFormClient = {
  clientId: string;
  name: string;
  hasSecret: boolean;
  callbackUrls: string[];
  logoutUrls: string[];
  allowedOAuthFlows: OAuthFlow[];
  allowedScopes: string[];
  accessTokenValidity: number;
  idTokenValidity: number;
  refreshTokenValidity: number;
  refreshTokenRotation: boolean;
  preventUserExistenceErrors: "ENABLED" | "LEGACY";
  explicitAuthFlows: ExplicitAuthFlow[];
  /** Cognito's SupportedIdentityProviders: COGNITO and the pool's identity provider names. */
  supportedIdentityProviders?: string[];
};

/** How the form names the pool's own users among the sign-in providers. */
export const COGNITO_LABEL = "User pool (username and password)";

export type ScopeServer = { identifier: string; name: string; scopes: { name: string; description: string }[] };

export const FLOWS: { value: OAuthFlow; label: string; description: string }[] = [
  { value: "code", label: "Authorization code", description: "Users sign in on the hosted pages and the app exchanges a code for tokens. Best for every kind of app." },
  { value: "implicit", label: "Implicit", description: "Legacy: tokens come back in the redirect URL. Prefer authorization code with PKCE." },
  {
    value: "client_credentials",
    label: "Client credentials",
    description: "Machine to machine: the app gets an access token with its own secret, no user involved. Needs a confidential client.",
  },
];

/** Cognito's ExplicitAuthFlows, in the order the form shows them. */
export const AUTH_FLOW_INFO: { value: ExplicitAuthFlow; label: string; description: string }[] = [
  { value: "ALLOW_USER_SRP_AUTH", label: "Secure Remote Password (SRP)", description: "The app proves the user knows the password without sending it. Amplify's default." },
  { value: "ALLOW_USER_PASSWORD_AUTH", label: "Username and password", description: "The app sends the password itself. For migrating users or apps that cannot do SRP." },
  { value: "ALLOW_ADMIN_USER_PASSWORD_AUTH", label: "Server-side password", description: "A back end signs users in with AdminInitiateAuth, signed with an API key's credentials." },
  { value: "ALLOW_CUSTOM_AUTH", label: "Custom challenges", description: "Sign-in through challenges your own triggers define." },
  { value: "ALLOW_USER_AUTH", label: "Choice-based sign-in", description: "The user picks a way to sign in that the pool offers, such as a password or passkey." },
  { value: "ALLOW_REFRESH_TOKEN_AUTH", label: "Refresh tokens", description: "The app gets new ID and access tokens with its refresh token." },
];

export const STANDARD_SCOPE_INFO: Record<(typeof STANDARD_SCOPES)[number], string> = {
  openid: "OpenID Connect sign-in; needed for an ID token.",
  email: "The email and email_verified claims.",
  profile: "Name, picture, locale and the other profile claims.",
  phone: "The phone_number and phone_number_verified claims.",
  "aws.cognito.signin.user.admin": "Lets the access token manage the user's own account.",
};

/** The unit each token lifetime is entered in (its bounds are ClientSchema's, TOKEN_LIFETIMES). */
export const LIFETIME_UNITS = {
  accessTokenValidity: { unit: 60, unitName: "minutes" },
  idTokenValidity: { unit: 60, unitName: "minutes" },
  refreshTokenValidity: { unit: 86_400, unitName: "days" },
} as const satisfies Record<TokenLifetime, { unit: number; unitName: string }>;
export type Lifetime = TokenLifetime;

/** The form's values, named as the API names them, so its issues land under their controls. */
export type Values = {
  name: string;
  clientType: "public" | "confidential";
  allowedOAuthFlows: OAuthFlow[];
  callbackUrls: string;
  logoutUrls: string;
  supportedIdentityProviders: string[];
  preventUserExistenceErrors: boolean;
  explicitAuthFlows: ExplicitAuthFlow[];
  allowedScopes: string[];
  accessTokenValidity: string;
  idTokenValidity: string;
  refreshTokenValidity: string;
  refreshTokenRotation: boolean;
};
export type FieldName = keyof Values;
export const FIELD_ORDER: FieldName[] = [
  "name",
  "clientType",
  "allowedOAuthFlows",
  "callbackUrls",
  "logoutUrls",
  "supportedIdentityProviders",
  "preventUserExistenceErrors",
  "explicitAuthFlows",
  "allowedScopes",
  "accessTokenValidity",
  "idTokenValidity",
  "refreshTokenValidity",
  "refreshTokenRotation",
];

export const FIELD_LABELS: Record<FieldName, string> = {
  name: "Name",
  clientType: "Client type",
  allowedOAuthFlows: "OAuth flows",
  callbackUrls: "Callback URLs",
  logoutUrls: "Sign-out URLs",
  allowedScopes: "Allowed scopes",
  accessTokenValidity: "Access token lifetime",
  idTokenValidity: "ID token lifetime",
  refreshTokenValidity: "Refresh token lifetime",
  refreshTokenRotation: "Refresh token rotation",
  preventUserExistenceErrors: "Prevent user existence errors",
  explicitAuthFlows: "Authentication flows",
  supportedIdentityProviders: "Sign-in providers",
};

export const DEFAULTS = {
  allowedOAuthFlows: ["code"] as OAuthFlow[],
  allowedScopes: ["openid", "email", "profile"],
};

/** Seconds → the number shown in the input, in the field's unit, without trailing zeros. */
export function toUnit(seconds: number, unit: number): string {
  return String(Number((seconds / unit).toFixed(unit === 60 ? 2 : 4)));
}

export function initialValues(client: ClientFormClient | undefined): Values {
  return {
    name: client?.name ?? "",
    clientType: client?.hasSecret ? "confidential" : "public",
    allowedOAuthFlows: client?.allowedOAuthFlows ?? DEFAULTS.allowedOAuthFlows,
    callbackUrls: (client?.callbackUrls ?? []).join("\n"),
    logoutUrls: (client?.logoutUrls ?? []).join("\n"),
    supportedIdentityProviders: client?.supportedIdentityProviders ?? ["COGNITO"],
    preventUserExistenceErrors: (client?.preventUserExistenceErrors ?? "ENABLED") === "ENABLED",
    explicitAuthFlows: client?.explicitAuthFlows ?? [...DEFAULT_EXPLICIT_AUTH_FLOWS],
    allowedScopes: client?.allowedScopes ?? DEFAULTS.allowedScopes,
    accessTokenValidity: toUnit(client?.accessTokenValidity ?? TOKEN_LIFETIMES.accessTokenValidity.default, 60),
    idTokenValidity: toUnit(client?.idTokenValidity ?? TOKEN_LIFETIMES.idTokenValidity.default, 60),
    refreshTokenValidity: toUnit(client?.refreshTokenValidity ?? TOKEN_LIFETIMES.refreshTokenValidity.default, 86_400),
    refreshTokenRotation: client?.refreshTokenRotation ?? false,
  };
}

export const numberFormat = new Intl.NumberFormat("en");

/** 5400 → "1 hour 30 minutes"; 2592000 → "30 days". At most two parts. */
export function humanDuration(seconds: number): string {
  const parts: string[] = [];
  const units: [number, string][] = [
    [86_400, "day"],
    [3_600, "hour"],
    [60, "minute"],
    [1, "second"],
  ];
  let rest = seconds;
  for (const [size, name] of units) {
    const count = Math.floor(rest / size);
    if (count > 0) {
      parts.push(`${numberFormat.format(count)} ${name}${count === 1 ? "" : "s"}`);
      rest -= count * size;
    }
    if (parts.length === 2) break;
  }
  return parts.join(" ") || "0 seconds";
}

/** The text of an input in the field's unit → seconds, or null when it is not a number. */
export function toSeconds(text: string, unit: number): number | null {
  const trimmed = text.trim().replace(",", ".");
  if (!/^\d+(\.\d+)?$|^\.\d+$/.test(trimmed)) return null;
  return Math.round(Number(trimmed) * unit);
}

export function lines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
}
