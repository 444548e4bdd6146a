// SignUp, ConfirmSignUp, ResendConfirmationCode, ForgotPassword and ConfirmForgotPassword: the
// engine's account flows as Cognito's public operations. Answers that would say whether a name
// has an account (ForgotPassword's destination, a concealed sign-up's sub) are the same shape
// either way when the client prevents user-existence errors.
import { createHmac, randomUUID } from "node:crypto";
import { z } from "zod";
import type { Outcome } from "../auth-flow/contract.ts";
import { respond, start } from "../auth-flow/engine.ts";
import { resetAwaitingCode, signUpAwaitingCode } from "../auth-flow/resume.ts";
import { AppError } from "../errors.ts";
import { usernameIsChosen, type Pool } from "../pools/pool.ts";
import type { Runtime } from "../runtime.ts";
import { resetCodeAddress } from "../users/reset-password.ts";
import { maskDestination } from "../users/user.ts";
import { looksLikeEmail, looksLikePhone } from "../users/username-rules.ts";
import { assertSecretHash, loadApiClient, type ApiClient } from "./app-client.ts";
import { operation } from "./call.ts";
import { AttributeList, ClientId, Code, Password, SecretHash, StringMap, Username } from "./validation.ts";
import { findUserAddresses } from "./users.queries.ts";

type CodeDeliveryDetails = { Destination?: string; DeliveryMedium: "EMAIL" | "SMS"; AttributeName: "email" | "phone_number" };

const common = { ClientId, SecretHash: SecretHash.optional(), Username, ClientMetadata: StringMap.optional(), AnalyticsMetadata: z.object({}).passthrough().optional(), UserContextData: z.object({}).passthrough().optional() };

async function clientFor(rt: Runtime, input: { ClientId: string; Username: string; SecretHash?: string }): Promise<ApiClient> {
  const client = await loadApiClient(rt, input.ClientId);
  assertSecretHash(client, input.Username, input.SecretHash);
  return client;
}

export function deliveryOf(destination: string): CodeDeliveryDetails {
  const email = destination.includes("@");
  return { Destination: destination, DeliveryMedium: email ? "EMAIL" : "SMS", AttributeName: email ? "email" : "phone_number" };
}

/** A masked destination for a name with no account, stable per name, shaped as a real one. */
function decoyDelivery(rt: Runtime, pool: Pool, login: string): CodeDeliveryDetails {
  const value = login.trim();
  if (looksLikeEmail(value) || looksLikePhone(value)) return deliveryOf(maskDestination(value));
  const letters = createHmac("sha256", rt.secrets.derive("decoy-destination/v1")).update(`${pool.id}\u0000${value.toLowerCase()}`).digest();
  const letter = (i: number) => String.fromCharCode(97 + (letters[i]! % 26));
  return pool.autoVerifiedAttributes.includes("email") || !pool.autoVerifiedAttributes.includes("phone_number")
    ? deliveryOf(`${letter(0)}***@${letter(1)}***`)
    : deliveryOf(`+*******${String(letters.readUInt16BE(2) % 10000).padStart(4, "0")}`);
}

export function attributesOf(list: { Name: string; Value?: string }[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const { Name, Value } of list ?? []) {
    if (Name in out) throw new AppError("InvalidParameterException", `Duplicate attribute ${Name}.`);
    out[Name] = Value ?? "";
  }
  return out;
}

/**
 * The username to create a user with, from a SignUp's or AdminCreateUser's Username. Where the
 * email (phone) is the username (Cognito's UsernameAttributes), Username is that address: it
 * becomes the email (phone_number) attribute, and the username is generated (undefined here).
 */
export function chosenUsername(pool: Pool, username: string, attributes: Record<string, string>): string | undefined {
  if (usernameIsChosen(pool)) return username;
  if (pool.signInAliases.includes("email") && looksLikeEmail(username)) attributes.email ??= username;
  else if (pool.signInAliases.includes("phone") && looksLikePhone(username)) attributes.phone_number ??= username;
  else throw new AppError("InvalidParameterException", `Username should be ${pool.signInAliases.includes("email") ? "an email" : "a phone number"}.`);
  return undefined;
}

export const SignUp = operation({
  auth: "public",
  input: z.object({ ...common, Password, UserAttributes: AttributeList.optional(), ValidationData: AttributeList.optional() }),
  async run(call, input) {
    const client = await clientFor(call.rt, input);
    const { pool } = client.entry;
    const attributes = attributesOf(input.UserAttributes);
    const username = chosenUsername(pool, input.Username, attributes);
    const outcome = await start(call.rt, {
      pool, clientId: client.clientId, flow: "SignUp",
      parameters: { USERNAME: username, PASSWORD: input.Password, userAttributes: attributes, signInWhenConfirmed: false },
      context: { ...call.context, validationData: input.ValidationData ? attributesOf(input.ValidationData) : undefined, clientMetadata: input.ClientMetadata },
    });
    // Confirmed by the pre sign-up trigger: the flow is back at the password, no code went out.
    const confirmed = outcome.kind === "challenge" && outcome.challengeName === "PASSWORD_VERIFIER";
    const destination = outcome.kind === "challenge" ? outcome.state.destination : null;
    return {
      UserConfirmed: confirmed,
      // A concealed sign-up (the address had an account) answers with a sub nobody has.
      UserSub: outcome.state.userId ?? randomUUID(),
      ...(destination ? { CodeDeliveryDetails: deliveryOf(destination) } : {}),
    };
  },
});

export const ConfirmSignUp = operation({
  auth: "public",
  input: z.object({ ...common, ConfirmationCode: Code, ForceAliasCreation: z.boolean().optional(), Session: z.string().optional() }),
  async run(call, input) {
    const client = await clientFor(call.rt, input);
    const { pool } = client.entry;
    const { state, user } = await signUpAwaitingCode(call.rt, { pool, clientId: client.clientId, login: input.Username, preventUserExistenceErrors: client.preventUserExistenceErrors });
    if (user && user.status !== "UNCONFIRMED") throw new AppError("NotAuthorizedException", `User cannot be confirmed. Current status is ${user.status}`);
    await respond(call.rt, { pool, state, name: "ConfirmSignUp", answers: { CONFIRMATION_CODE: input.ConfirmationCode }, context: { ...call.context, clientMetadata: input.ClientMetadata } });
    return {};
  },
});

export const ResendConfirmationCode = operation({
  auth: "public",
  input: z.object(common),
  async run(call, input) {
    const client = await clientFor(call.rt, input);
    const { pool } = client.entry;
    const { state, user } = await signUpAwaitingCode(call.rt, { pool, clientId: client.clientId, login: input.Username, preventUserExistenceErrors: client.preventUserExistenceErrors });
    if (user && user.status !== "UNCONFIRMED") throw new AppError("InvalidParameterException", "User is already confirmed.");
    const outcome = await respond(call.rt, { pool, state, name: "ResendConfirmationCode", answers: {}, context: call.context });
    const destination = outcome.kind === "challenge" ? outcome.state.destination : null;
    return { CodeDeliveryDetails: destination ? deliveryOf(destination) : decoyDelivery(call.rt, pool, input.Username) };
  },
});

export const ForgotPassword = operation({
  auth: "public",
  input: z.object(common),
  async run(call, input) {
    const client = await clientFor(call.rt, input);
    const { pool } = client.entry;
    const outcome: Outcome = await start(call.rt, {
      pool, clientId: client.clientId, flow: "ForgotPassword", parameters: { USERNAME: input.Username }, context: { ...call.context, clientMetadata: input.ClientMetadata },
    });
    const userId = outcome.state.userId;
    if (!userId && !client.preventUserExistenceErrors) throw new AppError("UserNotFoundException", "Username/client id combination not found.");
    const user = userId ? await findUserAddresses(call.rt.db, { userId }) : null;
    // Where forgotPassword sent the code: a verified address, which need not be the email.
    const destination = user ? resetCodeAddress(user) : null;
    return { CodeDeliveryDetails: destination ? deliveryOf(maskDestination(destination)) : decoyDelivery(call.rt, pool, input.Username) };
  },
});

export const ConfirmForgotPassword = operation({
  auth: "public",
  input: z.object({ ...common, ConfirmationCode: Code, Password }),
  async run(call, input) {
    const client = await clientFor(call.rt, input);
    const { pool } = client.entry;
    const state = await resetAwaitingCode(call.rt, { pool, clientId: client.clientId, login: input.Username, preventUserExistenceErrors: client.preventUserExistenceErrors });
    await respond(call.rt, {
      pool, state, name: "ConfirmForgotPassword", answers: { CONFIRMATION_CODE: input.ConfirmationCode, PASSWORD: input.Password }, context: { ...call.context, clientMetadata: input.ClientMetadata },
    });
    return {};
  },
});
