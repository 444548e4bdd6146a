// The triggers around sign-up and sign-in (pre sign-up, post confirmation, pre and post
// authentication, user migration), called over HTTP by the real server with Cognito's events, from
// the hosted UI and from the Cognito API (public and Admin operations) alike. The handler is a real
// HTTP server in this process: it checks every request's Gatehouse-Signature, records the events
// and answers as each test says. Until the configuration lands, the pools' triggers are written
// straight into their `triggers` column (sealed with the server's GATEHOUSE_SECRET) and the
// server restarted.
import { after, before, beforeEach, describe, test } from "node:test";
import assert from "node:assert/strict";
import pg from "pg";
import { AuthenticationDetails, CognitoUser, CognitoUserPool } from "amazon-cognito-identity-js";
import {
  AdminConfirmSignUpCommand, AdminCreateUserCommand, AdminInitiateAuthCommand, ConfirmForgotPasswordCommand, ConfirmSignUpCommand,
  ForgotPasswordCommand, InitiateAuthCommand, SignUpCommand, type CognitoIdentityProviderClient,
} from "@aws-sdk/client-cognito-identity-provider";
import { TRIGGER_NAMES, type TriggersInput } from "../../lib/triggers/config.ts";
import type { CognitoEvent } from "../../lib/triggers/events.ts";
import { startWebhookReceiver, type WebhookReceiver } from "../support/webhook-receiver.ts";
import { setTriggers } from "./hook-server.ts";
import { flashOf, type Page } from "../support/browser.ts";
import { latestCode, openHostedPage, waitForOutbox } from "../support/codes.ts";
import { ADMIN_ENV, createSigningKey } from "../support/cognito-admin.ts";
import { apiClient, createApiKey } from "../support/console.ts";
import { API_PASSWORD, API_POOL, API_USERNAME_POOL, cognitoApiConfig, refusal, sdkClient } from "../support/cognito-api.ts";
import { CALLBACK } from "../support/fixtures.ts";
import { readOutbox } from "../support/oauth.ts";
import { startServer, type RunningServer } from "../support/server.ts";

const needsDatabase = !process.env.DATABASE_URL && "needs DATABASE_URL to configure the triggers";
const HOOK_SECRET = "whsec_auth-triggers-test-0123456789";
const PASSWORD = "Sunny-Day-42";

type Event = CognitoEvent<Record<string, unknown>, Record<string, unknown>>;
type Answer = (event: Event) => object | Promise<object>;

/** The trigger handler: every event it was sent, and what it answers per trigger (default: the event as it came). */
const hook = { events: [] as Event[], answers: {} as Record<string, Answer>, url: "" };
let receiver: WebhookReceiver;
let server: RunningServer;
let db: pg.Client;
let admin: CognitoIdentityProviderClient;
let api: CognitoIdentityProviderClient;

async function startHook(): Promise<void> {
  receiver = await startWebhookReceiver({ secret: HOOK_SECRET });
  receiver.answerAll(async (received) => {
    const event = received.event as Event;
    hook.events.push(event);
    const name = received.path.slice(1);
    return { json: hook.answers[name] ? await hook.answers[name](structuredClone(event)) : event };
  });
  hook.url = receiver.url;
}

const TESTED = ["preSignUp", "postConfirmation", "preAuthentication", "postAuthentication", "userMigration"] as const;

/** Sets the triggers of both pools through the admin API, as an operator does. */
async function configureTriggers(): Promise<void> {
  const input = Object.fromEntries(TESTED.map((name) => [name, { url: `${hook.url}/${name}`, secret: HOOK_SECRET }])) as TriggersInput;
  for (const pool of [API_POOL, API_USERNAME_POOL]) await setTriggers(server, pool, input);
}

before(async () => {
  if (needsDatabase) return;
  await startHook();
  server = await startServer({ config: cognitoApiConfig(), env: ADMIN_ENV });
  db = new pg.Client({ connectionString: server.shared.DATABASE_URL });
  await db.connect();
  await configureTriggers();
  admin = (await createSigningKey(server, "trigger-tests")).cognito;
  api = sdkClient(server);
});
after(async () => {
  admin?.destroy();
  api?.destroy();
  await db?.end();
  await server?.stop();
  await receiver?.stop();
});
beforeEach(() => {
  hook.events = [];
  hook.answers = {};
});

/** The events of `source` sent so far in this test. */
const eventsOf = (source: string) => hook.events.filter((e) => e.triggerSource === source);
function onlyEvent(source: string): Event {
  const found = eventsOf(source);
  assert.equal(found.length, 1, `one ${source} event (got ${hook.events.map((e) => e.triggerSource).join(", ") || "none"})`);
  return found[0]!;
}
const refuse = (message: string): Answer => () => ({ errorMessage: message });
const respondWith = (response: object): Answer => (event) => ({ ...event, response: { ...event.response, ...response } });

async function userRow(pool: string, email: string): Promise<{ id: string; status: string; emailVerified: boolean } | undefined> {
  const { rows } = await db.query(`SELECT id, status, "emailVerified" FROM "User" WHERE "poolId" = $1 AND "emailKey" = lower($2)`, [pool, email]);
  return rows[0] as { id: string; status: string; emailVerified: boolean } | undefined;
}
const unique = (name: string) => `${name}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.com`;
const signUp = (email: string, extra: Partial<ConstructorParameters<typeof SignUpCommand>[0]> = {}) =>
  api.send(new SignUpCommand({ ClientId: "spa", Username: email, Password: PASSWORD, UserAttributes: [{ Name: "email", Value: email }], ...extra }));
const passwordSignIn = (USERNAME: string, PASSWORD_ = PASSWORD, ClientId = "spa", ClientMetadata?: Record<string, string>) =>
  api.send(new InitiateAuthCommand({ ClientId, AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME, PASSWORD: PASSWORD_ }, ...(ClientMetadata ? { ClientMetadata } : {}) }));
/** A USER_SRP_AUTH sign-in by amazon-cognito-identity-js, with the client that allows only SRP. */
const srpSignIn = (login: string, password: string) => new Promise((resolve, reject) => {
  const pool = new CognitoUserPool({ UserPoolId: API_POOL, ClientId: "srponly", endpoint: server.url });
  new CognitoUser({ Username: login, Pool: pool }).authenticateUser(new AuthenticationDetails({ Username: login, Password: password }), { onSuccess: resolve, onFailure: reject });
});
const atCallback = (page: Page) => page.url.startsWith(CALLBACK) && new URL(page.url).searchParams.has("code");

async function hostedSignUp(email: string): Promise<Page> {
  const { browser, page } = await openHostedPage(server.url, { pool: API_POOL, clientId: "spa", page: "signup" });
  return browser.submit(page, { email, password: PASSWORD });
}

function assertCommon(event: Event, options: { source: string; pool?: string; clientId: string; userName?: string }) {
  assert.equal(event.version, "1");
  assert.equal(event.triggerSource, options.source);
  assert.equal(event.userPoolId, options.pool ?? API_POOL);
  assert.equal(event.region, "local");
  assert.equal(event.callerContext.clientId, options.clientId);
  assert.equal(typeof event.callerContext.awsSdkVersion, "string");
  if (options.userName) assert.equal(event.userName, options.userName);
}

describe("pre sign-up", { skip: needsDatabase }, () => {
  test("SignUp sends PreSignUp_SignUp with the attributes, ValidationData and ClientMetadata, before the user exists", async () => {
    const email = unique("pre");
    hook.answers.preSignUp = async (event) => {
      assert.equal(await userRow(API_POOL, email), undefined, "not written before the trigger answers");
      return event;
    };
    const answer = await signUp(email, { ValidationData: [{ Name: "invite", Value: "abc" }], ClientMetadata: { origin: "test" } });
    assert.equal(answer.UserConfirmed, false);
    assert.equal(answer.CodeDeliveryDetails?.DeliveryMedium, "EMAIL");
    const event = onlyEvent("PreSignUp_SignUp");
    assertCommon(event, { source: "PreSignUp_SignUp", clientId: "spa", userName: answer.UserSub! });
    assert.deepEqual(event.request, { userAttributes: { email }, validationData: { invite: "abc" }, clientMetadata: { origin: "test" } });
    assert.deepEqual(event.response, { autoConfirmUser: false, autoVerifyEmail: false, autoVerifyPhone: false });
    assert.equal((await userRow(API_POOL, email))?.status, "UNCONFIRMED");
    assert.equal(eventsOf("PostConfirmation_ConfirmSignUp").length, 0);
  });

  test("a refusal is UserLambdaValidationException and nothing is written", async () => {
    const email = unique("refused");
    hook.answers.preSignUp = refuse("Domain not allowed.");
    assert.deepEqual(await refusal(signUp(email)), { name: "UserLambdaValidationException", message: "PreSignUp failed with error Domain not allowed." });
    assert.equal(await userRow(API_POOL, email), undefined);
    assert.equal((await readOutbox(server.url, email)).length, 0);
  });

  test("autoConfirmUser with autoVerifyEmail: UserConfirmed, no code, verified email, post confirmation, and the user signs in", async () => {
    const email = unique("auto");
    hook.answers.preSignUp = respondWith({ autoConfirmUser: true, autoVerifyEmail: true });
    const answer = await signUp(email);
    assert.equal(answer.UserConfirmed, true);
    assert.equal(answer.CodeDeliveryDetails, undefined);
    const row = await userRow(API_POOL, email);
    assert.deepEqual({ status: row?.status, emailVerified: row?.emailVerified }, { status: "CONFIRMED", emailVerified: true });
    const confirmed = onlyEvent("PostConfirmation_ConfirmSignUp");
    assertCommon(confirmed, { source: "PostConfirmation_ConfirmSignUp", clientId: "spa", userName: answer.UserSub! });
    assert.equal((confirmed.request.userAttributes as Record<string, string>)["cognito:user_status"], "CONFIRMED");
    assert.equal((confirmed.request.userAttributes as Record<string, string>).sub, answer.UserSub);
    assert.equal((await readOutbox(server.url, email)).length, 0, "no code sent");
    const signedIn = await passwordSignIn(email);
    assert.ok(signedIn.AuthenticationResult?.AccessToken);
  });

  test("autoVerifyEmail without autoConfirmUser verifies nothing (Cognito needs both)", async () => {
    const email = unique("verify-only");
    hook.answers.preSignUp = respondWith({ autoVerifyEmail: true });
    const answer = await signUp(email);
    assert.equal(answer.UserConfirmed, false);
    const row = await userRow(API_POOL, email);
    assert.deepEqual({ status: row?.status, emailVerified: row?.emailVerified }, { status: "UNCONFIRMED", emailVerified: false });
  });

  test("the hosted sign-up page shows a refusal's message and makes no account", async () => {
    const email = unique("hosted-refused");
    hook.answers.preSignUp = refuse("Sign-ups are closed.");
    const page = await hostedSignUp(email);
    assert.match(page.url, /\/signup$/);
    assert.equal(flashOf(page), "PreSignUp failed with error Sign-ups are closed.");
    const event = onlyEvent("PreSignUp_SignUp");
    assertCommon(event, { source: "PreSignUp_SignUp", clientId: "spa" });
    assert.equal((event.request.userAttributes as Record<string, string>).email, email);
    assert.equal(await userRow(API_POOL, email), undefined);
  });

  test("a hosted sign-up the trigger confirms signs in at once", async () => {
    const email = unique("hosted-auto");
    hook.answers.preSignUp = respondWith({ autoConfirmUser: true, autoVerifyEmail: true });
    const page = await hostedSignUp(email);
    assert.ok(atCallback(page), flashOf(page) ?? page.url);
    assert.equal((await userRow(API_POOL, email))?.status, "CONFIRMED");
    onlyEvent("PostConfirmation_ConfirmSignUp");
    onlyEvent("PostAuthentication_Authentication");
  });

  test("AdminCreateUser sends PreSignUp_AdminCreateUser (no client) and a refusal creates nobody", async () => {
    const email = unique("admin-created");
    const created = await admin.send(new AdminCreateUserCommand({
      UserPoolId: API_POOL, Username: email, MessageAction: "SUPPRESS", UserAttributes: [{ Name: "email", Value: email }],
      ValidationData: [{ Name: "source", Value: "hr" }], ClientMetadata: { batch: "7" },
    }));
    const event = onlyEvent("PreSignUp_AdminCreateUser");
    assertCommon(event, { source: "PreSignUp_AdminCreateUser", clientId: "CLIENT_ID_NOT_APPLICABLE", userName: created.User!.Username! });
    assert.deepEqual(event.request, { userAttributes: { email }, validationData: { source: "hr" }, clientMetadata: { batch: "7" } });
    assert.equal(created.User?.UserStatus, "FORCE_CHANGE_PASSWORD");

    const refused = unique("admin-refused");
    hook.answers.preSignUp = refuse("No contractors");
    assert.deepEqual(
      await refusal(admin.send(new AdminCreateUserCommand({ UserPoolId: API_POOL, Username: refused, MessageAction: "SUPPRESS", UserAttributes: [{ Name: "email", Value: refused }] }))),
      { name: "UserLambdaValidationException", message: "PreSignUp failed with error No contractors." },
    );
    assert.equal(await userRow(API_POOL, refused), undefined);
  });
});

describe("pre sign-up from the admin API (and the console, which uses it)", { skip: needsDatabase }, () => {
  test("creating a user sends PreSignUp_AdminCreateUser; a refusal is the handler's message and creates nobody", async () => {
    const adminApi = apiClient(server.url, await createApiKey(server.url, "trigger-tests-api"));
    const email = unique("admin-api");
    const created = await adminApi("POST", `/pools/${API_POOL}/users`, { attributes: { email } });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const event = onlyEvent("PreSignUp_AdminCreateUser");
    assertCommon(event, { source: "PreSignUp_AdminCreateUser", clientId: "CLIENT_ID_NOT_APPLICABLE" });
    assert.deepEqual(event.request, { userAttributes: { email }, validationData: null });

    const refused = unique("admin-api-refused");
    hook.answers.preSignUp = refuse("Not on the allow list");
    const answer = await adminApi("POST", `/pools/${API_POOL}/users`, { attributes: { email: refused } });
    assert.equal(answer.status, 400);
    assert.match(JSON.stringify(answer.body), /PreSignUp failed with error Not on the allow list\./);
    assert.equal(await userRow(API_POOL, refused), undefined);
  });
});

describe("post confirmation", { skip: needsDatabase }, () => {
  test("ConfirmSignUp sends PostConfirmation_ConfirmSignUp with the confirmed user's attributes and the ClientMetadata", async () => {
    const email = unique("confirm");
    const { UserSub } = await signUp(email);
    await api.send(new ConfirmSignUpCommand({ ClientId: "spa", Username: email, ConfirmationCode: await latestCode(server.url, email), ClientMetadata: { step: "confirm" } }));
    const event = onlyEvent("PostConfirmation_ConfirmSignUp");
    assertCommon(event, { source: "PostConfirmation_ConfirmSignUp", clientId: "spa", userName: UserSub! });
    assert.deepEqual(event.request, {
      userAttributes: { sub: UserSub, email, email_verified: "true", "cognito:user_status": "CONFIRMED" },
      clientMetadata: { step: "confirm" },
    });
  });

  test("a handler's error reaches the caller, and the user stays confirmed", async () => {
    const email = unique("confirm-error");
    await signUp(email);
    hook.answers.postConfirmation = refuse("CRM is down");
    const code = await latestCode(server.url, email);
    assert.deepEqual(
      await refusal(api.send(new ConfirmSignUpCommand({ ClientId: "spa", Username: email, ConfirmationCode: code }))),
      { name: "UserLambdaValidationException", message: "PostConfirmation failed with error CRM is down." },
    );
    assert.equal((await userRow(API_POOL, email))?.status, "CONFIRMED");
  });

  test("the hosted confirmation page sends PostConfirmation_ConfirmSignUp", async () => {
    const email = unique("hosted-confirm");
    const { browser, page } = await openHostedPage(server.url, { pool: API_POOL, clientId: "spa", page: "signup" });
    const confirm = await browser.submit(page, { email, password: PASSWORD });
    assert.match(confirm.url, /\/confirm$/, flashOf(confirm) ?? confirm.url);
    const done = await browser.submit(confirm, { code: await latestCode(server.url, email) });
    assert.ok(atCallback(done), flashOf(done) ?? done.url);
    assertCommon(onlyEvent("PostConfirmation_ConfirmSignUp"), { source: "PostConfirmation_ConfirmSignUp", clientId: "spa" });
  });

  test("AdminConfirmSignUp sends PostConfirmation_ConfirmSignUp without a client", async () => {
    const email = unique("admin-confirm");
    const { UserSub } = await signUp(email);
    await admin.send(new AdminConfirmSignUpCommand({ UserPoolId: API_POOL, Username: email, ClientMetadata: { by: "support" } }));
    const event = onlyEvent("PostConfirmation_ConfirmSignUp");
    assertCommon(event, { source: "PostConfirmation_ConfirmSignUp", clientId: "CLIENT_ID_NOT_APPLICABLE", userName: UserSub! });
    assert.deepEqual(event.request.clientMetadata, { by: "support" });
    assert.equal((event.request.userAttributes as Record<string, string>)["cognito:user_status"], "CONFIRMED");
  });

  test("ConfirmForgotPassword sends PostConfirmation_ConfirmForgotPassword", async () => {
    const email = unique("reset");
    hook.answers.preSignUp = respondWith({ autoConfirmUser: true, autoVerifyEmail: true });
    const { UserSub } = await signUp(email);
    hook.events = [];
    await api.send(new ForgotPasswordCommand({ ClientId: "spa", Username: email }));
    const code = await latestCode(server.url, email);
    await api.send(new ConfirmForgotPasswordCommand({ ClientId: "spa", Username: email, ConfirmationCode: code, Password: "Rainy-Day-43", ClientMetadata: { via: "app" } }));
    const event = onlyEvent("PostConfirmation_ConfirmForgotPassword");
    assertCommon(event, { source: "PostConfirmation_ConfirmForgotPassword", clientId: "spa", userName: UserSub! });
    assert.deepEqual(event.request.clientMetadata, { via: "app" });
    assert.equal((event.request.userAttributes as Record<string, string>).email, email);
  });
});

describe("pre and post authentication", { skip: needsDatabase }, () => {
  test("a password sign-in sends PreAuthentication_Authentication (ClientMetadata as validationData) and PostAuthentication_Authentication", async () => {
    const signedIn = await passwordSignIn("alice@example.com", API_PASSWORD, "spa", { device: "kiosk" });
    assert.ok(signedIn.AuthenticationResult?.IdToken);
    const pre = onlyEvent("PreAuthentication_Authentication");
    assertCommon(pre, { source: "PreAuthentication_Authentication", clientId: "spa", userName: "alice" });
    assert.equal((pre.request.userAttributes as Record<string, string>).email, "alice@example.com");
    assert.equal((pre.request.userAttributes as Record<string, string>)["custom:tier"], "gold");
    assert.deepEqual(pre.request.validationData, { device: "kiosk" });
    assert.equal(pre.request.userNotFound, undefined);
    const post = onlyEvent("PostAuthentication_Authentication");
    assertCommon(post, { source: "PostAuthentication_Authentication", clientId: "spa", userName: "alice" });
    assert.equal(post.request.newDeviceUsed, false);
    assert.deepEqual(post.request.clientMetadata, { device: "kiosk" });
    assert.equal((post.request.userAttributes as Record<string, string>)["cognito:user_status"], "CONFIRMED");
    assert.ok(hook.events.indexOf(pre) < hook.events.indexOf(post));
  });

  test("a pre authentication refusal is UserLambdaValidationException, whatever the password", async () => {
    hook.answers.preAuthentication = refuse("Outside office hours");
    const expected = { name: "UserLambdaValidationException", message: "PreAuthentication failed with error Outside office hours." };
    assert.deepEqual(await refusal(passwordSignIn("alice@example.com", API_PASSWORD)), expected);
    assert.deepEqual(await refusal(passwordSignIn("alice@example.com", "Wrong-Passw0rd")), expected);
    assert.equal(eventsOf("PostAuthentication_Authentication").length, 0);
  });

  test("an SRP sign-in fires pre authentication at InitiateAuth (before the proof) and post authentication at the end", async () => {
    await srpSignIn("alice@example.com", API_PASSWORD);
    assertCommon(onlyEvent("PreAuthentication_Authentication"), { source: "PreAuthentication_Authentication", clientId: "srponly", userName: "alice" });
    assertCommon(onlyEvent("PostAuthentication_Authentication"), { source: "PostAuthentication_Authentication", clientId: "srponly", userName: "alice" });
    hook.events = [];
    hook.answers.preAuthentication = refuse("Blocked");
    await assert.rejects(srpSignIn("alice@example.com", API_PASSWORD), (error: Error) => error.name === "UserLambdaValidationException" && error.message === "PreAuthentication failed with error Blocked.");
    assert.equal(eventsOf("PostAuthentication_Authentication").length, 0);
  });

  test("ADMIN_USER_PASSWORD_AUTH fires both too", async () => {
    const answer = await admin.send(new AdminInitiateAuthCommand({
      UserPoolId: API_POOL, ClientId: "spa", AuthFlow: "ADMIN_USER_PASSWORD_AUTH", AuthParameters: { USERNAME: "alice@example.com", PASSWORD: API_PASSWORD },
    }));
    assert.ok(answer.AuthenticationResult?.AccessToken);
    onlyEvent("PreAuthentication_Authentication");
    onlyEvent("PostAuthentication_Authentication");
  });

  test("a name with no account: userNotFound where the client prevents existence errors, no call where it does not", async () => {
    await refusal(passwordSignIn(unique("nobody"), PASSWORD, "spa"));
    const pre = onlyEvent("PreAuthentication_Authentication");
    assert.equal(pre.request.userNotFound, true);
    assert.deepEqual(pre.request.userAttributes, {});
    hook.events = [];
    await refusal(passwordSignIn(unique("nobody"), PASSWORD, "legacy"));
    assert.equal(eventsOf("PreAuthentication_Authentication").length, 0);
  });

  test("a post authentication refusal fails the sign-in", async () => {
    hook.answers.postAuthentication = refuse("Audit log unavailable");
    assert.deepEqual(await refusal(passwordSignIn("alice@example.com", API_PASSWORD)), {
      name: "UserLambdaValidationException", message: "PostAuthentication failed with error Audit log unavailable.",
    });
  });

  test("the hosted sign-in page shows a pre authentication refusal's message, and fires both on success", async () => {
    hook.answers.preAuthentication = refuse("Account under review");
    const { browser, page } = await openHostedPage(server.url, { pool: API_POOL, clientId: "spa", page: "login" });
    const refused = await browser.submit(page, { login: "alice@example.com", password: API_PASSWORD });
    assert.equal(flashOf(refused), "PreAuthentication failed with error Account under review.");
    delete hook.answers.preAuthentication;
    hook.events = [];
    const done = await browser.submit(refused, { login: "alice@example.com", password: API_PASSWORD });
    assert.ok(atCallback(done), flashOf(done) ?? done.url);
    assertCommon(onlyEvent("PreAuthentication_Authentication"), { source: "PreAuthentication_Authentication", clientId: "spa", userName: "alice" });
    onlyEvent("PostAuthentication_Authentication");
  });
});

describe("user migration", { skip: needsDatabase }, () => {
  const LEGACY_PASSWORD = "Legacy-Pass-1";
  /** A legacy store: knows `emails`, checks the password on sign-in, answers the user's attributes. */
  const legacyStore = (extra: object = {}, attributes: Record<string, string> = {}): Answer => async (event) => {
    if (event.triggerSource === "UserMigration_Authentication" && event.request.password !== LEGACY_PASSWORD) return { errorMessage: "Bad password" };
    const email = event.userName.includes("@") ? event.userName : `${event.userName}@legacy.example.com`;
    return { ...event, response: { ...event.response, userAttributes: { email, email_verified: "true", ...attributes }, finalUserStatus: "CONFIRMED", messageAction: "SUPPRESS", ...extra } };
  };

  test("USER_PASSWORD_AUTH for an unknown name: UserMigration_Authentication, the user is created and signed in in the same request", async () => {
    const name = `legacy-${Date.now()}`;
    hook.answers.userMigration = legacyStore({}, { given_name: "Lee" });
    const answer = await passwordSignIn(name, LEGACY_PASSWORD, "named", { tenant: "acme" });
    assert.ok(answer.AuthenticationResult?.AccessToken, "signed in on the first try");
    const event = onlyEvent("UserMigration_Authentication");
    assertCommon(event, { source: "UserMigration_Authentication", pool: API_USERNAME_POOL, clientId: "named", userName: name });
    assert.deepEqual(event.request, { password: LEGACY_PASSWORD, validationData: { tenant: "acme" }, clientMetadata: { tenant: "acme" } });
    assert.deepEqual(event.response, { userAttributes: null, finalUserStatus: null, messageAction: null, desiredDeliveryMediums: null, forceAliasCreation: null, enableSMSMFA: null });
    const row = await userRow(API_USERNAME_POOL, `${name}@legacy.example.com`);
    assert.deepEqual({ status: row?.status, emailVerified: row?.emailVerified }, { status: "CONFIRMED", emailVerified: true });
    // From now on an ordinary account: the trigger is not asked again, the password is checked here.
    hook.events = [];
    assert.ok((await passwordSignIn(name, LEGACY_PASSWORD, "named")).AuthenticationResult);
    assert.equal(eventsOf("UserMigration_Authentication").length, 0);
    assert.equal((await refusal(passwordSignIn(name, "Wrong-Pass-1", "named"))).name, "NotAuthorizedException");
  });

  test("the migrated password works with SRP afterwards (its verifier is stored), and an unknown name by SRP is not migrated", async () => {
    const email = unique("legacy-srp");
    hook.answers.userMigration = legacyStore();
    assert.ok((await passwordSignIn(email, LEGACY_PASSWORD)).AuthenticationResult);
    await srpSignIn(email, LEGACY_PASSWORD);
    hook.events = [];
    const unknown = unique("legacy-srp-unknown");
    await assert.rejects(srpSignIn(unknown, LEGACY_PASSWORD));
    assert.equal(eventsOf("UserMigration_Authentication").length, 0);
    assert.equal(await userRow(API_POOL, unknown), undefined);
  });

  test("concurrent first sign-ins make one account and all sign in", async () => {
    const email = unique("legacy-race");
    hook.answers.userMigration = async (event) => {
      await new Promise((resolve) => setTimeout(resolve, 150));
      return legacyStore()(event);
    };
    const answers = await Promise.allSettled(Array.from({ length: 4 }, () => passwordSignIn(email, LEGACY_PASSWORD)));
    for (const answer of answers) assert.equal(answer.status, "fulfilled", answer.status === "rejected" ? String(answer.reason) : "");
    const { rows } = await db.query(`SELECT count(*)::int AS n FROM "User" WHERE "poolId" = $1 AND "emailKey" = lower($2)`, [API_POOL, email]);
    assert.equal(rows[0].n, 1);
  });

  test("a wrong legacy password, or no attributes, is the trigger's refusal or an unknown name; invalid attributes are UserLambdaValidationException", async () => {
    hook.answers.userMigration = legacyStore();
    assert.deepEqual(await refusal(passwordSignIn(unique("legacy-wrong"), "Nope-Pass-1")), { name: "UserLambdaValidationException", message: "UserMigration failed with error Bad password." });
    delete hook.answers.userMigration;
    assert.equal((await refusal(passwordSignIn(unique("legacy-none"), LEGACY_PASSWORD))).name, "NotAuthorizedException");
    hook.answers.userMigration = legacyStore({}, { "custom:unknown": "x" });
    const email = unique("legacy-invalid");
    const refused = await refusal(passwordSignIn(email, LEGACY_PASSWORD));
    assert.equal(refused.name, "UserLambdaValidationException");
    assert.match(refused.message, /^UserMigration failed with error Attribute custom:unknown is not defined/);
    assert.equal(await userRow(API_POOL, email), undefined);
  });

  test("the legacy store's refusals count toward the name's lockout, and a locked name is not sent to it", async () => {
    const email = unique("legacy-locked");
    hook.answers.userMigration = legacyStore();
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push((await refusal(passwordSignIn(email, "Guess-Pass-1"))).name);
    assert.deepEqual(answers, [...Array(4).fill("UserLambdaValidationException"), "TooManyFailedAttemptsException"]);
    hook.events = [];
    assert.equal((await refusal(passwordSignIn(email, LEGACY_PASSWORD))).name, "TooManyFailedAttemptsException");
    assert.equal(eventsOf("UserMigration_Authentication").length, 0);
    assert.equal(await userRow(API_POOL, email), undefined);
  });

  test("ADMIN_USER_PASSWORD_AUTH migrates too", async () => {
    const email = unique("legacy-admin");
    hook.answers.userMigration = legacyStore();
    const answer = await admin.send(new AdminInitiateAuthCommand({
      UserPoolId: API_POOL, ClientId: "spa", AuthFlow: "ADMIN_USER_PASSWORD_AUTH", AuthParameters: { USERNAME: email, PASSWORD: LEGACY_PASSWORD },
    }));
    assert.ok(answer.AuthenticationResult?.AccessToken);
    assertCommon(onlyEvent("UserMigration_Authentication"), { source: "UserMigration_Authentication", clientId: "spa", userName: email });
  });

  test("finalUserStatus RESET_REQUIRED: the user must reset, and the code is sent", async () => {
    const email = unique("legacy-reset");
    hook.answers.userMigration = legacyStore({ finalUserStatus: "RESET_REQUIRED" });
    assert.equal((await refusal(passwordSignIn(email, LEGACY_PASSWORD))).name, "PasswordResetRequiredException");
    assert.equal((await userRow(API_POOL, email))?.status, "RESET_REQUIRED");
    assert.ok(await latestCode(server.url, email));
  });

  test("ForgotPassword for an unknown name: UserMigration_ForgotPassword, the user is created RESET_REQUIRED and gets the code", async () => {
    const email = unique("legacy-forgot");
    hook.answers.userMigration = legacyStore();
    const answer = await api.send(new ForgotPasswordCommand({ ClientId: "spa", Username: email, ClientMetadata: { from: "app" } }));
    assert.equal(answer.CodeDeliveryDetails?.DeliveryMedium, "EMAIL");
    const event = onlyEvent("UserMigration_ForgotPassword");
    assertCommon(event, { source: "UserMigration_ForgotPassword", clientId: "spa", userName: email });
    assert.deepEqual(event.request, { validationData: {}, clientMetadata: { from: "app" } });
    assert.equal((await userRow(API_POOL, email))?.status, "RESET_REQUIRED");
    const code = await latestCode(server.url, email);
    await api.send(new ConfirmForgotPasswordCommand({ ClientId: "spa", Username: email, ConfirmationCode: code, Password: PASSWORD }));
    assert.ok((await passwordSignIn(email, PASSWORD)).AuthenticationResult);
  });

  test("without messageAction SUPPRESS a migrated user is welcomed on desiredDeliveryMediums; with it, nothing is sent", async () => {
    const welcomed = unique("legacy-welcome");
    hook.answers.userMigration = legacyStore({ messageAction: null, desiredDeliveryMediums: ["EMAIL"] });
    assert.ok((await passwordSignIn(welcomed, LEGACY_PASSWORD)).AuthenticationResult);
    const [welcome] = await waitForOutbox(server.url, welcomed, 1);
    assert.match(welcome!.subject, /^Welcome to /);
    assert.match(welcome!.body, /same password/);

    const quiet = unique("legacy-quiet");
    hook.answers.userMigration = legacyStore();
    assert.ok((await passwordSignIn(quiet, LEGACY_PASSWORD)).AuthenticationResult);
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.deepEqual(await readOutbox(server.url, quiet), []);

    hook.answers.userMigration = legacyStore({ desiredDeliveryMediums: ["FAX"] });
    assert.equal((await refusal(passwordSignIn(unique("legacy-fax"), LEGACY_PASSWORD))).name, "UserLambdaValidationException");
  });

  test("forceAliasCreation moves an email another user holds to the migrated user; without it the migration is refused", async () => {
    const address = unique("legacy-alias");
    const holder = `holder-${Date.now()}`;
    await admin.send(new AdminCreateUserCommand({
      UserPoolId: API_USERNAME_POOL, Username: holder, MessageAction: "SUPPRESS",
      UserAttributes: [{ Name: "email", Value: address }, { Name: "email_verified", Value: "true" }],
    }));
    hook.answers.userMigration = legacyStore({}, { email: address });
    assert.equal((await refusal(passwordSignIn(`legacy-kept-${Date.now()}`, LEGACY_PASSWORD, "named"))).name, "NotAuthorizedException");
    const before = await db.query(`SELECT username FROM "User" WHERE "poolId" = $1 AND "emailKey" = lower($2)`, [API_USERNAME_POOL, address]);
    assert.deepEqual(before.rows.map((r: { username: string }) => r.username), [holder]);

    const mover = `legacy-mover-${Date.now()}`;
    hook.answers.userMigration = legacyStore({ forceAliasCreation: true }, { email: address });
    assert.ok((await passwordSignIn(mover, LEGACY_PASSWORD, "named")).AuthenticationResult);
    // The holder keeps the address, unverified: it is no longer an alias they can sign in with.
    const { rows } = await db.query(`SELECT username, "emailVerified" FROM "User" WHERE "poolId" = $1 AND "emailKey" = lower($2) ORDER BY username`, [API_USERNAME_POOL, address]);
    assert.deepEqual(rows.map((r: { username: string; emailVerified: boolean }) => [r.username, r.emailVerified]).sort(), [[holder, false], [mover, true]].sort());
    assert.ok((await passwordSignIn(address, LEGACY_PASSWORD, "named")).AuthenticationResult, "the address now signs the migrated user in");
  });

  test("the hosted sign-in form migrates and signs in on the first try", async () => {
    const email = unique("legacy-hosted");
    hook.answers.userMigration = legacyStore();
    const { browser, page } = await openHostedPage(server.url, { pool: API_POOL, clientId: "spa", page: "login" });
    const done = await browser.submit(page, { login: email, password: LEGACY_PASSWORD });
    assert.ok(atCallback(done), flashOf(done) ?? done.url);
    assertCommon(onlyEvent("UserMigration_Authentication"), { source: "UserMigration_Authentication", clientId: "spa", userName: email });
  });
});

test("every request to the handler was signed", { skip: needsDatabase }, () => {
  assert.equal(receiver.badSignatures(), 0);
  assert.ok(TRIGGER_NAMES.length >= TESTED.length);
});

