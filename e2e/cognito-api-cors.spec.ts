// A single-page app on another origin calls Gatehouse's Cognito API from Chromium with
// amazon-cognito-identity-js's browser bundle, as Cognito web apps do: sign-up, confirmation and
// SRP sign-in. Its calls (POST with Content-Type application/x-amz-json-1.1 and X-Amz-Target) are
// not "simple" requests, so the browser sends each only after a CORS preflight succeeded, and the
// page reads each answer only if the response allows its origin.
import { createServer, type Server } from "node:http";
import { readFileSync } from "node:fs";
import { test, expect, type Page, type Request } from "@playwright/test";
import { gatehouseUrl, latestCode, PASSWORD, POOL, uniqueEmail } from "./support.ts";

const BUNDLE = readFileSync("node_modules/amazon-cognito-identity-js/dist/amazon-cognito-identity.min.js");

/** The app: a form, and the package driving Gatehouse with only `endpoint` set. */
function appPage(options: { endpoint: string; poolId: string; clientId: string }): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Cognito app</title>
<script src="/amazon-cognito-identity.min.js"></script></head>
<body><main>
<h1>Cognito app</h1>
<form id="account" onsubmit="return false">
  <label>Email <input name="email" type="email"></label>
  <label>Password <input name="password" type="password"></label>
  <label>Code <input name="code" inputmode="numeric"></label>
  <button type="button" id="sign-up">Sign up</button>
  <button type="button" id="confirm">Confirm</button>
  <button type="button" id="sign-in">Sign in</button>
</form>
<p role="status" id="status"></p>
</main>
<script>
  const C = window.AmazonCognitoIdentity;
  const pool = new C.CognitoUserPool(${JSON.stringify({ UserPoolId: options.poolId, ClientId: options.clientId, endpoint: options.endpoint })});
  const field = (name) => document.querySelector('[name="' + name + '"]').value;
  const show = (text) => { document.getElementById("status").textContent = text; };
  const user = () => new C.CognitoUser({ Username: field("email"), Pool: pool });
  document.getElementById("sign-up").onclick = () =>
    pool.signUp(field("email"), field("password"), [new C.CognitoUserAttribute({ Name: "email", Value: field("email") })], [], (err, result) =>
      show(err ? "Error: " + err.code : "Signed up: " + result.userSub + ", code sent by " + result.codeDeliveryDetails.DeliveryMedium));
  document.getElementById("confirm").onclick = () =>
    user().confirmRegistration(field("code"), true, (err, result) => show(err ? "Error: " + err.code : "Confirmed: " + result));
  document.getElementById("sign-in").onclick = () =>
    user().authenticateUser(new C.AuthenticationDetails({ Username: field("email"), Password: field("password") }), {
      onSuccess: (session) => {
        window.tokens = { id: session.getIdToken().getJwtToken(), access: session.getAccessToken().getJwtToken(), refresh: session.getRefreshToken().getToken() };
        show("Signed in as " + session.getIdToken().payload.email);
      },
      onFailure: (err) => show("Error: " + err.code),
    });
</script></body></html>`;
}

let app: Server;
let appOrigin: string;

test.beforeAll(async () => {
  app = createServer((req, res) => {
    if (req.url === "/amazon-cognito-identity.min.js") {
      res.writeHead(200, { "content-type": "text/javascript" }).end(BUNDLE);
    } else if (req.url === "/") {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(appPage({ endpoint: gatehouseUrl(), poolId: POOL, clientId: "web" }));
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => app.listen(0, "127.0.0.1", resolve));
  appOrigin = `http://127.0.0.1:${(app.address() as { port: number }).port}`;
});
test.afterAll(async () => {
  await new Promise((resolve) => app?.close(resolve));
});

const payloadOf = (jwt: string) => JSON.parse(Buffer.from(jwt.split(".")[1]!, "base64url").toString("utf8")) as Record<string, unknown>;

/** The Cognito API calls the page made, as the browser sent them and as Gatehouse answered them. */
function recordApiCalls(page: Page) {
  const calls: { target: string; origin: string | undefined; allowOrigin: string | undefined; status: number }[] = [];
  page.on("requestfinished", async (request: Request) => {
    if (!request.url().startsWith(gatehouseUrl()) || request.method() !== "POST") return;
    const response = await request.response();
    const headers = await request.allHeaders();
    calls.push({
      target: headers["x-amz-target"] ?? "",
      origin: headers.origin,
      allowOrigin: response ? (await response.allHeaders())["access-control-allow-origin"] : undefined,
      status: response?.status() ?? 0,
    });
  });
  return calls;
}

test("an app on another origin signs up, confirms and signs in with SRP through the Cognito API", async ({ page }) => {
  const calls = recordApiCalls(page);
  await page.goto(appOrigin);
  expect(new URL(appOrigin).origin).not.toBe(new URL(gatehouseUrl()).origin);
  const email = uniqueEmail("cors");
  const status = page.getByRole("status");

  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign up" }).click();
  await expect(status).toHaveText(/^Signed up: [0-9a-f-]{36}, code sent by EMAIL$/);

  await page.getByLabel("Code").fill(await latestCode(email));
  await page.getByRole("button", { name: "Confirm" }).click();
  await expect(status).toHaveText("Confirmed: SUCCESS");

  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(status).toHaveText(`Signed in as ${email}`);

  const tokens = (await page.evaluate(() => (window as unknown as { tokens: { id: string; access: string; refresh: string } }).tokens));
  const id = payloadOf(tokens.id);
  const access = payloadOf(tokens.access);
  expect(id.iss).toBe(`${gatehouseUrl()}/${POOL}`);
  expect(id.aud).toBe("web");
  expect(id.token_use).toBe("id");
  expect(id.email).toBe(email);
  expect(id.email_verified).toBe(true);
  expect(access.token_use).toBe("access");
  expect(access.client_id).toBe("web");
  expect(access.sub).toBe(id.sub);
  expect(tokens.refresh.length).toBeGreaterThan(20);

  // Every call came from the app's origin and was answered for it, SRP's two steps included.
  await expect.poll(() => calls.map((c) => c.target.split(".").pop())).toEqual(["SignUp", "ConfirmSignUp", "InitiateAuth", "RespondToAuthChallenge"]);
  for (const call of calls) {
    expect(call.origin).toBe(appOrigin);
    expect(call.allowOrigin).toBe("*");
    expect(call.status).toBe(200);
  }
});

test("a refused sign-in reaches the page as Cognito's error, not as a network error", async ({ page }) => {
  await page.goto(appOrigin);
  await page.getByLabel("Email").fill("alice@example.com");
  await page.getByLabel("Password").fill("Wr0ngpassword");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("status")).toHaveText("Error: NotAuthorizedException");
});
