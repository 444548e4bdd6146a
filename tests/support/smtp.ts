// A local SMTP server (smtp-server, the protocol's real implementation) for Gatehouse's SMTP_URL,
// so codes travel over SMTP exactly as they would to a mail relay. It keeps what it receives, and
// a test can make it hold messages (a slow relay) or refuse them (a failing one).
import assert from "node:assert/strict";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

export type Mail = { from: string; to: string[]; raw: string };

export type TestSmtp = {
  /** For SMTP_URL. */
  url: string;
  /** Every message taken, in order. */
  received: Mail[];
  mailTo: (address: string) => Mail[];
  /** Waits for the first message to `address` (codes go out just after the answer). */
  firstMailTo: (address: string, timeoutMs?: number) => Promise<Mail>;
  /** Holds every message until the returned function is called (or the server closes). */
  hold: () => () => void;
  /** Refuses every message (550) until the returned function is called. */
  refuse: () => () => void;
  close: () => Promise<void>;
};

export async function startSmtp(): Promise<TestSmtp> {
  const received: Mail[] = [];
  let gate = Promise.resolve();
  let openGate = () => {};
  let refusing = false;

  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      let raw = "";
      stream.setEncoding("utf8");
      stream.on("data", (chunk: string) => (raw += chunk));
      stream.on("end", () => {
        if (refusing) return callback(Object.assign(new Error("Mailbox unavailable"), { responseCode: 550 }));
        void gate.then(() => {
          received.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "", to: session.envelope.rcptTo.map((r) => r.address), raw });
          callback();
        });
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
  const port = (smtp.server.address() as AddressInfo).port;

  const mailTo = (address: string) => received.filter((m) => m.to.includes(address));
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    mailTo,
    async firstMailTo(address, timeoutMs = 10_000) {
      const until = Date.now() + timeoutMs;
      while (mailTo(address).length === 0) {
        if (Date.now() > until) assert.fail(`no message reached the SMTP server for ${address}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      return mailTo(address)[0]!;
    },
    hold() {
      gate = new Promise<void>((resolve) => (openGate = resolve));
      return () => openGate();
    },
    refuse() {
      refusing = true;
      return () => void (refusing = false);
    },
    async close() {
      openGate();
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
    },
  };
}

/** The six-digit code in a message's body. */
export function codeIn(mail: Mail): string | undefined {
  return /\b(\d{6})\b/.exec(mail.raw.split(/\r?\n\r?\n/).slice(1).join("\n"))?.[1];
}
