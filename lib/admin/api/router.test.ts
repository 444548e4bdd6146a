// The admin API answers what its OpenAPI document promises: with GATEHOUSE_CHECK_RESPONSES on
// (every test server), an answer outside its route's response schema is a 500 naming the route.
import { test } from "node:test";
import assert from "node:assert/strict";
import { z } from "zod";
import type { Runtime } from "../../runtime.ts";
import { compileRoutes, dispatch, route } from "./router.ts";

const routes = compileRoutes([
  route({
    method: "GET", path: "/things", operationId: "listThings", tag: "Things", summary: "List things",
    response: z.object({ things: z.array(z.object({ name: z.string(), createdAt: z.string() })) }),
    // Dates reach the caller as strings, as Response.json writes them.
    handler: async () => ({ things: [{ name: "a", createdAt: new Date(0) as unknown as string }] }),
  }),
  route({
    method: "GET", path: "/broken", operationId: "getBroken", tag: "Things", summary: "Answers outside its schema",
    response: z.object({ name: z.string() }),
    handler: async () => ({ name: 42 }) as unknown as { name: string },
  }),
]);

async function call(path: string, checkResponses: boolean) {
  const lines: string[] = [];
  const rt = { env: { checkResponses }, log: (line: string) => lines.push(line) } as unknown as Runtime;
  const response = await dispatch({
    routes, path, rt, request: new Request(`http://localhost/api/admin${path}`),
    authenticate: async () => ({ type: "api-key", id: "k", name: "api-key:test" }),
  });
  return { response, lines };
}

test("admin API responses: an answer that matches its schema goes out as it is", async () => {
  const { response, lines } = await call("/things", true);
  assert.equal(response.status, 200);
  assert.deepEqual(await response.json(), { things: [{ name: "a", createdAt: new Date(0).toISOString() }] });
  assert.deepEqual(lines, []);
});

test("admin API responses: an answer outside its schema is a 500 whose log line names the route and the issue", async () => {
  const { response, lines } = await call("/broken", true);
  assert.equal(response.status, 500);
  assert.equal(((await response.json()) as { error: { code: string } }).error.code, "InternalErrorException");
  assert.equal(lines.length, 1);
  assert.match(lines[0]!, /GET \/broken \(getBroken\) answered outside its response schema: name: /);
});

test("admin API responses: unchecked (production), the answer goes out unchanged", async () => {
  const { response } = await call("/broken", false);
  assert.equal(response.status, 200);
  assert.deepEqual(await response.json(), { name: 42 });
});
