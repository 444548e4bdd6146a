// What a step passes on to the triggers: the flow's app client and what the caller sent for them.
import type { TriggerContext } from "../../triggers/sign-up-triggers.ts";
import type { FlowState, RequestContext } from "../contract.ts";

export function triggerContextOf(state: FlowState, context: RequestContext): TriggerContext {
  return { clientId: state.clientId, validationData: context.validationData, clientMetadata: context.clientMetadata };
}
