// What a browser hands back from navigator.credentials.create() / .get() (RegistrationResponseJSON,
// AuthenticationResponseJSON), checked with zod before anything reads it, and the client data
// inside (its challenge, origin and type), read to find the challenge we issued: the challenge
// itself is only ever compared with one kept on the server.
import { z } from "zod";
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from "@simplewebauthn/server";
import { passkeyErrors } from "./errors.ts";

const b64url = z.string().max(16_384).regex(/^[A-Za-z0-9_-]*={0,2}$/);

const common = {
  id: b64url.min(1).max(1366),
  rawId: b64url.min(1).max(1366),
  type: z.literal("public-key"),
  authenticatorAttachment: z.enum(["platform", "cross-platform"]).optional(),
  clientExtensionResults: z.record(z.string(), z.unknown()).default({}),
};

const RegistrationSchema = z.object({
  ...common,
  response: z.object({
    clientDataJSON: b64url,
    attestationObject: b64url,
    authenticatorData: b64url.optional(),
    transports: z.array(z.string().max(32)).max(10).optional(),
    publicKeyAlgorithm: z.number().int().optional(),
    publicKey: b64url.optional(),
  }),
});

const AuthenticationSchema = z.object({
  ...common,
  response: z.object({
    clientDataJSON: b64url,
    authenticatorData: b64url,
    signature: b64url,
    userHandle: b64url.optional(),
  }),
});

/** A credential as received: a JSON string (Cognito's CREDENTIAL) or an object (CompleteWebAuthnRegistration's document). */
function parsed<T>(schema: z.ZodType<T>, value: unknown): T {
  let json = value;
  if (typeof value === "string") {
    try {
      json = JSON.parse(value);
    } catch {
      throw passkeyErrors.invalid("it is not JSON.");
    }
  }
  const result = schema.safeParse(json);
  if (!result.success) throw passkeyErrors.invalid(result.error.issues[0]?.message ?? "unexpected shape.");
  return result.data;
}

export const registrationResponseOf = (value: unknown) => parsed(RegistrationSchema, value) as RegistrationResponseJSON;
export const authenticationResponseOf = (value: unknown) => parsed(AuthenticationSchema, value) as AuthenticationResponseJSON;

const ClientDataSchema = z.object({ type: z.string(), challenge: z.string().min(1).max(1024), origin: z.string().max(2048) });

/** The client data the authenticator signed over: what was asked (type), for which challenge, from where. */
export function clientDataOf(clientDataJSON: string): z.infer<typeof ClientDataSchema> {
  try {
    const result = ClientDataSchema.safeParse(JSON.parse(Buffer.from(clientDataJSON, "base64url").toString("utf8")));
    if (result.success) return result.data;
  } catch {
    // reported below
  }
  throw passkeyErrors.invalid("its client data cannot be read.");
}
