// Response shapes of the admin API, for the OpenAPI document and for the handlers' types.
import { z } from "zod";
import { PoolSettingsShape, ClientSchema, ResourceServerSchema } from "../../pools/config-schema.ts";
import { IdentityPoolSettingsShape } from "../../identity-pools/config.ts";
import { AuthorizerSchema } from "../../authorizers/config.ts";
import { MigrateFromOut } from "../../migration/config.ts";

const date = z.string().describe("ISO 8601 date-time");

export const ErrorBody = z.object({
  error: z.object({
    code: z.string().describe("A Cognito-style exception name, e.g. InvalidParameterException"),
    message: z.string(),
    field: z.string().optional(),
    issues: z.array(z.object({
      path: z.string().describe("Where the input is: body.<field path> (body.scopes.0.name), query.<name> or path.<name>"),
      message: z.string().describe("What is wrong with it, without the path"),
    })).optional().describe("Every invalid input, each with its path as data"),
  }),
}).meta({ id: "Error" });

export const PoolOut = z.object({
  id: z.string(),
  system: z.boolean(),
  ...PoolSettingsShape,
  autoVerifiedAttributes: z.array(z.string()),
  requiredAttributes: z.array(z.string()),
  createdAt: date,
  updatedAt: date,
  counts: z.object({ users: z.number(), clients: z.number(), groups: z.number(), resourceServers: z.number() }),
  migrateFrom: MigrateFromOut.nullable(),
}).meta({ id: "UserPool" });

export const UserSummaryOut = z.object({
  sub: z.string(), username: z.string(), email: z.string().nullable(), emailVerified: z.boolean(), phoneNumber: z.string().nullable(),
  phoneVerified: z.boolean(), status: z.string(), enabled: z.boolean(), mfa: z.array(z.string()).describe("The second factors on: SOFTWARE_TOKEN_MFA, SMS_MFA, EMAIL_OTP"), createdAt: date, updatedAt: date,
  temporaryPasswordExpiresAt: date.nullable().describe("When the temporary password stops working (past once it has); null without one."),
}).meta({ id: "UserSummary" });

export const UserDetailOut = UserSummaryOut.extend({
  attributes: z.record(z.string(), z.string()),
  groups: z.array(z.string()),
  lockedUntil: date.nullable(),
  failedAttempts: z.number(),
}).meta({ id: "User" });

export const UserSessionOut = z.object({
  id: z.string(), signedInAt: date.nullable(), expiresAt: date.nullable(), mfa: z.boolean(),
  apps: z.array(z.object({ clientId: z.string(), name: z.string().nullable() })), refreshTokens: z.number(),
}).meta({ id: "UserSession" });

export const UserPageOut = z.object({ users: z.array(UserSummaryOut), total: z.number(), nextCursor: z.string().nullable(), prevCursor: z.string().nullable() });

export const GroupOut = z.object({ name: z.string(), precedence: z.number().nullable(), description: z.string(), roleArn: z.string().nullable(), members: z.number(), createdAt: date }).meta({ id: "Group" });

export const ClientOut = ClientSchema.omit({ clientSecret: true, generateSecret: true, branding: true }).extend({
  poolId: z.string(), hasSecret: z.boolean(), createdAt: date, updatedAt: date,
}).meta({ id: "AppClient" });

export const ClientWithSecretOut = z.object({ client: ClientOut, clientSecret: z.string().nullable().describe("Shown only in this response") });

export const ResourceServerOut = ResourceServerSchema.meta({ id: "ResourceServer" });

export const ApiKeyOut = z.object({
  id: z.string(), name: z.string(), prefix: z.string(),
  accessKeyId: z.string().describe("The key's AWS access key id (GHK…), for SigV4-signed Cognito API Admin calls"),
  createdBy: z.string(), createdAt: date, lastUsedAt: date.nullable(), revokedAt: date.nullable(),
}).meta({ id: "ApiKey" });

export const ApiKeyWithSecretsOut = z.object({
  apiKey: ApiKeyOut,
  key: z.string().describe("The API key (ghk_…); shown only in this response"),
  secretAccessKey: z.string().describe("The AWS secret access key that goes with apiKey.accessKeyId; shown only in this response"),
});

export const AuditEventOut = z.object({
  id: z.string(), createdAt: date, poolId: z.string().nullable(), type: z.string(), actorType: z.string(), actor: z.string().nullable(),
  target: z.string().nullable(), ip: z.string().nullable(), userAgent: z.string().nullable(), details: z.record(z.string(), z.unknown()),
}).meta({ id: "AuditEvent" });

export const OutboxMessageOut = z.object({ id: z.string(), to: z.string(), subject: z.string(), body: z.string(), code: z.string().nullable(), createdAt: date });

export const Ok = z.object({ ok: z.literal(true) });

// ---- a user's second factors (lib/admin/users/user-factors.ts)
const MfaFactorOut = z.enum(["SOFTWARE_TOKEN_MFA", "SMS_MFA", "EMAIL_OTP"]);

export const UserMfaOut = z.object({
  mfa: z.enum(["OFF", "OPTIONAL", "ON"]).describe("The pool's MFA setting"),
  factors: z.array(z.object({
    factor: MfaFactorOut,
    offered: z.boolean().describe("The pool's mfaMethods include it"),
    enabled: z.boolean().describe("Turned on, and the user can receive it"),
    ready: z.boolean().describe("A verified authenticator app, phone number or email: the factor could be turned on"),
  })),
  enabled: z.array(MfaFactorOut).describe("As Cognito's UserMFASettingList"),
  preferred: MfaFactorOut.nullable().describe("As Cognito's PreferredMfaSetting"),
  recoveryCodes: z.object({ remaining: z.number(), total: z.number() }),
  passkeys: z.number().describe("How many passkeys the user has (a first factor that also counts as MFA)"),
  devices: z.number().describe("How many devices the user has confirmed"),
}).meta({ id: "UserMfa" });

const MfaChangeIn = z.strictObject({ enabled: z.boolean().optional(), preferred: z.boolean().optional() }).optional();
/** Cognito's AdminSetUserMFAPreference, one entry per factor (SoftwareTokenMfaSettings, SMSMfaSettings, EmailMfaSettings). */
export const MfaPreferenceIn = z.strictObject({ SOFTWARE_TOKEN_MFA: MfaChangeIn, SMS_MFA: MfaChangeIn, EMAIL_OTP: MfaChangeIn });

export const PasskeyOut = z.object({
  credentialId: z.string().describe("base64url"), friendlyName: z.string(), relyingPartyId: z.string(),
  attachment: z.string().nullable().describe("platform or cross-platform, where the authenticator said"), transports: z.array(z.string()),
  backedUp: z.boolean().describe("Synced (a multi-device passkey)"), createdAt: date, lastUsedAt: date.nullable(),
}).meta({ id: "Passkey" });

export const DeviceOut = z.object({
  deviceKey: z.string(), name: z.string().nullable().describe("device_name, else the browser it was made in (\"Chrome on macOS\")"),
  remembered: z.boolean().describe("Cognito's DeviceRememberedStatus is remembered: it may skip MFA where the pool says so"),
  lastIp: z.string().nullable(), lastAuthenticatedAt: date.nullable(), createdAt: date, updatedAt: date,
}).meta({ id: "Device" });

export const MfaResetOut = UserDetailOut.extend({
  removed: z.object({
    authenticator: z.boolean(), factors: z.array(MfaFactorOut).describe("The factors that were on"), preferred: MfaFactorOut.nullable(),
    recoveryCodes: z.number(), devices: z.number(),
  }).describe("What the reset removed (also in the audit log)"),
});

export const IdentityPoolOut = z.object({ id: z.string().describe("{region}:{uuid}"), ...IdentityPoolSettingsShape, createdAt: date, updatedAt: date }).meta({ id: "IdentityPool" });
export const IdentityOut = z.object({
  identityId: z.string(), logins: z.array(z.string()).describe("The providers it signed in with: `Logins` keys (a user pool's issuer without the scheme) or the developer provider name"),
  createdAt: date, updatedAt: date,
}).meta({ id: "Identity" });
export const AuthorizerOut = AuthorizerSchema.meta({ id: "Authorizer" });
