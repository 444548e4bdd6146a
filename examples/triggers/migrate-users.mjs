// User migration: on the first sign-in (or forgot-password) of a user Gatehouse does not know,
// look them up in the legacy user table and hand over their attributes; they are created with the
// password they just typed. After Cognito's "Migrate user Lambda trigger" example (callback style).
import { createHash, timingSafeEqual } from "node:crypto";

// The "legacy database": in real code, a query against the old system and its own password check.
const LEGACY_USERS = new Map([
  ["legacy.user@example.com", { password: "Legacy-Passw0rd!", name: "Legacy User" }],
  ["old.timer@example.com", { password: "0ld-Timer-Pass!", name: "Old Timer" }],
]);

const digest = (value) => createHash("sha256").update(value).digest();
const samePassword = (a, b) => timingSafeEqual(digest(a), digest(b));

export const handler = (event, context, callback) => {
  const email = event.userName.toLowerCase();
  const legacy = LEGACY_USERS.get(email);
  if (event.triggerSource === "UserMigration_Authentication") {
    if (!legacy || !samePassword(event.request.password ?? "", legacy.password)) {
      return callback(new Error("Bad password"));
    }
    event.response.userAttributes = { email, email_verified: "true", name: legacy.name };
    event.response.finalUserStatus = "CONFIRMED";
    event.response.messageAction = "SUPPRESS";
    return callback(null, event);
  }
  if (event.triggerSource === "UserMigration_ForgotPassword") {
    if (!legacy) return callback(new Error("Bad user"));
    event.response.userAttributes = { email, email_verified: "true", name: legacy.name };
    event.response.messageAction = "SUPPRESS";
    return callback(null, event);
  }
  return callback(new Error(`Bad triggerSource ${event.triggerSource}`));
};
