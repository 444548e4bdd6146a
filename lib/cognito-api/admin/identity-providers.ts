// Identity providers in Cognito's shapes (IdentityProviderType), through lib/admin/identity-providers.ts
// as the admin API's routes, and the linking of users to identities at them (lib/federation/identities.ts).
// Unlike Cognito, DescribeIdentityProvider never returns client_secret or private_key: Gatehouse
// stores them sealed and shows them to no one. CreationDate and LastModifiedDate are the pool's
// (providers are stored on the pool).
import { z } from "zod";
import { findUserRow } from "../../admin/users/manage-user.ts";
import { deleteIdentityProvider, getIdentityProvider, listIdentityProviders, putIdentityProvider, type IdentityProviderDated } from "../../admin/identity-providers.ts";
import { AppError } from "../../errors.ts";
import { IdentityProviderUpdateSchema, providerByIdentifier, SOCIAL_TYPES } from "../../federation/config.ts";
import { disableProviderForUser, linkProviderForUser } from "../../federation/identities.ts";
import { adminOperation, adminPool, epochSeconds, NextToken, pageOf, parseAdminInput, UserPoolId } from "./common.ts";

const ProviderName = z.string().min(1).max(32).regex(/^[^_\p{Z}][\p{L}\p{M}\p{S}\p{N}\p{P}][^_\p{Z}]*$/u, "Member must satisfy regular expression pattern: [^_\\p{Z}][\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}][^_\\p{Z}]+");
const ProviderType = z.enum(["SAML", "Facebook", "Google", "LoginWithAmazon", "SignInWithApple", "OIDC"]);
const StringMap = z.record(z.string().min(1).max(131072), z.string().max(131072));
const IdpIdentifiers = z.array(z.string().min(1).max(40)).max(50);
const ProviderUser = z.object({
  ProviderName: z.string().min(1).max(32).optional(),
  ProviderAttributeName: z.string().optional(),
  ProviderAttributeValue: z.string().optional(),
});

/** The attribute Cognito links social and OIDC identities by: the IdP's subject. */
const SUBJECT = "Cognito_Subject";
/** How a user of the pool itself is named in a ProviderUserIdentifierType. */
const POOL_PROVIDER = "cognito";

const FIELDS: Record<string, string> = { name: "ProviderName", type: "ProviderType", details: "ProviderDetails", attributeMapping: "AttributeMapping", idpIdentifiers: "IdpIdentifiers" };

function identityProviderType(poolId: string, idp: IdentityProviderDated) {
  return {
    UserPoolId: poolId,
    ProviderName: idp.name,
    ProviderType: idp.type,
    ProviderDetails: idp.details,
    AttributeMapping: idp.attributeMapping,
    IdpIdentifiers: idp.idpIdentifiers,
    LastModifiedDate: epochSeconds(idp.updatedAt),
    CreationDate: epochSeconds(idp.createdAt),
  };
}

/** Cognito's own refusals of a name and type, in its words, before the admin API's checks. */
function checkType(name: string, type: z.infer<typeof ProviderType>): Exclude<z.infer<typeof ProviderType>, "LoginWithAmazon"> {
  if (type === "LoginWithAmazon") throw new AppError("InvalidParameterException", "Gatehouse does not support LoginWithAmazon providers.");
  if ((SOCIAL_TYPES as readonly string[]).includes(type) && name !== type) throw new AppError("InvalidParameterException", `Provider ${name} cannot be of type ${type}.`);
  return type;
}

const byProvider = (input: { ProviderName: string }) => input.ProviderName;

export const CreateIdentityProvider = adminOperation({
  input: z.object({ UserPoolId, ProviderName, ProviderType, ProviderDetails: StringMap, AttributeMapping: StringMap.optional(), IdpIdentifiers: IdpIdentifiers.optional() }),
  audit: { type: "putIdentityProvider", target: byProvider },
  async run(call, input) {
    const pool = await adminPool(call.rt, input.UserPoolId);
    const idp = parseAdminInput(IdentityProviderUpdateSchema, {
      name: input.ProviderName, type: checkType(input.ProviderName, input.ProviderType), details: input.ProviderDetails,
      attributeMapping: input.AttributeMapping ?? {}, idpIdentifiers: input.IdpIdentifiers ?? [],
    }, FIELDS);
    return { IdentityProvider: identityProviderType(pool.id, await putIdentityProvider(call.rt, pool.id, idp, { mustBeNew: true })) };
  },
});

export const DescribeIdentityProvider = adminOperation({
  input: z.object({ UserPoolId, ProviderName }),
  async run(call, input) {
    const pool = await adminPool(call.rt, input.UserPoolId);
    return { IdentityProvider: identityProviderType(pool.id, await getIdentityProvider(call.rt, pool.id, input.ProviderName)) };
  },
});

export const UpdateIdentityProvider = adminOperation({
  input: z.object({ UserPoolId, ProviderName, ProviderDetails: StringMap.optional(), AttributeMapping: StringMap.optional(), IdpIdentifiers: IdpIdentifiers.optional() }),
  audit: { type: "putIdentityProvider", target: byProvider },
  async run(call, input) {
    const pool = await adminPool(call.rt, input.UserPoolId);
    const current = await getIdentityProvider(call.rt, pool.id, input.ProviderName);
    // What is left out stays; details given replace the stored ones, but a secret left out is kept.
    const idp = parseAdminInput(IdentityProviderUpdateSchema, {
      name: current.name, type: current.type, details: input.ProviderDetails ?? current.details,
      attributeMapping: input.AttributeMapping ?? current.attributeMapping, idpIdentifiers: input.IdpIdentifiers ?? current.idpIdentifiers,
    }, FIELDS);
    return { IdentityProvider: identityProviderType(pool.id, await putIdentityProvider(call.rt, pool.id, idp, { mustExist: true })) };
  },
});

export const DeleteIdentityProvider = adminOperation({
  input: z.object({ UserPoolId, ProviderName }),
  audit: { type: "deleteIdentityProvider", target: byProvider },
  async run(call, input) {
    const pool = await adminPool(call.rt, input.UserPoolId);
    await deleteIdentityProvider(call.rt, pool.id, input.ProviderName);
    return {};
  },
});

export const ListIdentityProviders = adminOperation({
  input: z.object({ UserPoolId, MaxResults: z.number().int().min(1).max(60).optional(), NextToken: NextToken.optional() }),
  async run(call, input) {
    const pool = await adminPool(call.rt, input.UserPoolId);
    const { identityProviders } = await listIdentityProviders(call.rt, pool.id);
    const { page, next } = pageOf(identityProviders, (p) => p.name, { limit: input.MaxResults ?? 60, token: input.NextToken });
    return {
      Providers: page.map((p) => ({ ProviderName: p.name, ProviderType: p.type, LastModifiedDate: epochSeconds(p.updatedAt), CreationDate: epochSeconds(p.createdAt) })),
      ...(next ? { NextToken: next } : {}),
    };
  },
});

export const GetIdentityProviderByIdentifier = adminOperation({
  input: z.object({ UserPoolId, IdpIdentifier: z.string().min(1).max(40) }),
  async run(call, input) {
    const pool = await adminPool(call.rt, input.UserPoolId);
    const found = providerByIdentifier(pool.identityProviders, input.IdpIdentifier);
    if (!found) throw new AppError("ResourceNotFoundException", `Identity provider with identifier ${input.IdpIdentifier} does not exist.`);
    return { IdentityProvider: identityProviderType(pool.id, await getIdentityProvider(call.rt, pool.id, found.name)) };
  },
});

/** The IdP's user a ProviderUserIdentifierType names: a provider of the pool and the subject there. */
function sourceIdentity(user: z.infer<typeof ProviderUser>, field: string): { providerName: string; providerUserId: string } {
  if (!user.ProviderName || !user.ProviderAttributeValue) throw new AppError("InvalidParameterException", `${field}: give ProviderName and ProviderAttributeValue.`);
  if (user.ProviderName.toLowerCase() === POOL_PROVIDER) throw new AppError("InvalidParameterException", `${field}: a user of the pool (ProviderName Cognito) cannot be linked as a source user.`);
  if (user.ProviderAttributeName !== undefined && user.ProviderAttributeName !== SUBJECT)
    throw new AppError("InvalidParameterException", `${field}: Gatehouse links identities by their subject: ProviderAttributeName must be ${SUBJECT}.`);
  return { providerName: user.ProviderName, providerUserId: user.ProviderAttributeValue };
}

export const AdminLinkProviderForUser = adminOperation({
  input: z.object({ UserPoolId, DestinationUser: ProviderUser, SourceUser: ProviderUser }),
  audit: { type: "linkUserIdentity", target: (input) => input.DestinationUser.ProviderAttributeValue ?? null },
  async run(call, input) {
    const pool = await adminPool(call.rt, input.UserPoolId);
    const destination = input.DestinationUser;
    if (destination.ProviderName?.toLowerCase() !== POOL_PROVIDER || !destination.ProviderAttributeValue)
      throw new AppError("InvalidParameterException", "DestinationUser: ProviderName must be Cognito and ProviderAttributeValue the user's username.");
    const user = await findUserRow(call.rt.db, pool.id, destination.ProviderAttributeValue);
    await linkProviderForUser(call.rt.db, { pool, userId: user.id, ...sourceIdentity(input.SourceUser, "SourceUser") });
    return {};
  },
});

export const AdminDisableProviderForUser = adminOperation({
  input: z.object({ UserPoolId, User: ProviderUser }),
  audit: { type: "disableProviderForUser", target: (input) => input.User.ProviderAttributeValue ?? null },
  async run(call, input) {
    const pool = await adminPool(call.rt, input.UserPoolId);
    if (input.User.ProviderName?.toLowerCase() === POOL_PROVIDER)
      throw new AppError("InvalidParameterException", "User: for a user of the pool (ProviderName Cognito), use AdminDisableUser.");
    await disableProviderForUser(call.rt.db, { pool, ...sourceIdentity(input.User, "User") });
    return {};
  },
});
