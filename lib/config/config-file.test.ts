import { test } from "node:test";
import assert from "node:assert/strict";
import { parseConfigText } from "./apply-config.ts";

const pool = { id: "local_Demo12345", name: "Demo", clients: [{ clientId: "demo-web", name: "Demo", callbackUrls: ["http://localhost:4000/callback"] }] };

test("a valid config file gets Cognito's defaults", () => {
  const config = parseConfigText(JSON.stringify({ pools: [pool] }), "config.json");
  const client = config.pools[0]!.clients[0]!;
  assert.equal(client.accessTokenValidity, 3600);
  assert.equal(client.refreshTokenValidity, 2_592_000);
  assert.deepEqual(client.allowedOAuthFlows, ["code"]);
  assert.equal(config.pools[0]!.mfa, "OFF");
});

test("config files: unknown keys are rejected with their path", () => {
  assert.throws(() => parseConfigText(JSON.stringify({ pools: [{ ...pool, colour: "blue" }] }), "c.json"), /pools\.0.*colour/s);
});

test("config files: token validities outside Cognito's bounds are rejected", () => {
  const bad = { ...pool, clients: [{ ...pool.clients[0], accessTokenValidity: 60 }] };
  assert.throws(() => parseConfigText(JSON.stringify({ pools: [bad] }), "c.json"), /accessTokenValidity must be at least 300/);
});

test("config files: bad pool ids, undefined groups and invalid JSON get clear messages", () => {
  assert.throws(() => parseConfigText(JSON.stringify({ pools: [{ ...pool, id: "demo" }] }), "c.json"), /pool ids look like/);
  const user = { username: "a", groups: ["nope"] };
  assert.throws(() => parseConfigText(JSON.stringify({ pools: [{ ...pool, users: [user] }] }), "c.json"), /group "nope" is not defined/);
  assert.throws(() => parseConfigText("{ nope", "c.json"), /not valid JSON/);
});

test("config files may be YAML", () => {
  const config = parseConfigText("pools:\n  - id: local_Demo12345\n    name: Demo\n", "gatehouse.yaml");
  assert.equal(config.pools[0]!.name, "Demo");
});
