// A Node.js Lambda handler run in this process, as Lambda's Node.js runtime runs it: ESM
// `export const handler` or CommonJS `exports.handler`, async or callback style, with a
// Lambda-like context. Shared by the trigger host and the API host.
import { existsSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

export type Callback = (error?: unknown, result?: unknown) => void;
export type Handler = (event: unknown, context: LambdaContext, callback: Callback) => unknown;
export type LambdaContext = {
  functionName: string; functionVersion: string; invokedFunctionArn: string; memoryLimitInMB: string; awsRequestId: string;
  logGroupName: string; logStreamName: string; callbackWaitsForEmptyEventLoop: boolean; getRemainingTimeInMillis: () => number;
};

export type Invoke = (event: unknown, awsRequestId: string, deadline: number) => Promise<unknown>;

export function lambdaContext(options: { functionName: string; awsRequestId: string; deadline: number; accountId: string }): LambdaContext {
  const { functionName, awsRequestId, deadline } = options;
  return {
    functionName, functionVersion: "$LATEST", invokedFunctionArn: `arn:aws:lambda:local:${options.accountId}:function:${functionName}`,
    memoryLimitInMB: "128", awsRequestId, logGroupName: `/aws/lambda/${functionName}`, logStreamName: awsRequestId,
    callbackWaitsForEmptyEventLoop: true, getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
  };
}

/** Its promise, or its callback, whichever settles first (a handler of fewer than 3 parameters returning a value is done). */
export function invoke(fn: Handler, event: unknown, context: LambdaContext): Promise<unknown> {
  return new Promise((resolve, reject) => {
    // As Lambda: the handler's error, whatever it is, is what the invocation fails with.
    // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- passed on as the handler gave it
    const callback: Callback = (error, result) => (error ? reject(error) : resolve(result ?? null));
    try {
      const returned = fn(event, context, callback);
      if (returned && typeof (returned as Promise<unknown>).then === "function") (returned as Promise<unknown>).then((result) => resolve(result ?? null), reject);
      else if (fn.length < 3) resolve(returned ?? null);
    } catch (error) {
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- the handler's throw, passed on as it is
      reject(error);
    }
  });
}

/** Loads the module and finds its handler, or throws an error that says what is missing. */
export async function loadNodeHandler(options: { file: string; exportName: string; accountId: string }): Promise<Invoke> {
  if (!existsSync(options.file)) throw new Error(`${options.file}: no such file`);
  const loaded = (await import(pathToFileURL(options.file).href)) as Record<string, unknown> & { default?: unknown };
  const fromDefault = typeof loaded.default === "object" && loaded.default !== null ? (loaded.default as Record<string, unknown>)[options.exportName] : undefined;
  const fn = loaded[options.exportName] ?? fromDefault;
  if (typeof fn !== "function") {
    throw new Error(`${options.file} exports no function named ${options.exportName} (export const ${options.exportName} = async (event, context) => …, or exports.${options.exportName} = …)`);
  }
  const functionName = path.basename(options.file).replace(/\.[cm]?[jt]s$/, "");
  return (event, awsRequestId, deadline) => invoke(fn as Handler, event, lambdaContext({ functionName, awsRequestId, deadline, accountId: options.accountId }));
}
