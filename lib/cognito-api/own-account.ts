// The operations a signed-in user calls on their own attributes with their access token (scope
// aws.cognito.signin.user.admin): GetUser, UpdateUserAttributes, DeleteUserAttributes,
// GetUserAttributeVerificationCode and VerifyUserAttribute. What the token's app client may read
// and write bounds them (its ReadAttributes and WriteAttributes: lib/pools/client-attributes.ts);
// the rules for the attributes themselves are lib/users', the same as an administrator's.
import { z } from "zod";
import { identitiesAttributes } from "../federation/identities.ts";
import { recordAudit } from "../audit/audit.ts";
import { AppError, isAppError } from "../errors.ts";
import { heldClientPermissions } from "../pools/client-attributes.queries.ts";
import { assertClientMayWrite, isAttributeName, readableClaims } from "../pools/client-attributes.ts";
import { mfaSettingsOf } from "../users/mfa-preference.ts";
import { updateUserAttributes } from "../users/update-attributes.ts";
import { userAttributes } from "../users/user.ts";
import { isVerifiableAttribute, sendAttributeCode, verifyUserAttribute, type CodeDelivery, type VerifiableAttribute } from "../users/verify-attribute.ts";
import { authenticateAccessToken, type TokenUser } from "./access-token.ts";
import { attributesOf, deliveryOf } from "./account.ts";
import { operation, type Call } from "./call.ts";
import { AttributeList, Code, StringMap, Token } from "./validation.ts";

const AttributeName = z.string().min(1).max(32);

/** Records a change a user made to their own account, as the admin side records an administrator's. */
export async function auditOwnChange(call: Call, signedIn: TokenUser, operationName: string, details: Record<string, unknown> = {}): Promise<void> {
  const { user, entry, clientId } = signedIn;
  await recordAudit(call.rt.db, {
    poolId: entry.pool.id, type: `user.${operationName}`, actorType: "user", actor: user.email ?? user.username, target: user.username,
    ip: call.context.ip, userAgent: call.context.userAgent, details: { sub: user.id, clientId, ...details },
  }, call.rt.log);
}

const codeDeliveryDetails = (delivery: CodeDelivery) => ({ ...deliveryOf(delivery.destination), AttributeName: delivery.attribute });

/** Names that are no attribute at all are Cognito's InvalidParameterException; the client's permissions come after. */
async function assertMayWrite(call: Call, signedIn: TokenUser, names: string[]): Promise<void> {
  for (const name of names) {
    if (name !== "sub" && !isAttributeName(name)) throw new AppError("InvalidParameterException", `Attribute ${name} does not exist in the schema.`, { field: name });
  }
  assertClientMayWrite(await heldClientPermissions(signedIn.entry, signedIn.clientId), names);
}

function verifiable(name: string): VerifiableAttribute {
  if (!isVerifiableAttribute(name)) throw new AppError("InvalidParameterException", "Invalid attribute name. Only phone_number and email can be verified.", { field: name });
  return name;
}

export const GetUser = operation({
  auth: "public",
  input: z.object({ AccessToken: Token }),
  async run(call, input) {
    const { user, entry, clientId } = await authenticateAccessToken(call.rt, input.AccessToken);
    // Only what the token's client may read; sub always.
    const identities = (await identitiesAttributes(call.rt.db, { pool: entry.pool, userIds: [user.id] })).get(user.id);
    const readable = {
      ...readableClaims(await heldClientPermissions(entry, clientId), userAttributes(user)),
      ...(identities ? { identities } : {}),
    };
    const mfa = mfaSettingsOf(user, entry.pool);
    return {
      Username: user.username,
      UserAttributes: Object.entries(readable).map(([Name, Value]) => ({ Name, Value })),
      ...(mfa.preferred ? { PreferredMfaSetting: mfa.preferred } : {}),
      UserMFASettingList: mfa.enabled,
    };
  },
});

export const UpdateUserAttributes = operation({
  auth: "public",
  input: z.object({ UserAttributes: AttributeList, AccessToken: Token, ClientMetadata: StringMap.optional() }),
  async run(call, input) {
    const { rt } = call;
    const signedIn = await authenticateAccessToken(rt, input.AccessToken);
    const { pool } = signedIn.entry;
    const attributes = attributesOf(input.UserAttributes);
    await assertMayWrite(call, signedIn, Object.keys(attributes));
    const { user, newAddresses } = await updateUserAttributes(rt.db, { pool, user: signedIn.user, attributes });
    await auditOwnChange(call, signedIn, "UpdateUserAttributes", { attributes: Object.keys(attributes) });
    // A new address gets a code where the pool verifies that attribute; it stays unverified until then.
    const deliveries: CodeDelivery[] = [];
    for (const attribute of newAddresses.filter((name) => pool.autoVerifiedAttributes.includes(name))) {
      try {
        deliveries.push(await sendAttributeCode(rt, { pool, user, attribute, kind: "UpdateUserAttribute", clientId: signedIn.clientId, clientMetadata: input.ClientMetadata }));
      } catch (error) {
        // The change is made; past the hourly cap (or with delivery failing) the user asks for a code later.
        if (!isAppError(error) || (error.code !== "LimitExceededException" && error.code !== "CodeDeliveryFailureException")) throw error;
        rt.log(`verification code for the new ${attribute} of user ${user.id} not sent: ${error.message}`);
      }
    }
    return deliveries.length ? { CodeDeliveryDetailsList: deliveries.map(codeDeliveryDetails) } : {};
  },
});

export const DeleteUserAttributes = operation({
  auth: "public",
  input: z.object({ UserAttributeNames: z.array(AttributeName), AccessToken: Token }),
  async run(call, input) {
    const signedIn = await authenticateAccessToken(call.rt, input.AccessToken);
    const names = [...new Set(input.UserAttributeNames)];
    await assertMayWrite(call, signedIn, names);
    // An empty value removes an attribute; the pool's required ones and a sign-in address stay.
    const attributes = Object.fromEntries(names.map((name) => [name, ""]));
    await updateUserAttributes(call.rt.db, { pool: signedIn.entry.pool, user: signedIn.user, attributes });
    await auditOwnChange(call, signedIn, "DeleteUserAttributes", { attributes: names });
    return {};
  },
});

export const GetUserAttributeVerificationCode = operation({
  auth: "public",
  input: z.object({ AccessToken: Token, AttributeName, ClientMetadata: StringMap.optional() }),
  async run(call, input) {
    const { user, entry, clientId } = await authenticateAccessToken(call.rt, input.AccessToken);
    const delivery = await sendAttributeCode(call.rt, { pool: entry.pool, user, attribute: verifiable(input.AttributeName), clientId, clientMetadata: input.ClientMetadata });
    return { CodeDeliveryDetails: codeDeliveryDetails(delivery) };
  },
});

export const VerifyUserAttribute = operation({
  auth: "public",
  input: z.object({ AccessToken: Token, AttributeName, Code }),
  async run(call, input) {
    const signedIn = await authenticateAccessToken(call.rt, input.AccessToken);
    const attribute = verifiable(input.AttributeName);
    await verifyUserAttribute(call.rt, { pool: signedIn.entry.pool, user: signedIn.user, attribute, code: input.Code });
    await auditOwnChange(call, signedIn, "VerifyUserAttribute", { attribute });
    return {};
  },
});
