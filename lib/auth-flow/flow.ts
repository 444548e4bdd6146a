// Sign-in progress, one row per oidc-provider interaction, kept on the server (never in the URL or
// the browser). Every form carries the flow's CSRF token.
import type { Db } from "../db/client.ts";
import { randomToken } from "../security/secrets.ts";
import type { FlowData, Step } from "./steps.ts";

export type Flow = {
  interactionUid: string;
  poolId: string;
  clientId: string;
  step: Step;
  userId: string | null;
  csrf: string;
  data: FlowData;
};

const TTL_MS = 3600 * 1000;

function toFlow(row: { interactionUid: string; poolId: string; clientId: string; step: string; userId: string | null; csrf: string; data: unknown }): Flow {
  return { ...row, step: row.step as Step, data: (row.data ?? {}) as FlowData };
}

export async function findFlow(db: Db, uid: string): Promise<Flow | null> {
  const row = await db.authFlow.findUnique({ where: { interactionUid: uid } });
  if (!row || row.expiresAt.getTime() < Date.now()) return null;
  return toFlow(row);
}

export async function startFlow(db: Db, options: { uid: string; poolId: string; clientId: string; loginHint?: string }): Promise<Flow> {
  const row = await db.authFlow.upsert({
    where: { interactionUid: options.uid },
    create: {
      interactionUid: options.uid, poolId: options.poolId, clientId: options.clientId, step: "PASSWORD_VERIFIER",
      csrf: randomToken(24), expiresAt: new Date(Date.now() + TTL_MS),
      data: options.loginHint ? { values: { login: options.loginHint } } : {},
    },
    update: {},
  });
  return toFlow(row);
}

export async function saveFlow(db: Db, flow: Flow): Promise<void> {
  await db.authFlow.update({
    where: { interactionUid: flow.interactionUid },
    data: { step: flow.step, userId: flow.userId, data: flow.data as object },
  });
}

export async function deleteFlow(db: Db, uid: string): Promise<void> {
  await db.authFlow.deleteMany({ where: { interactionUid: uid } });
}

/** Reads the one-shot message and clears it, so a reload does not show it again. */
export async function takeFlash(db: Db, flow: Flow): Promise<FlowData["flash"]> {
  const flash = flow.data.flash ?? null;
  if (flash) {
    flow.data = { ...flow.data, flash: null };
    await saveFlow(db, flow);
  }
  return flash;
}

export async function purgeExpiredFlows(db: Db): Promise<void> {
  await db.authFlow.deleteMany({ where: { expiresAt: { lt: new Date() } } });
}
