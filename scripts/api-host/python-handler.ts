// A Python Lambda handler run through the machine's python3: one long-lived runner process
// (./runner.py) reused across requests, one event at a time as a Lambda instance takes them. A
// runner that dies or overruns the deadline is replaced for the next request.
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { existsSync } from "node:fs";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import type { Invoke } from "../lambda-node.ts";

const RUNNER = fileURLToPath(new URL("./runner.py", import.meta.url));

type Reply = { id?: number; ready?: boolean; ok?: boolean; result?: unknown; errorMessage?: string; errorType?: string };
export class HandlerError extends Error {}
export class HandlerTimeout extends Error {}

type Runner = { child: ChildProcessWithoutNullStreams; next: (timeoutMs: number) => Promise<Reply> };

function startRunner(args: string[]): Promise<Runner> {
  const child = spawn(process.env.PYTHON ?? "python3", [RUNNER, ...args], { stdio: ["pipe", "pipe", "pipe"] });
  child.stderr.on("data", (chunk: Buffer) => process.stderr.write(chunk)); // the handler's prints and tracebacks
  child.stdin.on("error", () => {}); // a runner that died: seen on exit
  const replies: Reply[] = [];
  let waiting: ((reply: Reply | null) => void) | null = null;
  let exited: string | null = null;
  createInterface({ input: child.stdout }).on("line", (line) => {
    let reply: Reply;
    try {
      reply = JSON.parse(line) as Reply;
    } catch {
      return void process.stderr.write(`${line}\n`);
    }
    if (waiting) waiting(reply);
    else replies.push(reply);
  });
  child.on("exit", (code, signal) => {
    exited ??= `exited (${code ?? signal})`;
    waiting?.(null);
  });
  child.on("error", (error) => {
    exited = `could not run: ${error.message}`;
    waiting?.(null);
  });
  const next = (timeoutMs: number) => new Promise<Reply>((resolve, reject) => {
    const queued = replies.shift();
    if (queued) return resolve(queued);
    if (exited) return reject(new HandlerError(`the Python runner ${exited}`));
    const timer = setTimeout(() => {
      waiting = null;
      child.kill("SIGKILL");
      reject(new HandlerTimeout("the Python handler did not answer in time"));
    }, timeoutMs);
    waiting = (reply) => {
      clearTimeout(timer);
      waiting = null;
      if (reply) resolve(reply);
      else reject(new HandlerError(`the Python runner ${exited ?? "exited"}`));
    };
  });
  return next(30_000).then((first) => {
    if (!first.ready) throw new Error(first.errorMessage ?? "the Python handler did not load");
    return { child, next };
  });
}

/**
 * `file` is a .py file (module = its name) or a folder with `handler` as `module.function`, as
 * Lambda's handler setting; the function defaults to `lambda_handler`.
 */
export async function loadPythonHandler(options: { root: string; module: string; functionName: string; accountId: string }): Promise<{ invoke: Invoke; stop: () => void }> {
  if (!existsSync(options.root)) throw new Error(`${options.root}: no such folder`);
  const args = [options.root, options.module, options.functionName, options.module, options.accountId];
  let runner: Promise<Runner> = startRunner(args); // fails fast at start-up on a missing module or function
  await runner;
  let queue: Promise<unknown> = Promise.resolve();
  let nextId = 0;
  const invokeOnce = async (event: unknown, awsRequestId: string, deadline: number): Promise<unknown> => {
    const current = await runner.catch(() => (runner = startRunner(args)));
    if (current.child.exitCode !== null || current.child.signalCode !== null) runner = startRunner(args);
    const { child, next } = await runner;
    const id = ++nextId;
    child.stdin.write(JSON.stringify({ id, event, awsRequestId, deadline }) + "\n");
    const reply = await next(Math.max(0, deadline - Date.now()));
    if (reply.id !== id) throw new HandlerError(`the Python runner answered request ${reply.id} instead of ${id}`);
    if (!reply.ok) throw new HandlerError(`${reply.errorType}: ${reply.errorMessage}`);
    return reply.result ?? null;
  };
  return {
    invoke: (event, awsRequestId, deadline) => {
      const result = queue.then(() => invokeOnce(event, awsRequestId, deadline));
      queue = result.catch(() => {});
      return result;
    },
    stop: () => void runner.then((r) => r.child.kill(), () => {}),
  };
}
