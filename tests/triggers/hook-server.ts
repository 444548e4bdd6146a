// A trigger handler for the tests: a real HTTP server in the test process that checks each
// request's Gatehouse-Signature, records the event, and answers what the test set for the
// trigger source (by default, the event unchanged, as a handler that changes nothing).
// It also writes a pool's triggers straight into its row (sealed with the server's secret), the
// way the config file and admin API store them, and restarts the server so the pool is read again.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import assert from "node:assert/strict";
import pg from "pg";
import { sealTriggers, type TriggersInput } from "../../lib/triggers/config.ts";
import { verifySignature } from "../../lib/triggers/signature.ts";
import { createSecrets } from "../../lib/security/secrets.ts";
import type { RunningServer } from "../support/server.ts";

export const HOOK_SECRET = "whsec_test_0123456789abcdef";

export type HookEvent = {
  version: string; triggerSource: string; region: string; userPoolId: string; userName?: string;
  callerContext: { awsSdkVersion: string; clientId: string };
  request: Record<string, unknown>; response: Record<string, unknown>;
};
type Answer = (event: HookEvent) => unknown;

export type HookServer = {
  url: (path: string) => string;
  events: HookEvent[];
  /** Every recorded event of `triggerSource`. */
  of: (triggerSource: string) => HookEvent[];
  /** What the handler answers for a trigger source (a function of the event), until `reset`. */
  answer: (triggerSource: string, answer: Answer) => void;
  reset: () => void;
  badSignatures: () => number;
  close: () => Promise<void>;
};

export async function startHookServer(): Promise<HookServer> {
  const events: HookEvent[] = [];
  let answers = new Map<string, Answer>();
  let bad = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      if (!verifySignature(HOOK_SECRET, body, req.headers["gatehouse-signature"] as string | undefined)) {
        bad++;
        res.writeHead(401, { "content-type": "application/json" }).end(JSON.stringify({ errorMessage: "bad signature" }));
        return;
      }
      const event = JSON.parse(body) as HookEvent;
      events.push(event);
      const answer = answers.get(event.triggerSource);
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(answer ? answer(structuredClone(event)) : event));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    events,
    of: (source) => events.filter((e) => e.triggerSource === source),
    answer: (source, answer) => void answers.set(source, answer),
    reset: () => {
      events.length = 0;
      answers = new Map();
    },
    badSignatures: () => bad,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Sets a pool's triggers as the config file and admin API store them, and restarts the server to read them. */
export async function setTriggers(server: RunningServer, poolId: string, triggers: TriggersInput): Promise<void> {
  const stored = sealTriggers(createSecrets(server.shared.GATEHOUSE_SECRET), triggers);
  const db = new pg.Client({ connectionString: server.shared.DATABASE_URL });
  await db.connect();
  try {
    const { rowCount } = await db.query(`UPDATE "UserPool" SET triggers = $2 WHERE id = $1`, [poolId, JSON.stringify(stored)]);
    assert.equal(rowCount, 1, `pool ${poolId} exists`);
  } finally {
    await db.end();
  }
  await server.restart();
}

/** A JWT's payload, unverified (the tests read what the server put in it). */
export function claimsOf(jwt: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt.split(".")[1]!, "base64url").toString("utf8")) as Record<string, unknown>;
}
