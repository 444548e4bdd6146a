// Counts what the process asks of its database: statements (each query or command Prisma sends,
// inside a transaction or not) and transactions. Benchmarks read the counts to report statements
// per request (bench/README.md); `kill -USR2 <pid>` prints them (server.ts). Counting is an
// increment per statement, cheap enough to stay on.
import type { SqlDriverAdapter, SqlDriverAdapterFactory, Transaction } from "@prisma/driver-adapter-utils";

const counts = { statements: 0, transactions: 0 };
/** GATEHOUSE_LOG_SQL=1: every statement is also printed (`SQL …` on stderr), for listing what a request runs (bench/api-sign-in.ts --sql). */
const LOG_SQL = process.env.GATEHOUSE_LOG_SQL === "1";

/** The counts since the process started. */
export function databaseCounts(): Readonly<typeof counts> {
  return { ...counts };
}

function countQueries<T extends Pick<SqlDriverAdapter, "queryRaw" | "executeRaw">>(target: T): T {
  const queryRaw = target.queryRaw.bind(target);
  const executeRaw = target.executeRaw.bind(target);
  target.queryRaw = (query) => {
    counts.statements++;
    if (LOG_SQL) console.error(`SQL ${query.sql.replace(/\s+/g, " ")}`);
    return queryRaw(query);
  };
  target.executeRaw = (query) => {
    counts.statements++;
    if (LOG_SQL) console.error(`SQL ${query.sql.replace(/\s+/g, " ")}`);
    return executeRaw(query);
  };
  return target;
}

/** The factory's adapters count every statement they run and every transaction they start. */
export function countingAdapter<F extends SqlDriverAdapterFactory>(factory: F): F {
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = countQueries(await connect());
    const startTransaction = adapter.startTransaction.bind(adapter);
    adapter.startTransaction = async (isolationLevel) => {
      counts.transactions++;
      return countQueries<Transaction>(await startTransaction(isolationLevel));
    };
    return adapter;
  };
  return factory;
}
