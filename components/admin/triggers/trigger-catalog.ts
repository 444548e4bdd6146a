// What the console says about each trigger: Cognito's name for it and when it runs.
import { TRIGGER_LABELS, type TriggerName } from "@/lib/triggers/config.ts";

const DESCRIPTIONS: { name: TriggerName; title: string; runs: string }[] = [
  { name: "preSignUp", title: "Pre sign-up", runs: "Before a user is created by sign-up, an admin or a federated sign-in; can refuse, auto-confirm and auto-verify." },
  { name: "postConfirmation", title: "Post confirmation", runs: "After a user confirms their sign-up, or confirms a password reset." },
  { name: "preAuthentication", title: "Pre authentication", runs: "Before every sign-in checks the password; can refuse the sign-in." },
  { name: "postAuthentication", title: "Post authentication", runs: "After every successful sign-in, before tokens are issued." },
  { name: "preTokenGeneration", title: "Pre token generation", runs: "Before tokens are issued or refreshed; adds or removes claims and groups, and (V2, V3) scopes." },
  { name: "customMessage", title: "Custom message", runs: "Before a verification, invitation or reset email or SMS goes out; rewrites its subject and body." },
  { name: "userMigration", title: "Migrate user", runs: "When an unknown user signs in or resets their password; can bring them over from a legacy system." },
  { name: "defineAuthChallenge", title: "Define auth challenge", runs: "During a custom sign-in (CUSTOM_AUTH): picks the next challenge, or issues tokens or fails." },
  { name: "createAuthChallenge", title: "Create auth challenge", runs: "During a custom sign-in: creates the challenge the user sees and its expected answer." },
  { name: "verifyAuthChallengeResponse", title: "Verify auth challenge response", runs: "During a custom sign-in: says whether the user's answer is correct." },
  { name: "customEmailSender", title: "Custom email sender", runs: "Instead of Gatehouse sending an email: receives the code and delivers it itself." },
  { name: "customSmsSender", title: "Custom SMS sender", runs: "Instead of Gatehouse sending an SMS: receives the code and delivers it itself." },
];

/** Each trigger with Cognito's name for it (the one its error messages use). */
export const TRIGGER_CATALOG = DESCRIPTIONS.map((t) => ({ ...t, cognito: TRIGGER_LABELS[t.name] }));

export const VERSION_LABELS = { V1_0: "V1_0 — ID token claims and groups", V2_0: "V2_0 — also access token claims and scopes", V3_0: "V3_0 — also machine-to-machine tokens" } as const;
