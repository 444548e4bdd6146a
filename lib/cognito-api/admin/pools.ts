// DescribeUserPool and ListUserPools: a pool's settings as Cognito's UserPoolType, as far as
// Gatehouse has them (lib/admin/pools.ts reads them, as for the admin API). The console's own pool
// is not listed, as the admin API does not list it by default.
import { z } from "zod";
import { getPoolSummary, listPools, type PoolSummary } from "../../admin/pools.ts";
import { STANDARD_ATTRIBUTES } from "../../pools/attributes.ts";
import { adminOperation, adminPool, epochSeconds, NextToken, pageOf, signedOperation, UserPoolId } from "./common.ts";

type SchemaAttribute = {
  Name: string; AttributeDataType: "String" | "Number" | "DateTime" | "Boolean"; DeveloperOnlyAttribute: false; Mutable: boolean; Required: boolean;
  StringAttributeConstraints?: { MinLength?: string; MaxLength?: string }; NumberAttributeConstraints?: { MinValue?: string; MaxValue?: string };
};

/** Cognito's standard schema, with the pool's required attributes, then its custom ones. */
function schemaAttributes(pool: PoolSummary): SchemaAttribute[] {
  const standard = (name: string): SchemaAttribute => {
    const base = { Name: name, DeveloperOnlyAttribute: false as const, Mutable: true, Required: pool.requiredAttributes.includes(name) };
    if (name === "updated_at") return { ...base, AttributeDataType: "Number", NumberAttributeConstraints: { MinValue: "0" } };
    if (name === "birthdate") return { ...base, AttributeDataType: "String", StringAttributeConstraints: { MinLength: "10", MaxLength: "10" } };
    return { ...base, AttributeDataType: "String", StringAttributeConstraints: { MinLength: "0", MaxLength: "2048" } };
  };
  const flag = (name: string): SchemaAttribute => ({ Name: name, AttributeDataType: "Boolean", DeveloperOnlyAttribute: false, Mutable: true, Required: false });
  return [
    { Name: "sub", AttributeDataType: "String", DeveloperOnlyAttribute: false, Mutable: false, Required: true, StringAttributeConstraints: { MinLength: "1", MaxLength: "2048" } },
    ...STANDARD_ATTRIBUTES.map(standard),
    flag("email_verified"),
    flag("phone_number_verified"),
    ...pool.customAttributes.map((a): SchemaAttribute => ({
      Name: `custom:${a.name}`, AttributeDataType: a.type, DeveloperOnlyAttribute: false, Mutable: a.mutable, Required: false,
      ...(a.type === "String" ? { StringAttributeConstraints: {} } : a.type === "Number" ? { NumberAttributeConstraints: {} } : {}),
    })),
  ];
}

const ALIAS: Record<"email" | "phone", "email" | "phone_number"> = { email: "email", phone: "phone_number" };

/** Cognito's two ways of signing in by address: as the username (UsernameAttributes) or beside one (AliasAttributes). */
function signInAttributes(pool: PoolSummary) {
  const addresses = pool.signInAliases.filter((a) => a !== "username").map((a) => ALIAS[a]);
  if (!addresses.length) return {};
  return pool.signInAliases.includes("username") ? { AliasAttributes: addresses } : { UsernameAttributes: addresses };
}

/** A Cognito-shaped ARN; the region is the pool id's prefix, the account a placeholder. */
function poolArn(poolId: string): string {
  return `arn:aws:cognito-idp:${poolId.split("_")[0]}:000000000000:userpool/${poolId}`;
}

function userPoolType(pool: PoolSummary) {
  const policy = pool.passwordPolicy;
  return {
    Id: pool.id,
    Name: pool.name,
    Arn: poolArn(pool.id),
    Policies: {
      PasswordPolicy: {
        MinimumLength: policy.minLength, RequireUppercase: policy.requireUppercase, RequireLowercase: policy.requireLowercase,
        RequireNumbers: policy.requireNumbers, RequireSymbols: policy.requireSymbols, TemporaryPasswordValidityDays: policy.temporaryPasswordValidityDays,
      },
      SignInPolicy: { AllowedFirstAuthFactors: pool.signInMethods.map((m) => (m === "PASSKEY" ? "WEB_AUTHN" : m)) },
    },
    MfaConfiguration: pool.mfa,
    DeviceConfiguration: { ChallengeRequiredOnNewDevice: !pool.skipMfaOnRememberedDevices, DeviceOnlyRememberedOnUserPrompt: pool.deviceTracking !== "ALWAYS" },
    ...(pool.passkeys.relyingPartyId ? { WebAuthnRelyingPartyID: pool.passkeys.relyingPartyId } : {}),
    WebAuthnUserVerification: pool.passkeys.userVerification,
    ...signInAttributes(pool),
    AutoVerifiedAttributes: pool.autoVerifiedAttributes,
    SchemaAttributes: schemaAttributes(pool),
    AdminCreateUserConfig: { AllowAdminCreateUserOnly: !pool.selfSignUp, UnusedAccountValidityDays: policy.temporaryPasswordValidityDays },
    // Usernames, emails and phone numbers are matched without case.
    UsernameConfiguration: { CaseSensitive: false },
    // A forgotten password's code goes to the verified email first, else the verified phone (lib/users/reset-password.ts).
    AccountRecoverySetting: { RecoveryMechanisms: [{ Name: "verified_email", Priority: 1 }, { Name: "verified_phone_number", Priority: 2 }] },
    EstimatedNumberOfUsers: pool.counts.users,
    CreationDate: epochSeconds(pool.createdAt),
    LastModifiedDate: epochSeconds(pool.updatedAt),
  };
}

export const DescribeUserPool = adminOperation({
  input: z.object({ UserPoolId }),
  async run(call, input) {
    const pool = await adminPool(call.rt, input.UserPoolId);
    return { UserPool: userPoolType(await getPoolSummary(call.rt.db, pool.id)) };
  },
});

export const ListUserPools = signedOperation({
  input: z.object({ MaxResults: z.number().int().min(1).max(60), NextToken: NextToken.optional() }),
  async run(call, input) {
    const pools = await listPools(call.rt.db, { includeSystem: false });
    const { page, next } = pageOf(pools, (p) => p.id, { limit: input.MaxResults, token: input.NextToken });
    return {
      UserPools: page.map((p) => ({ Id: p.id, Name: p.name, LambdaConfig: {}, CreationDate: epochSeconds(p.createdAt), LastModifiedDate: epochSeconds(p.updatedAt) })),
      ...(next ? { NextToken: next } : {}),
    };
  },
});
