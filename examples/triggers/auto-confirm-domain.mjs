// Pre sign-up: confirm and verify users of one email domain at once, refuse everyone else.
// After Cognito's "Pre sign-up Lambda trigger" example. The domain comes from ALLOWED_DOMAIN.
const ALLOWED_DOMAIN = (process.env.ALLOWED_DOMAIN ?? "example.com").toLowerCase();

export const handler = async (event) => {
  const email = (event.request.userAttributes.email ?? "").toLowerCase();
  if (!email.endsWith(`@${ALLOWED_DOMAIN}`)) {
    throw new Error("Domain not allowed.");
  }
  // Confirm the user, and mark the email as verified when it is there.
  event.response.autoConfirmUser = true;
  if ("email" in event.request.userAttributes) {
    event.response.autoVerifyEmail = true;
  }
  if ("phone_number" in event.request.userAttributes) {
    event.response.autoVerifyPhone = true;
  }
  return event;
};
