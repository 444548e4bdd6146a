// The console's look at a file before it is imported: the header checked, the first rows with the
// problem each would fail on (the row checks only; a name taken by an existing user shows when the
// job runs), and the number of rows.
import { isAppError } from "../errors.ts";
import type { Pool } from "../pools/pool.ts";
import { parseImportFile } from "./parse-file.ts";
import { prepareRow, rowUsername } from "./prepare-row.ts";

export type ImportPreview = {
  columns: string[];
  totalRows: number;
  /** The header's (or the file's) problem: nothing would be imported. */
  fileProblem: string | null;
  rows: { line: number; username: string; values: Record<string, string>; problem: string | null }[];
};

export function previewImport(pool: Pool, csv: string, options: { limit: number }): ImportPreview {
  let file;
  try {
    file = parseImportFile(pool, csv);
  } catch (error) {
    if (isAppError(error)) return { columns: [], totalRows: 0, fileProblem: error.message, rows: [] };
    throw error;
  }
  const rows = file.rows.slice(0, options.limit).map((row) => {
    let problem: string | null = null;
    try {
      prepareRow(pool, row, "00000000-0000-4000-8000-000000000000");
    } catch (error) {
      if (!isAppError(error)) throw error;
      problem = error.message;
    }
    // The hash is shown as its format's prefix only.
    const values = { ...row.values };
    if (values.passwordHash) values.passwordHash = `${values.passwordHash.slice(0, 7)}…`;
    return { line: row.line, username: rowUsername(row), values, problem };
  });
  return { columns: file.columns, totalRows: file.rows.length, fileProblem: null, rows };
}
