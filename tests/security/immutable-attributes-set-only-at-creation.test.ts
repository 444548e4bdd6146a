// A custom attribute defined mutable: false is written only when the user is created (sign-up,
// admin create, the config file's first apply). Afterwards the admin API (which the console uses)
// refuses to set, change or remove it with Cognito's message, and re-applying the config file at
// start leaves it as it is (logging what it ignored), as it does with passwords.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { startServer, type RunningServer } from "../support/server.ts";
import { PASSWORD } from "../support/fixtures.ts";
import { ADMIN_ENV, ATTRS_POOL, adminApi, attributesPool } from "../support/client-attributes.ts";

let server: RunningServer;
let api: Awaited<ReturnType<typeof adminApi>>;

// bea has no tenant: one can never be added later.
const bea = { username: "bea", password: PASSWORD, attributes: { email: "bea@example.com", email_verified: "true", "custom:tier": "bronze" } };

before(async () => {
  server = await startServer({ config: { pools: [attributesPool([bea])] }, env: ADMIN_ENV });
  api = await adminApi(server);
});
after(async () => {
  await server?.stop();
});

const user = async (username: string) => (await api("GET", `/pools/${ATTRS_POOL}/users/${username}`)).body as { attributes: Record<string, string> };
const patch = (username: string, attributes: Record<string, string>) => api("PATCH", `/pools/${ATTRS_POOL}/users/${username}`, { attributes });

describe("the admin API's attribute update", () => {
  test("refuses to change an immutable attribute, with Cognito's message", async () => {
    const { status, body } = await patch("ada", { "custom:tenant": "globex" });
    assert.equal(status, 400);
    assert.equal(body.error.code, "InvalidParameterException");
    assert.match(body.error.message, /^user\.custom:tenant: Attribute cannot be updated\./);
    assert.equal(body.error.field, "custom:tenant");
    assert.equal((await user("ada")).attributes["custom:tenant"], "acme");
  });

  test("refuses to set one the user was created without", async () => {
    const { status, body } = await patch("bea", { "custom:tenant": "globex" });
    assert.equal(status, 400);
    assert.match(body.error.message, /^user\.custom:tenant: Attribute cannot be updated\./);
    assert.equal((await user("bea")).attributes["custom:tenant"], undefined);
  });

  test("refuses to remove one", async () => {
    const { status } = await patch("ada", { "custom:tenant": "" });
    assert.equal(status, 400);
    assert.equal((await user("ada")).attributes["custom:tenant"], "acme");
  });

  test("accepts its unchanged value beside other changes, and mutable attributes change as before", async () => {
    const { status } = await patch("ada", { "custom:tenant": "acme", "custom:tier": "platinum" });
    assert.equal(status, 200);
    const { attributes } = await user("ada");
    assert.equal(attributes["custom:tier"], "platinum");
    assert.equal(attributes["custom:tenant"], "acme");
  });
});

describe("creating a user", () => {
  test("is when an immutable attribute is set", async () => {
    const { status, body } = await api("POST", `/pools/${ATTRS_POOL}/users`, { attributes: { email: "cy@example.com", "custom:tenant": "hooli" } });
    assert.equal(status, 201, JSON.stringify(body));
    assert.equal((await user("cy@example.com")).attributes["custom:tenant"], "hooli");
    assert.equal((await patch("cy@example.com", { "custom:tenant": "pied-piper" })).status, 400);
  });
});

describe("re-applying the config file at start", () => {
  test("leaves immutable attributes as they are, applies the mutable ones, and says what it ignored", async () => {
    const file = path.join(server.dataDir, "config.json");
    const config = JSON.parse(readFileSync(file, "utf8")) as { pools: { users: { username: string; attributes: Record<string, string> }[] }[] };
    for (const u of config.pools[0]!.users) {
      if (u.username === "ada") Object.assign(u.attributes, { "custom:tenant": "umbrella", "custom:tier": "silver" });
      if (u.username === "bea") u.attributes["custom:tenant"] = "umbrella";
    }
    writeFileSync(file, JSON.stringify(config));
    await server.restart();
    api = await adminApi(server);

    const ada = await user("ada");
    assert.equal(ada.attributes["custom:tenant"], "acme", "kept as created");
    assert.equal(ada.attributes["custom:tier"], "silver", "mutable attributes follow the file");
    assert.equal((await user("bea")).attributes["custom:tenant"], undefined, "not set at creation: stays unset");
    assert.match(server.output(), /user ada in pool local_Attrs0001: custom:tenant is immutable and keeps its value/);
    assert.match(server.output(), /user bea in pool local_Attrs0001: custom:tenant is immutable and keeps its value/);
  });
});
