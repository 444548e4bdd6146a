// Reads a user-import CSV: the header is checked against the pool's columns (an unknown column
// refuses the whole file, as Cognito does), then each row keeps the line it starts on, counted
// as an editor counts them (quoted fields may span lines; blank lines are skipped but counted;
// CRLF and a UTF-8 BOM are fine), so a failure names the line a person can find.
import { CsvError, parse } from "csv-parse/sync";
import { AppError } from "../errors.ts";
import type { Pool } from "../pools/pool.ts";
import { allowedColumns, USERNAME_COLUMN } from "./csv-header.ts";

/** Cognito takes files up to 100 MB; Gatehouse keeps the file in its database, so it takes 20 MB. */
export const MAX_CSV_BYTES = 20 * 1024 * 1024;

export type CsvRow = {
  /** 1-based line of the file where the row starts (the header is line 1). */
  line: number;
  /** The row's cells by column; absent columns are absent. */
  values: Record<string, string>;
  /** Set when the row's cell count differs from the header's: the row fails with it. */
  problem: string | null;
};

export type ImportFile = { columns: string[]; rows: CsvRow[] };

/** Parses the file, or throws InvalidParameterException naming the header's (or the file's) problem. */
export function parseImportFile(pool: Pick<Pool, "customAttributes">, text: string): ImportFile {
  let records: { record: string[]; info: { bytes: number } }[];
  try {
    records = parse(text, { bom: true, info: true, relax_column_count: true, skip_empty_lines: true }) as unknown as typeof records;
  } catch (error) {
    if (error instanceof CsvError) throw new AppError("InvalidParameterException", `The file is not valid CSV: ${error.message}`);
    throw error;
  }
  const [head, ...body] = records;
  if (!head) throw new AppError("InvalidParameterException", "The file is empty: it needs the header of GetCSVHeader and a row per user.");
  const columns = head.record.map((name) => name.trim());
  const allowed = allowedColumns(pool);
  const unknown = columns.filter((name) => !allowed.has(name));
  if (unknown.length) throw new AppError("InvalidParameterException", `The header has columns this pool does not have: ${unknown.join(", ")}. Use the header GetCSVHeader gives.`);
  const repeated = columns.filter((name, i) => columns.indexOf(name) !== i);
  if (repeated.length) throw new AppError("InvalidParameterException", `The header names a column twice: ${[...new Set(repeated)].join(", ")}.`);
  if (!columns.includes(USERNAME_COLUMN)) throw new AppError("InvalidParameterException", `The header has no ${USERNAME_COLUMN} column.`);

  const lineAt = lineCounter(Buffer.from(text));
  let end = head.info.bytes;
  const rows = body.map(({ record, info }): CsvRow => {
    // csv-parse counts a CRLF inside quotes as two lines, so the line is counted here: where the
    // previous record ended, past any blank lines.
    const line = lineAt(end);
    end = info.bytes;
    const values: Record<string, string> = {};
    columns.forEach((name, i) => {
      if (record[i] !== undefined) values[name] = record[i];
    });
    const problem = record.length === columns.length ? null : `The row has ${record.length} fields; the header has ${columns.length}.`;
    return { line, values, problem };
  });
  return { columns, rows };
}

/** The 1-based line of the first non-blank byte at or after an offset (CRLF, CR and LF each end a line); offsets only grow. */
function lineCounter(bytes: Buffer): (offset: number) => number {
  let at = 0;
  let line = 1;
  const step = () => {
    const byte = bytes[at++];
    if (byte === 0x0a || (byte === 0x0d && bytes[at] !== 0x0a)) line++;
  };
  return (offset) => {
    while (at < offset) step();
    while (at < bytes.length && (bytes[at] === 0x0a || bytes[at] === 0x0d)) step();
    return line;
  };
}
