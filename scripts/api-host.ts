// Serves a function written for API Gateway's HTTP API behind a Gatehouse authorizer, so Lambda
// code runs unchanged on a developer's machine or any server:
//   npm run api-host -- ./handler.mjs --authorizer orders --port 4200 --gatehouse http://localhost:3000
//   npm run api-host -- ./handler.py --authorizer orders            (Python: lambda_handler)
//   npm run api-host -- ./src --handler app.lambda_handler --authorizer orders
// Each request is first put to Gatehouse's forward-auth endpoint; a refusal (401, 403) goes back to
// the caller unchanged, as API Gateway answers its authorizer's. An allowed request becomes the
// payload-2.0 event with the authorizer's claims and scopes, and the handler's return the answer.
import { createHash, randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { statSync, existsSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { readBodyUpTo } from "../lib/http/request-body.ts";
import { askGatehouse } from "./api-host/forward-auth.ts";
import { buildEvent, LOCAL_ACCOUNT_ID, newRequestId } from "./api-host/event.ts";
import { answerFor, INTERNAL_ERROR, jsonAnswer, SERVICE_UNAVAILABLE, type HttpAnswer } from "./api-host/response.ts";
import { loadNodeHandler, type Invoke } from "./lambda-node.ts";
import { HandlerTimeout, loadPythonHandler } from "./api-host/python-handler.ts";

/** API Gateway's HTTP API gives an integration at most 30 seconds. */
const TIMEOUT_MS = 30_000;
/** and takes request bodies up to 10 MB. */
const MAX_BODY_BYTES = 10 * 1024 * 1024;

const USAGE = `usage: npm run api-host -- <handler file or folder> --authorizer <name> [--port 4200] [--host 127.0.0.1]
         [--gatehouse ${process.env.PUBLIC_URL ?? "http://localhost:3000"}] [--handler handler | lambda_handler | module.function]`;

function fail(message: string): never {
  console.error(`api-host: ${message}\n${USAGE}`);
  process.exit(2);
}

let parsed;
try {
  parsed = parseArgs({
    allowPositionals: true,
    options: {
      authorizer: { type: "string" }, port: { type: "string", default: "4200" }, host: { type: "string", default: "127.0.0.1" },
      gatehouse: { type: "string" }, handler: { type: "string" },
    },
  });
} catch (error) {
  fail((error as Error).message);
}
const { values, positionals } = parsed;
const target = positionals[0];
if (!target) fail("name the handler's file (handler.mjs, handler.py) or folder");
if (!values.authorizer) fail("--authorizer is required: the name of a Gatehouse authorizer (config file `authorizers`)");
const gatehouse = (values.gatehouse ?? process.env.PUBLIC_URL ?? "http://localhost:3000").replace(/\/+$/, "");
const authorizer = values.authorizer;
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port ${values.port} is not a port number`);

/** Finds the handler as Lambda's handler setting would: a file, or a folder plus `module.function`. */
async function loadHandler(): Promise<{ invoke: Invoke; label: string }> {
  // `npm run` starts in the package's folder; the path is the caller's.
  const resolved = path.resolve(process.env.INIT_CWD ?? process.cwd(), target!);
  if (!existsSync(resolved)) throw new Error(`${target}: no such file or folder`);
  let file = resolved;
  let exportName = values.handler;
  if (statSync(resolved).isDirectory()) {
    const spec = /^(.+)\.([A-Za-z_$][\w$]*)$/.exec(values.handler ?? "");
    if (!spec) throw new Error(`${target} is a folder: give --handler module.function (e.g. app.lambda_handler or index.handler)`);
    const found = [".py", ".mjs", ".cjs", ".js", ".ts"].map((ext) => path.join(resolved, spec[1]!.replaceAll(".", "/") + ext)).find(existsSync);
    if (!found) throw new Error(`${target}: no ${spec[1]}.py, .mjs, .cjs or .js in this folder`);
    file = found;
    exportName = spec[2];
  } else if (exportName?.includes(".")) {
    exportName = exportName.slice(exportName.lastIndexOf(".") + 1); // `module.function` beside a file: the module is the file
  }
  if (file.endsWith(".py")) {
    const root = statSync(resolved).isDirectory() ? resolved : path.dirname(file);
    const moduleName = path.relative(root, file).replace(/\.py$/, "").replaceAll(path.sep, ".");
    const python = await loadPythonHandler({ root, module: moduleName, functionName: exportName ?? "lambda_handler", accountId: LOCAL_ACCOUNT_ID });
    for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, python.stop);
    return { invoke: python.invoke, label: `${path.relative(process.cwd(), file)} (python3, ${exportName ?? "lambda_handler"})` };
  }
  const name = exportName ?? "handler";
  return { invoke: await loadNodeHandler({ file, exportName: name, accountId: LOCAL_ACCOUNT_ID }), label: `${path.relative(process.cwd(), file)} (${name})` };
}

function send(response: ServerResponse, answer: HttpAnswer, requestId: string) {
  response.statusCode = answer.status;
  const grouped = new Map<string, string[]>();
  for (const [name, value] of answer.headers) grouped.set(name, [...(grouped.get(name) ?? []), value]);
  for (const [name, values] of grouped) response.setHeader(name, values.length === 1 && name !== "set-cookie" ? values[0]! : values);
  response.setHeader("apigw-requestid", requestId);
  response.end(answer.body);
}

const SIGNATURE_MISMATCH = "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";

/**
 * Gatehouse checked the signature over the payload hash the client declared, never seeing the
 * body; API Gateway hashes the body it got, so a body swapped after signing is refused here.
 */
function payloadMatchesSignature(request: IncomingMessage, body: Buffer): boolean {
  const declared = request.headers["x-amz-content-sha256"];
  if (typeof declared !== "string" || !/^[0-9a-f]{64}$/i.test(declared)) return true; // none, or UNSIGNED-PAYLOAD: the signature covered an empty body or none
  return createHash("sha256").update(body).digest("hex") === declared.toLowerCase();
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new HandlerTimeout(`no answer in ${ms / 1000} s`)), ms); });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

async function serve(invoke: Invoke, request: IncomingMessage, requestId: string): Promise<HttpAnswer> {
  const sourceIp = (request.socket.remoteAddress ?? "127.0.0.1").replace(/^::ffff:/, "");
  const url = request.url ?? "/";
  const decision = await askGatehouse({ gatehouse, authorizer, method: request.method ?? "GET", url, headers: request.headers, sourceIp });
  if (!decision.allowed) return decision.answer;
  const body = await readBodyUpTo(request, MAX_BODY_BYTES);
  if (body === null) return jsonAnswer(413, { message: "Request Entity Too Large" });
  if (decision.verdict.kind === "iam" && !payloadMatchesSignature(request, body)) return jsonAnswer(403, { message: SIGNATURE_MISMATCH });
  const event = buildEvent({
    request: { method: request.method ?? "GET", url, rawHeaders: request.rawHeaders, httpVersion: request.httpVersion, sourceIp, body },
    verdict: decision.verdict, requestId,
  });
  const awsRequestId = randomUUID();
  try {
    const result = await withTimeout(invoke(event, awsRequestId, Date.now() + TIMEOUT_MS), TIMEOUT_MS);
    const answer = answerFor(result);
    if (!answer) console.error(`${requestId}: the handler's answer is not a valid payload-2.0 response: ${JSON.stringify(result)?.slice(0, 300)}`);
    return answer ?? INTERNAL_ERROR;
  } catch (error) {
    console.error(`${requestId}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return error instanceof HandlerTimeout ? SERVICE_UNAVAILABLE : INTERNAL_ERROR;
  }
}

let handler: { invoke: Invoke; label: string };
try {
  handler = await loadHandler();
} catch (error) {
  fail((error as Error).message);
}
// A misspelt authorizer would make every request a 500: say so now. Gatehouse may start later.
try {
  const probe = await fetch(`${gatehouse}/authorizers/${encodeURIComponent(authorizer)}`, { headers: { "x-original-uri": "/", "x-original-method": "GET" } });
  if (probe.status === 404) fail(`Gatehouse at ${gatehouse} has no authorizer named ${authorizer}`);
} catch (error) {
  console.error(`api-host: Gatehouse at ${gatehouse} did not answer (${(error as Error).message}); requests will fail until it does`);
}

const server = createServer((request, response) => {
  const requestId = newRequestId();
  const started = Date.now();
  // The chain ends in its own catch: nothing is left to reject.
  void serve(handler.invoke, request, requestId)
    .catch((error: unknown) => {
      console.error(`${requestId}: ${error instanceof Error ? error.message : String(error)}`);
      return INTERNAL_ERROR;
    })
    .then((answer) => {
      send(response, answer, requestId);
      console.log(`${request.method} ${request.url} ${answer.status} ${Date.now() - started} ms`);
    });
});
server.listen(port, values.host, () => {
  const address = server.address() as { port: number };
  console.log(`api-host: ${handler.label} behind ${gatehouse}/authorizers/${authorizer}, listening on http://${values.host}:${address.port}/`);
});
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.close(() => process.exit(0)));
