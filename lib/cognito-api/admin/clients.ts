// App clients in Cognito's shapes (UserPoolClientType), through lib/admin/clients.ts as the admin
// API's client routes, whose schema and rules (scopes, callback URLs, attribute permissions) apply.
// As in Cognito, what CreateUserPoolClient and UpdateUserPoolClient leave out gets its default:
// no OAuth flows or scopes, Cognito's ExplicitAuthFlows, and token validities of an hour (access,
// ID) and 30 days (refresh), given in the units TokenValidityUnits names. The secret is shown only
// in CreateUserPoolClient's answer: Gatehouse never shows a client secret again.
import { z } from "zod";
import { CreateClientSchema, createClient, deleteClient, getClient, listClients, updateClient, type ClientView } from "../../admin/clients.ts";
import { AppError } from "../../errors.ts";
import { COGNITO_PROVIDER } from "../../federation/config.ts";
import type { Pool } from "../../pools/pool.ts";
import { EXPLICIT_AUTH_FLOWS, type ExplicitAuthFlow } from "../../pools/auth-flows.ts";
import { ClientId } from "../validation.ts";
import { adminOperation, adminPool, epochSeconds, NextToken, pageOf, parseAdminInput, UserPoolId } from "./common.ts";

const TIME_UNITS = { seconds: 1, minutes: 60, hours: 3600, days: 86_400 } as const;
type TimeUnit = keyof typeof TIME_UNITS;
const TimeUnitSchema = z.enum(["seconds", "minutes", "hours", "days"]);
/** Cognito's units when TokenValidityUnits does not name one. */
const DEFAULT_UNITS = { AccessToken: "hours", IdToken: "hours", RefreshToken: "days" } as const satisfies Record<string, TimeUnit>;

/** Cognito's older ExplicitAuthFlows names, as the ALLOW_ flows they stand for. */
const LEGACY_FLOWS: Record<string, ExplicitAuthFlow> = {
  ADMIN_NO_SRP_AUTH: "ALLOW_ADMIN_USER_PASSWORD_AUTH", USER_PASSWORD_AUTH: "ALLOW_USER_PASSWORD_AUTH", CUSTOM_AUTH_FLOW_ONLY: "ALLOW_CUSTOM_AUTH",
};

const Url = z.string().min(1).max(1024);
const Settings = {
  ClientName: z.string().min(1).max(128).regex(/^[\w\s+=,.@-]+$/, "Member must satisfy regular expression pattern: [\\w\\s+=,.@-]+"),
  RefreshTokenValidity: z.number().int().min(0).max(315_360_000).optional(),
  AccessTokenValidity: z.number().int().min(1).max(86_400).optional(),
  IdTokenValidity: z.number().int().min(1).max(86_400).optional(),
  TokenValidityUnits: z.object({ AccessToken: TimeUnitSchema.optional(), IdToken: TimeUnitSchema.optional(), RefreshToken: TimeUnitSchema.optional() }).optional(),
  ReadAttributes: z.array(z.string().min(1).max(2048)).optional(),
  WriteAttributes: z.array(z.string().min(1).max(2048)).optional(),
  ExplicitAuthFlows: z.array(z.enum([...EXPLICIT_AUTH_FLOWS, "ADMIN_NO_SRP_AUTH", "CUSTOM_AUTH_FLOW_ONLY", "USER_PASSWORD_AUTH"])).optional(),
  SupportedIdentityProviders: z.array(z.string().min(1).max(32)).optional(),
  CallbackURLs: z.array(Url).max(100).optional(),
  LogoutURLs: z.array(Url).max(100).optional(),
  AllowedOAuthFlows: z.array(z.enum(["code", "implicit", "client_credentials"])).max(3).optional(),
  AllowedOAuthScopes: z.array(z.string().min(1).max(256)).max(50).optional(),
  AllowedOAuthFlowsUserPoolClient: z.boolean().optional(),
  PreventUserExistenceErrors: z.enum(["ENABLED", "LEGACY"]).optional(),
  EnableTokenRevocation: z.boolean().optional(),
  RefreshTokenRotation: z.object({ Feature: z.enum(["ENABLED", "DISABLED"]), RetryGracePeriodSeconds: z.number().int().min(0).max(60).optional() }).optional(),
};
type CognitoSettings = z.infer<z.ZodObject<typeof Settings>>;

/** Where Cognito's names differ from the admin API's, for the messages of its checks. */
const FIELDS: Record<string, string> = {
  name: "ClientName", callbackUrls: "CallbackURLs", logoutUrls: "LogoutURLs", allowedOAuthFlows: "AllowedOAuthFlows", allowedScopes: "AllowedOAuthScopes",
  explicitAuthFlows: "ExplicitAuthFlows", supportedIdentityProviders: "SupportedIdentityProviders", readAttributes: "ReadAttributes", writeAttributes: "WriteAttributes", accessTokenValidity: "AccessTokenValidity",
  idTokenValidity: "IdTokenValidity", refreshTokenValidity: "RefreshTokenValidity",
};

const seconds = (value: number | undefined, unit: TimeUnit) => (value ? value * TIME_UNITS[unit] : undefined);

/** A client's settings in the admin API's terms, every one Cognito's request leaves out at its default. */
function settingsOf(pool: Pool, input: CognitoSettings) {
  for (const provider of input.SupportedIdentityProviders ?? []) {
    if (provider !== COGNITO_PROVIDER && !pool.identityProviders.some((p) => p.name === provider))
      throw new AppError("InvalidParameterException", `The provider ${provider} does not exist for User Pool ${pool.id}`);
  }
  if (input.EnableTokenRevocation === false) throw new AppError("InvalidParameterException", "Gatehouse always allows refresh tokens to be revoked: EnableTokenRevocation cannot be false.");
  const units = { ...DEFAULT_UNITS, ...input.TokenValidityUnits };
  // OAuth is on when asked for, or (AllowedOAuthFlowsUserPoolClient left out) when flows are given.
  const oauth = input.AllowedOAuthFlowsUserPoolClient ?? (input.AllowedOAuthFlows?.length ?? 0) > 0;
  return {
    name: input.ClientName,
    callbackUrls: input.CallbackURLs ?? [],
    logoutUrls: input.LogoutURLs ?? [],
    allowedOAuthFlows: oauth ? (input.AllowedOAuthFlows ?? []) : [],
    allowedScopes: input.AllowedOAuthScopes ?? [],
    explicitAuthFlows: input.ExplicitAuthFlows ? [...new Set(input.ExplicitAuthFlows.map((flow) => LEGACY_FLOWS[flow] ?? flow))] : undefined,
    readAttributes: input.ReadAttributes ?? null,
    writeAttributes: input.WriteAttributes ?? null,
    accessTokenValidity: seconds(input.AccessTokenValidity, units.AccessToken),
    idTokenValidity: seconds(input.IdTokenValidity, units.IdToken),
    refreshTokenValidity: seconds(input.RefreshTokenValidity, units.RefreshToken),
    refreshTokenRotation: input.RefreshTokenRotation?.Feature === "ENABLED",
    preventUserExistenceErrors: input.PreventUserExistenceErrors ?? "ENABLED",
    // Left out, the pool's own users sign in (Gatehouse's default, as before providers existed).
    supportedIdentityProviders: input.SupportedIdentityProviders ? [...new Set(input.SupportedIdentityProviders)] : [COGNITO_PROVIDER],
  };
}

/** A validity in the largest unit that holds it exactly. */
function inUnits(value: number): { value: number; unit: TimeUnit } {
  for (const unit of ["days", "hours", "minutes"] as const) if (value % TIME_UNITS[unit] === 0) return { value: value / TIME_UNITS[unit], unit };
  return { value, unit: "seconds" };
}

function userPoolClientType(client: ClientView, secret?: string | null) {
  const [access, id, refresh] = [inUnits(client.accessTokenValidity), inUnits(client.idTokenValidity), inUnits(client.refreshTokenValidity)];
  return {
    UserPoolId: client.poolId,
    ClientName: client.name,
    ClientId: client.clientId,
    ...(secret ? { ClientSecret: secret } : {}),
    CreationDate: epochSeconds(client.createdAt),
    LastModifiedDate: epochSeconds(client.updatedAt),
    AccessTokenValidity: access.value,
    IdTokenValidity: id.value,
    RefreshTokenValidity: refresh.value,
    TokenValidityUnits: { AccessToken: access.unit, IdToken: id.unit, RefreshToken: refresh.unit },
    ...(client.readAttributes ? { ReadAttributes: client.readAttributes } : {}),
    ...(client.writeAttributes ? { WriteAttributes: client.writeAttributes } : {}),
    ExplicitAuthFlows: client.explicitAuthFlows,
    SupportedIdentityProviders: client.supportedIdentityProviders,
    CallbackURLs: client.callbackUrls,
    LogoutURLs: client.logoutUrls,
    AllowedOAuthFlows: client.allowedOAuthFlows,
    AllowedOAuthScopes: client.allowedScopes,
    AllowedOAuthFlowsUserPoolClient: client.allowedOAuthFlows.length > 0,
    PreventUserExistenceErrors: client.preventUserExistenceErrors,
    EnableTokenRevocation: true,
    EnablePropagateAdditionalUserContextData: false,
    // A sign-in's Session lasts three minutes (lib/auth-flow/session.ts).
    AuthSessionValidity: 3,
    RefreshTokenRotation: { Feature: client.refreshTokenRotation ? "ENABLED" : "DISABLED" },
  };
}

const byClient = (input: { ClientId: string }) => input.ClientId;

export const CreateUserPoolClient = adminOperation({
  input: z.object({ UserPoolId, ...Settings, GenerateSecret: z.boolean().optional(), ClientSecret: z.string().min(24).max(64).optional() }),
  audit: { type: "createClient", target: (input) => input.ClientName },
  async run(call, input) {
    const pool = await adminPool(call.rt, input.UserPoolId);
    if (input.ClientSecret !== undefined) throw new AppError("InvalidParameterException", "Gatehouse makes client secrets itself: set GenerateSecret instead of ClientSecret.");
    const settings = parseAdminInput(CreateClientSchema, { ...settingsOf(pool, input), generateSecret: input.GenerateSecret ?? false }, FIELDS);
    const { client, clientSecret } = await createClient(call.rt, pool.id, settings);
    return { UserPoolClient: userPoolClientType(client, clientSecret) };
  },
});

export const DescribeUserPoolClient = adminOperation({
  input: z.object({ UserPoolId, ClientId }),
  async run(call, input) {
    const pool = await adminPool(call.rt, input.UserPoolId);
    return { UserPoolClient: userPoolClientType(await getClient(call.rt.db, pool.id, input.ClientId)) };
  },
});

export const UpdateUserPoolClient = adminOperation({
  input: z.object({ UserPoolId, ClientId, ...Settings, ClientName: Settings.ClientName.optional() }),
  audit: { type: "updateClient", target: byClient },
  async run(call, input) {
    const pool = await adminPool(call.rt, input.UserPoolId);
    const current = await getClient(call.rt.db, pool.id, input.ClientId);
    // Every setting is replaced, as in Cognito; only the name stays when none is given.
    const { clientId: _id, generateSecret: _secret, ...settings } = parseAdminInput(
      CreateClientSchema, settingsOf(pool, { ...input, ClientName: input.ClientName ?? current.name }), FIELDS,
    );
    return { UserPoolClient: userPoolClientType(await updateClient(call.rt, pool.id, input.ClientId, settings)) };
  },
});

export const DeleteUserPoolClient = adminOperation({
  input: z.object({ UserPoolId, ClientId }),
  audit: { type: "deleteClient", target: byClient },
  async run(call, input) {
    const pool = await adminPool(call.rt, input.UserPoolId);
    await deleteClient(call.rt, pool.id, input.ClientId);
    return {};
  },
});

export const ListUserPoolClients = adminOperation({
  input: z.object({ UserPoolId, MaxResults: z.number().int().min(1).max(60).optional(), NextToken: NextToken.optional() }),
  async run(call, input) {
    const pool = await adminPool(call.rt, input.UserPoolId);
    const { page, next } = pageOf(await listClients(call.rt.db, pool.id), (c) => c.clientId, { limit: input.MaxResults ?? 60, token: input.NextToken });
    return { UserPoolClients: page.map((c) => ({ ClientId: c.clientId, UserPoolId: pool.id, ClientName: c.name })), ...(next ? { NextToken: next } : {}) };
  },
});
