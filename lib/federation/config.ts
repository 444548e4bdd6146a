// A pool's identity providers (Cognito's CreateIdentityProvider): Google, Facebook, Sign in with
// Apple, any OpenID Connect provider and any SAML 2.0 IdP, with `details` under Cognito's
// ProviderDetails keys. Secrets (client_secret, Apple's private_key) are stored encrypted with
// GATEHOUSE_SECRET and never shown again: views and exports leave them out.
import { createPrivateKey } from "node:crypto";
import { z } from "zod";
import type { Secrets } from "../security/secrets.ts";
import { STANDARD_ATTRIBUTES } from "../pools/attributes.ts";

export const PROVIDER_TYPES = ["Google", "Facebook", "SignInWithApple", "OIDC", "SAML"] as const;
export type ProviderType = (typeof PROVIDER_TYPES)[number];

/** Social providers must be named after their type, as in Cognito. */
export const SOCIAL_TYPES = ["Google", "Facebook", "SignInWithApple"] as const;

/** Detail keys that hold secrets: sealed at rest, never returned. */
export const SECRET_DETAILS = ["client_secret", "private_key"] as const;
type SecretDetail = (typeof SECRET_DETAILS)[number];

/** The name clients use for the pool's own users in supportedIdentityProviders. */
export const COGNITO_PROVIDER = "COGNITO";

/** https, or http only on loopback (development and tests), as for callback URLs. */
const idpUrl = z.string().refine((value) => {
  try {
    const url = new URL(value);
    if (url.protocol === "https:") return true;
    return url.protocol === "http:" && ["localhost", "127.0.0.1", "[::1]"].includes(url.hostname);
  } catch {
    return false;
  }
}, "must be an https URL (http only for localhost or 127.0.0.1)");

/** Endpoints every OAuth-based provider may override (Cognito reports the same keys). */
const endpointOverrides = {
  oidc_issuer: idpUrl.optional(),
  authorize_url: idpUrl.optional(),
  token_url: idpUrl.optional(),
  attributes_url: idpUrl.optional(),
  jwks_uri: idpUrl.optional(),
};
const scopes = z.string().trim().min(1).max(2048);
const clientId = z.string().trim().min(1).max(512);
const secret = z.string().min(1).max(4096);
const booleanString = z.enum(["true", "false"]);

/** `details` of each type. Secrets are optional here: an update may keep the stored one (mergeIdentityProviders). */
export const DETAILS_SCHEMAS = {
  Google: z.strictObject({ client_id: clientId, client_secret: secret.optional(), authorize_scopes: scopes.default("openid email profile"), ...endpointOverrides }),
  Facebook: z.strictObject({
    client_id: clientId, client_secret: secret.optional(), authorize_scopes: scopes.default("public_profile,email"),
    api_version: z.string().regex(/^v\d+\.\d+$/, "api_version looks like v19.0").default("v19.0"), ...endpointOverrides,
  }),
  SignInWithApple: z.strictObject({
    client_id: clientId, team_id: z.string().trim().regex(/^[A-Z0-9]{10}$/, "team_id is Apple's 10-character team id"),
    key_id: z.string().trim().regex(/^[A-Z0-9]{10}$/, "key_id is Apple's 10-character key id"),
    private_key: z.string().max(4096).refine(isEcPrivateKey, "private_key is the PEM of Apple's .p8 key (-----BEGIN PRIVATE KEY----- …)").optional(),
    authorize_scopes: scopes.default("name email"), ...endpointOverrides,
  }),
  OIDC: z.strictObject({
    client_id: clientId, client_secret: secret.optional(), authorize_scopes: scopes.default("openid"),
    attributes_request_method: z.enum(["GET", "POST"]).default("GET"), ...endpointOverrides, oidc_issuer: idpUrl,
  }),
  SAML: z
    .strictObject({
      MetadataURL: idpUrl.optional(),
      MetadataFile: z.string().min(1).max(500_000).optional(),
      IDPSignout: booleanString.default("false"),
      IDPInit: booleanString.default("false"),
      EncryptedResponses: booleanString.default("false"),
      RequestSigningAlgorithm: z.literal("rsa-sha256").optional(),
    })
    .refine((d) => !!d.MetadataURL !== !!d.MetadataFile, "give either MetadataURL or MetadataFile"),
} as const;

/** Keys of the pool's attributes a mapping may fill: standard, verified flags, custom:* (Cognito's). */
const mappedAttribute = z.string().refine(
  (name) => name.startsWith("custom:") || (STANDARD_ATTRIBUTES as readonly string[]).includes(name) || name === "email_verified" || name === "phone_number_verified" || name === "username",
  "not a standard attribute, email_verified, phone_number_verified or custom:*",
);

const IDENTIFIER = /^[\w\s+=.@-]{1,40}$/;

function identityProviderSchema(options: { keptSecret: boolean }) {
  return z
    .strictObject({
      name: z.string().trim().min(1).max(32).regex(/^[^_\s][^\s]*$/, "provider names have no spaces and do not start with _")
        .refine((n) => n.toUpperCase() !== COGNITO_PROVIDER, "COGNITO names the pool's own users"),
      type: z.enum(PROVIDER_TYPES),
      details: z.record(z.string(), z.unknown()),
      attributeMapping: z.record(mappedAttribute, z.string().min(1).max(512)).default({}),
      idpIdentifiers: z.array(z.string().regex(IDENTIFIER, "identifiers are 1-40 letters, digits, spaces or + = . @ _ -")).max(50).default([]),
    })
    .transform((idp, ctx) => {
      const parsed = DETAILS_SCHEMAS[idp.type].safeParse(idp.details);
      if (!parsed.success) {
        for (const issue of parsed.error.issues) ctx.addIssue({ code: "custom", path: ["details", ...issue.path.map(String)], message: issue.message });
        return z.NEVER;
      }
      const details = parsed.data as Record<string, string>;
      if ((SOCIAL_TYPES as readonly string[]).includes(idp.type) && idp.name !== idp.type)
        ctx.addIssue({ code: "custom", path: ["name"], message: `a ${idp.type} provider is named ${idp.type}` });
      if (!options.keptSecret) {
        const needed: SecretDetail | null = idp.type === "SignInWithApple" ? "private_key" : idp.type === "SAML" ? null : "client_secret";
        if (needed && !details[needed]) ctx.addIssue({ code: "custom", path: ["details", needed], message: `${needed} is required` });
      }
      return { ...idp, details };
    });
}

/** Every provider given in full (secrets included). */
export const IdentityProviderSchema = identityProviderSchema({ keptSecret: false });
/** What replaces a pool's providers (admin API PUT, config file, import): a provider given without
 * its secret keeps the stored secret of the same name and type (mergeIdentityProviders). */
export const IdentityProviderUpdateSchema = identityProviderSchema({ keptSecret: true });
export type IdentityProviderInput = z.output<typeof IdentityProviderUpdateSchema>;

export const IdentityProvidersUpdateSchema = z.array(IdentityProviderUpdateSchema).max(300).superRefine((list, ctx) => {
  const names = new Set<string>();
  const identifiers = new Map<string, string>();
  list.forEach((idp, i) => {
    if (names.has(idp.name.toLowerCase())) ctx.addIssue({ code: "custom", path: [i, "name"], message: `duplicate provider name "${idp.name}"` });
    names.add(idp.name.toLowerCase());
    idp.idpIdentifiers.forEach((id, j) => {
      const other = identifiers.get(id.toLowerCase());
      if (other) ctx.addIssue({ code: "custom", path: [i, "idpIdentifiers", j], message: `identifier "${id}" is already ${other}'s` });
      identifiers.set(id.toLowerCase(), idp.name);
    });
  });
});

/** A provider as stored on the pool (UserPool.identityProviders): secrets sealed together in `secretsEnc`. */
export type StoredIdentityProvider = {
  name: string;
  type: ProviderType;
  /** Every detail but the secrets. */
  details: Record<string, string>;
  /** secrets.encrypt(JSON of the secret details), or absent when the type has none. */
  secretsEnc?: string;
  attributeMapping: Record<string, string>;
  idpIdentifiers: string[];
};

/** A provider as the admin API and exports show it: no secret, only whether one is stored. */
export type IdentityProviderView = Omit<StoredIdentityProvider, "secretsEnc"> & { secretsSet: string[] };

function splitSecrets(details: Record<string, string>): { plain: Record<string, string>; secret: Partial<Record<SecretDetail, string>> } {
  const plain: Record<string, string> = {};
  const secret: Partial<Record<SecretDetail, string>> = {};
  for (const [key, value] of Object.entries(details)) {
    if ((SECRET_DETAILS as readonly string[]).includes(key)) secret[key as SecretDetail] = value;
    else plain[key] = value;
  }
  return { plain, secret };
}

/** The providers `input` describes, sealed; one given without its secret keeps the stored secret of
 * the same name and type, and is refused (with its name and key) when there is none. */
export function mergeIdentityProviders(
  secrets: Pick<Secrets, "encrypt" | "decrypt">, stored: StoredIdentityProvider[], input: IdentityProviderInput[],
): StoredIdentityProvider[] | { missingSecret: { name: string; key: SecretDetail } } {
  const out: StoredIdentityProvider[] = [];
  for (const idp of input) {
    const { plain, secret } = splitSecrets(idp.details);
    const before = stored.find((s) => s.name === idp.name && s.type === idp.type);
    const kept = before?.secretsEnc ? (JSON.parse(secrets.decrypt(before.secretsEnc)) as Partial<Record<SecretDetail, string>>) : {};
    const merged = { ...kept, ...secret };
    const needed: SecretDetail | null = idp.type === "SignInWithApple" ? "private_key" : idp.type === "SAML" ? null : "client_secret";
    if (needed && !merged[needed]) return { missingSecret: { name: idp.name, key: needed } };
    out.push({
      name: idp.name, type: idp.type, details: plain, attributeMapping: idp.attributeMapping, idpIdentifiers: idp.idpIdentifiers,
      ...(Object.keys(merged).length ? { secretsEnc: secrets.encrypt(JSON.stringify(merged)) } : {}),
    });
  }
  return out;
}

export function viewIdentityProvider(idp: StoredIdentityProvider, secrets: Pick<Secrets, "decrypt">): IdentityProviderView {
  const { secretsEnc, ...rest } = idp;
  const set = secretsEnc ? Object.keys(JSON.parse(secrets.decrypt(secretsEnc)) as object) : [];
  return { ...rest, secretsSet: set };
}

/** A provider's details with its secrets opened, for talking to the IdP. */
export function providerSecrets(secrets: Pick<Secrets, "decrypt">, idp: StoredIdentityProvider): Partial<Record<SecretDetail, string>> {
  return idp.secretsEnc ? (JSON.parse(secrets.decrypt(idp.secretsEnc)) as Partial<Record<SecretDetail, string>>) : {};
}

/** The stored providers of a pool row, read defensively (a malformed entry is dropped, not trusted). */
export function storedIdentityProvidersOf(value: unknown): StoredIdentityProvider[] {
  if (!Array.isArray(value)) return [];
  return value.filter((p): p is StoredIdentityProvider =>
    !!p && typeof p === "object" && typeof p.name === "string" && (PROVIDER_TYPES as readonly string[]).includes(p.type) && typeof p.details === "object"
    && typeof p.attributeMapping === "object" && Array.isArray(p.idpIdentifiers));
}

/** The provider whose idpIdentifiers include `identifier`, or the domain of an email address. */
export function providerByIdentifier(providers: StoredIdentityProvider[], identifier: string): StoredIdentityProvider | null {
  const wanted = identifier.trim().toLowerCase();
  const domain = wanted.includes("@") ? wanted.slice(wanted.lastIndexOf("@") + 1) : null;
  return providers.find((p) => p.idpIdentifiers.some((id) => id.toLowerCase() === wanted || (domain !== null && id.toLowerCase() === domain))) ?? null;
}

/** The identity providers a client offers: those of the pool it lists, in the pool's order. */
export function clientProviders(pool: { identityProviders: StoredIdentityProvider[] }, supported: readonly string[]): StoredIdentityProvider[] {
  return pool.identityProviders.filter((p) => supported.includes(p.name));
}

/** The pool's group every user of a provider joins, as Cognito names it. */
export function providerGroupName(poolId: string, providerName: string): string {
  return `${poolId}_${providerName}`;
}

/** Whether `pem` is an EC private key, as Apple's .p8 keys are (its client secret is an ES256 JWT). */
function isEcPrivateKey(pem: string): boolean {
  try {
    return createPrivateKey(pem).asymmetricKeyType === "ec";
  } catch {
    return false;
  }
}
