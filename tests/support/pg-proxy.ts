// A TCP proxy between Gatehouse and PostgreSQL that the test controls: it reads the wire protocol
// enough to see each statement (its SQL and bound parameters) and can hold one chosen statement,
// so a test can kill the server at an exact point of a request without touching our code.
// "before": the statement never reaches PostgreSQL. "after": PostgreSQL runs it (and, outside a
// transaction, commits it) but Gatehouse never hears the answer.
import { createServer, connect, type Socket } from "node:net";

export type Statement = { connection: number; sql: string; params: (string | null)[] };
export type Hold = { when: (statement: Statement) => boolean; phase: "before" | "after" };

export type PgProxy = {
  port: number;
  /** `url` (a postgres:// URL) pointed at the proxy instead of the server. */
  through: (url: string) => string;
  /** Every statement seen, in order. */
  statements: Statement[];
  /** Holds the first statement for which `when` is true (asked of every statement in order) and
   * everything after it on that connection, for good. Resolves with it once held ("after": once
   * PostgreSQL has answered). One hold at a time. */
  hold: (hold: Hold) => Promise<Statement>;
  /** Forgets a hold that has not caught anything yet. */
  cancel: () => void;
  stop: () => Promise<void>;
};

const SSL_REQUEST = 80877103;

export async function startPgProxy(target: { host: string; port: number }): Promise<PgProxy> {
  const statements: Statement[] = [];
  const sockets = new Set<Socket>();
  let pending: (Hold & { resolve: (s: Statement) => void }) | null = null;
  let connections = 0;

  const server = createServer((client) => {
    const id = ++connections;
    const upstream = connect(target.port, target.host);
    sockets.add(client).add(upstream);
    const close = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on("error", close).on("close", close);
    upstream.on("error", close).on("close", close);

    let inBuffer = Buffer.alloc(0);
    let started = false;
    let unit: Buffer[] = [];
    let unitSql = "";
    let unitParams: (string | null)[] = [];
    const named = new Map<string, string>();
    // Set once a hold has caught this connection.
    let heldClient = false;
    let heldServer: { after: Statement; resolve: (s: Statement) => void; bytes: Buffer } | null = null;

    upstream.on("data", (chunk: Buffer) => {
      if (!heldServer) return void client.write(chunk);
      heldServer.bytes = Buffer.concat([heldServer.bytes, chunk]);
      if (hasReadyForQuery(heldServer.bytes)) heldServer.resolve(heldServer.after);
    });

    const endUnit = (final: Buffer[]) => {
      const raw = Buffer.concat([...unit, ...final]);
      const statement: Statement = { connection: id, sql: unitSql, params: unitParams };
      unit = [];
      unitSql = "";
      unitParams = [];
      statements.push(statement);
      const hold = pending;
      if (hold && hold.when(statement)) {
        pending = null;
        if (hold.phase === "before") {
          heldClient = true;
          return hold.resolve(statement);
        }
        heldClient = true;
        heldServer = { after: statement, resolve: hold.resolve, bytes: Buffer.alloc(0) };
      }
      upstream.write(raw);
    };

    client.on("data", (chunk: Buffer) => {
      if (heldClient) return;
      inBuffer = Buffer.concat([inBuffer, chunk]);
      for (;;) {
        if (heldClient) return;
        if (!started) {
          // The start-up packet has no type byte. An SSL request gets "no" from us.
          if (inBuffer.length < 8) return;
          const length = inBuffer.readInt32BE(0);
          if (inBuffer.length < length) return;
          const message = inBuffer.subarray(0, length);
          inBuffer = inBuffer.subarray(length);
          if (length === 8 && message.readInt32BE(4) === SSL_REQUEST) {
            client.write("N");
            continue;
          }
          started = true;
          upstream.write(message);
          continue;
        }
        if (inBuffer.length < 5) return;
        const type = String.fromCharCode(inBuffer[0]!);
        const length = inBuffer.readInt32BE(1) + 1;
        if (inBuffer.length < length) return;
        const message = Buffer.from(inBuffer.subarray(0, length));
        inBuffer = inBuffer.subarray(length);
        const body = message.subarray(5);
        if (type === "Q") {
          unitSql = cString(body, 0).value;
          endUnit([message]);
        } else if (type === "P") {
          const name = cString(body, 0);
          const sql = cString(body, name.next).value;
          if (name.value) named.set(name.value, sql);
          unitSql = sql;
          unit.push(message);
        } else if (type === "B") {
          const portal = cString(body, 0);
          const statementName = cString(body, portal.next);
          if (statementName.value) unitSql = named.get(statementName.value) ?? unitSql;
          unitParams = bindParams(body, statementName.next);
          unit.push(message);
        } else if (type === "S") {
          if (unit.length) endUnit([message]);
          else upstream.write(message);
        } else if (unit.length) {
          unit.push(message); // Describe, Execute, Close inside a statement
        } else {
          upstream.write(message); // Terminate, Flush, password messages...
        }
      }
    });
  });

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;
  return {
    port,
    statements,
    through(url) {
      const u = new URL(url);
      u.hostname = "127.0.0.1";
      u.port = String(port);
      return u.toString();
    },
    hold(hold) {
      if (pending) throw new Error("one hold at a time");
      return new Promise((resolve) => {
        pending = { ...hold, resolve };
      });
    },
    cancel: () => void (pending = null),
    stop: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

function cString(buffer: Buffer, start: number): { value: string; next: number } {
  const end = buffer.indexOf(0, start);
  return { value: buffer.toString("utf8", start, end), next: end + 1 };
}

function bindParams(body: Buffer, offset: number): (string | null)[] {
  let at = offset;
  const formats = body.readInt16BE(at);
  at += 2 + formats * 2;
  const count = body.readInt16BE(at);
  at += 2;
  const params: (string | null)[] = [];
  for (let i = 0; i < count; i++) {
    const length = body.readInt32BE(at);
    at += 4;
    if (length < 0) {
      params.push(null);
      continue;
    }
    params.push(body.toString("utf8", at, at + length));
    at += length;
  }
  return params;
}

/** Whether a stream of server messages (starting at a message boundary) holds a ReadyForQuery. */
function hasReadyForQuery(bytes: Buffer): boolean {
  let at = 0;
  while (at + 5 <= bytes.length) {
    if (bytes[at] === 0x5a /* Z */) return true;
    at += 1 + bytes.readInt32BE(at + 1);
  }
  return false;
}

/**
 * Sends `request` to the server, waits until the proxy holds the chosen statement, then kills the
 * server with SIGKILL while the request is in flight, and starts it again.
 */
export async function crashWhileHeld(proxy: PgProxy, server: { crash(): Promise<void>; restart(): Promise<void> }, hold: Hold, request: () => Promise<unknown>) {
  const held = proxy.hold(hold).then(() => "held" as const);
  const inFlight = request().then(() => "answered" as const, () => "cut off" as const);
  const first = await Promise.race([held, inFlight]);
  if (first !== "held") {
    proxy.cancel();
    throw new Error(`the request was answered without reaching the statement to hold; statements seen:\n${proxy.statements.slice(-30).map((s) => `  [${s.connection}] ${s.sql.slice(0, 160)}`).join("\n")}`);
  }
  await server.crash();
  if ((await inFlight) !== "cut off") throw new Error("the request was answered although the server was killed");
  await server.restart();
}

/** Holds the COMMIT of the transaction that inserted into `table` (as Prisma writes it). */
export function commitOfInsertInto(table: string): Hold["when"] {
  const inserting = new Set<number>();
  const insert = new RegExp(`^\\s*INSERT INTO "(public"\\.")?${table}"`, "i");
  return (s) => {
    if (insert.test(s.sql)) inserting.add(s.connection);
    else if (/^\s*(ROLLBACK|BEGIN)\b/i.test(s.sql)) inserting.delete(s.connection);
    return inserting.has(s.connection) && /^\s*COMMIT\b/i.test(s.sql);
  };
}
