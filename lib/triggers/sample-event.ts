// A realistic event for each trigger, as Cognito sends it for the trigger's first source
// (PreSignUp_SignUp, PostConfirmation_ConfirmSignUp, …): what the console's "Send a test event"
// posts, so a handler can be tried before any user signs up.
import type { Pool } from "../pools/pool.ts";
import type { TriggerName } from "./config.ts";
import { cognitoEvent, type CognitoEvent } from "./events.ts";

const SAMPLE_SUB = "4f8e2a6c-1b3d-4e5f-9a7b-0c1d2e3f4a5b";
const SAMPLE_EMAIL = "jane.doe@example.com";
const clientMetadata = { source: "gatehouse-test-event" };

export function sampleEvent(pool: Pick<Pool, "id" | "triggers">, name: TriggerName, clientId: string | null): CognitoEvent<object, object> {
  const userAttributes = { sub: SAMPLE_SUB, email: SAMPLE_EMAIL, email_verified: "true", "cognito:user_status": "CONFIRMED", name: "Jane Doe" };
  const signUpAttributes = { email: SAMPLE_EMAIL, name: "Jane Doe" };
  const event = (triggerSource: string, request: object, response: object, version?: string) =>
    cognitoEvent(pool, { triggerSource, userName: SAMPLE_SUB, clientId, request, response, ...(version ? { version } : {}) });
  switch (name) {
    case "preSignUp":
      return event("PreSignUp_SignUp", { userAttributes: signUpAttributes, validationData: null, clientMetadata }, { autoConfirmUser: false, autoVerifyEmail: false, autoVerifyPhone: false });
    case "postConfirmation":
      return event("PostConfirmation_ConfirmSignUp", { userAttributes, clientMetadata }, {});
    case "preAuthentication":
      return event("PreAuthentication_Authentication", { userAttributes, validationData: null, userNotFound: false }, {});
    case "postAuthentication":
      return event("PostAuthentication_Authentication", { userAttributes, newDeviceUsed: false, clientMetadata }, {});
    case "preTokenGeneration": {
      const version = pool.triggers.preTokenGeneration?.version ?? "V1_0";
      const groupConfiguration = { groupsToOverride: ["readers"], iamRolesToOverride: [], preferredRole: null };
      if (version === "V1_0") return event("TokenGeneration_HostedAuth", { userAttributes, groupConfiguration }, { claimsOverrideDetails: null });
      return event("TokenGeneration_HostedAuth", { userAttributes, groupConfiguration, scopes: ["openid", "email", "profile"] }, { claimsAndScopeOverrideDetails: null }, version === "V2_0" ? "2" : "3");
    }
    case "customMessage":
      return event(
        "CustomMessage_SignUp",
        { userAttributes: { ...userAttributes, email_verified: "false", "cognito:user_status": "UNCONFIRMED" }, codeParameter: "{####}", linkParameter: "{##Click Here##}", usernameParameter: null, clientMetadata },
        { smsMessage: null, emailMessage: null, emailSubject: null },
      );
    case "userMigration":
      return {
        ...event("UserMigration_Authentication", { password: "Legacy-Passw0rd!", validationData: null, clientMetadata }, {
          userAttributes: null, finalUserStatus: null, messageAction: null, desiredDeliveryMediums: null, forceAliasCreation: null, enableSMSMFA: null,
        }),
        userName: SAMPLE_EMAIL,
      };
    case "defineAuthChallenge":
      return event("DefineAuthChallenge_Authentication", { userAttributes, session: [], clientMetadata, userNotFound: false }, { challengeName: null, issueTokens: null, failAuthentication: null });
    case "createAuthChallenge":
      return event(
        "CreateAuthChallenge_Authentication",
        { userAttributes, challengeName: "CUSTOM_CHALLENGE", session: [], clientMetadata, userNotFound: false },
        { publicChallengeParameters: null, privateChallengeParameters: null, challengeMetadata: null },
      );
    case "verifyAuthChallengeResponse":
      return event(
        "VerifyAuthChallengeResponse_Authentication",
        { userAttributes, privateChallengeParameters: { answer: "42" }, challengeAnswer: "42", clientMetadata, userNotFound: false },
        { answerCorrect: null },
      );
    case "customEmailSender":
      return event("CustomEmailSender_SignUp", { type: "customEmailSenderRequestV1", code: "123456", clientMetadata, userAttributes }, {});
    case "customSmsSender":
      return event("CustomSMSSender_SignUp", { type: "customSMSSenderRequestV1", code: "123456", clientMetadata, userAttributes: { ...userAttributes, phone_number: "+15555550100" } }, {});
  }
}
