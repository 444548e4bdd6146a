// Pre token generation, event version V2_0: add a claim to the ID and access tokens, and a scope
// to the access token. After Cognito's "Pre token generation Lambda trigger" V2 example.
export const handler = async (event) => {
  event.response = {
    claimsAndScopeOverrideDetails: {
      idTokenGeneration: {
        claimsToAddOrOverride: { department: "engineering" },
      },
      accessTokenGeneration: {
        claimsToAddOrOverride: { department: "engineering" },
        scopesToAdd: ["orders/read"],
      },
    },
  };
  return event;
};
