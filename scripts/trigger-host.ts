// Serves a Lambda trigger module over HTTP as a Gatehouse webhook, so Cognito trigger code runs
// unchanged: `npm run trigger-host -- ./my-trigger.mjs --port 4100 --secret whsec_…`.
// Each POST must carry a valid Gatehouse-Signature (else 401); the module's `handler(event, context)`
// (async, or callback style `(event, context, callback)`) gets the event and a Lambda-like context,
// and its result is answered as JSON. A thrown error or callback(error) is answered as
// `{"errorMessage", "errorType"}` with status 200: Gatehouse then fails the operation with
// UserLambdaValidationException, as Cognito does, without retrying a deliberate refusal.
import { randomUUID } from "node:crypto";
import { createServer, type ServerResponse } from "node:http";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { readBodyUpTo } from "../lib/http/request-body.ts";
import { SIGNATURE_HEADER, verifySignature } from "../lib/triggers/signature.ts";
import { invoke, lambdaContext, type Handler } from "./lambda-node.ts";

/** Gatehouse waits 5 seconds per try; the handler sees the same budget. */
const TIMEOUT_MS = 5_000;
const MAX_BODY_BYTES = 1024 * 1024;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { port: { type: "string", default: "4100" }, host: { type: "string", default: "127.0.0.1" }, secret: { type: "string" } },
});
const file = positionals[0];
const secret = values.secret ?? process.env.TRIGGER_SECRET;
if (!file || !secret) {
  console.error("usage: npm run trigger-host -- ./my-trigger.mjs --port 4100 --secret whsec_… [--host 127.0.0.1]\n(the secret may also come from TRIGGER_SECRET)");
  process.exit(2);
}
// `npm run` starts in the package's folder; the module path is the caller's.
const modulePath = path.resolve(process.env.INIT_CWD ?? process.cwd(), file);
const loaded = (await import(pathToFileURL(modulePath).href)) as { handler?: Handler; default?: Handler | { handler?: Handler } };
const handler = loaded.handler ?? (typeof loaded.default === "function" ? loaded.default : loaded.default?.handler);
if (typeof handler !== "function") {
  console.error(`${file} exports no handler function (export const handler = async (event, context) => …)`);
  process.exit(2);
}
const functionName = path.basename(modulePath).replace(/\.[cm]?[jt]s$/, "");

function answer(response: ServerResponse, status: number, body: unknown) {
  response.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
}

const server = createServer(async (request, response) => {
  if (request.method !== "POST") return answer(response, 405, { message: "POST a signed trigger event" });
  const body = (await readBodyUpTo(request, MAX_BODY_BYTES))?.toString("utf8") ?? null;
  if (body === null) return answer(response, 413, { message: "the event is too large" });
  if (!verifySignature(secret, body, request.headers[SIGNATURE_HEADER.toLowerCase()] as string | undefined)) {
    console.log(`refused a request without a valid ${SIGNATURE_HEADER}`);
    return answer(response, 401, { message: `invalid or missing ${SIGNATURE_HEADER}` });
  }
  let event: { triggerSource?: string };
  try {
    event = JSON.parse(body) as { triggerSource?: string };
  } catch {
    return answer(response, 400, { message: "the body is not JSON" });
  }
  const requestId = randomUUID();
  const started = Date.now();
  try {
    const result = await invoke(handler, event, lambdaContext({ functionName, awsRequestId: requestId, deadline: Date.now() + TIMEOUT_MS, accountId: "000000000000" }));
    console.log(`${event.triggerSource ?? "?"} ${requestId}: ok in ${Date.now() - started} ms`);
    answer(response, 200, result);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    console.log(`${event.triggerSource ?? "?"} ${requestId}: ${message}`);
    answer(response, 200, { errorMessage: message, errorType: error instanceof Error ? error.name : "Error" });
  }
});
server.listen(Number(values.port), values.host, () => {
  const address = server.address() as { port: number };
  console.log(`trigger-host: ${file} listening on http://${values.host}:${address.port}/`);
});
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.close(() => process.exit(0)));
