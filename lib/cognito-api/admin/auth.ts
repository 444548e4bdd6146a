// AdminInitiateAuth and AdminRespondToAuthChallenge: a back end signs a user in with their
// password through the very same engine and code as InitiateAuth and RespondToAuthChallenge
// (../sign-in.ts). The app client must belong to the pool named and allow the flow
// (ALLOW_ADMIN_USER_PASSWORD_AUTH, ALLOW_REFRESH_TOKEN_AUTH), and SECRET_HASH is checked as for
// the public operations. Sign-ins are audited by the engine, not as admin changes.
import { z } from "zod";
import { AppError } from "../../errors.ts";
import type { Pool } from "../../pools/pool.ts";
import { AuthFlowSchema } from "../../pools/auth-flows.ts";
import type { Runtime } from "../../runtime.ts";
import { assertFlowAllowed, assertSecretHash, loadApiClient, type ApiClient } from "../app-client.ts";
import { ChallengeNameSchema, choiceSignIn, passwordSignIn, refreshSignIn, respondToChallenge } from "../sign-in.ts";
import { ClientId, Session, StringMap } from "../validation.ts";
import { adminOperation, adminPool, UserPoolId } from "./common.ts";

const common = { UserPoolId, ClientId, ClientMetadata: StringMap.optional(), AnalyticsMetadata: z.object({}).passthrough().optional(), ContextData: z.object({}).passthrough().optional() };

/** The client, when it is one of the pool's. */
async function poolClient(rt: Runtime, pool: Pool, clientId: string): Promise<ApiClient> {
  const client = await loadApiClient(rt, clientId);
  if (client.entry.pool.id !== pool.id) throw new AppError("ResourceNotFoundException", `User pool client ${clientId} does not exist.`);
  return client;
}

export const AdminInitiateAuth = adminOperation({
  input: z.object({ ...common, AuthFlow: AuthFlowSchema, AuthParameters: StringMap.optional(), Session: Session.optional() }),
  async run(call, input) {
    const client = await poolClient(call.rt, await adminPool(call.rt, input.UserPoolId), input.ClientId);
    const flow = input.AuthFlow;
    switch (flow) {
      case "ADMIN_USER_PASSWORD_AUTH":
      case "ADMIN_NO_SRP_AUTH":
        assertFlowAllowed(client, flow);
        return passwordSignIn(call, client, input.AuthParameters, input.ClientMetadata);
      case "REFRESH_TOKEN_AUTH":
      case "REFRESH_TOKEN":
        assertFlowAllowed(client, flow);
        return refreshSignIn(call, client, input.AuthParameters);
      case "USER_AUTH": {
        // Choice-based sign-in from a back end, as InitiateAuth's (its challenges answered by AdminRespondToAuthChallenge).
        assertFlowAllowed(client, flow);
        const username = input.AuthParameters?.USERNAME;
        if (!username) throw new AppError("InvalidParameterException", "Missing required parameter USERNAME");
        assertSecretHash(client, username, input.AuthParameters?.SECRET_HASH);
        return choiceSignIn(call, client, username, input.AuthParameters, input.ClientMetadata);
      }
      case "USER_PASSWORD_AUTH":
        throw new AppError("InvalidParameterException", "Initiate Auth method not supported.");
      default:
        throw new AppError("InvalidParameterException", `${flow} is not supported by Gatehouse's AdminInitiateAuth yet.`);
    }
  },
});

export const AdminRespondToAuthChallenge = adminOperation({
  input: z.object({ ...common, ChallengeName: ChallengeNameSchema, ChallengeResponses: StringMap.optional(), Session: Session.optional() }),
  async run(call, input) {
    const client = await poolClient(call.rt, await adminPool(call.rt, input.UserPoolId), input.ClientId);
    return respondToChallenge(call, client, input);
  },
});
