import type { Statement } from 'better-sqlite3';

/**
 * Rows per INSERT statement in bulk writes. One `run()` per row costs better-sqlite3 more than
 * SQLite's own work on a short row (half the CPU of a 50,000-row import went to the calls);
 * a hundred rows per VALUES list keeps the statement well under SQLite's 32,766 parameters for
 * our widest table and the bound array small.
 */
export const ROWS_PER_STATEMENT = 100;

/** One bulk INSERT: its head (`INSERT INTO t (a, b)`), one row's VALUES tuple and how many parameters that tuple has. */
export interface MultiRowInsert {
  key: string;
  head: string;
  tuple: string;
  width: number;
}

/**
 * Insert `count` rows with as few statements as possible: full statements of
 * ROWS_PER_STATEMENT rows, then the rest one row per statement (so only two statements are ever
 * prepared per table). `fill(i, out, at)` writes row i's `width` values into out from index at.
 */
export function insertRows(stmt: (key: string, sql: () => string) => Statement, spec: MultiRowInsert, count: number, fill: (i: number, out: unknown[], at: number) => void): void {
  const { key, head, tuple, width } = spec;
  const full = Math.floor(count / ROWS_PER_STATEMENT) * ROWS_PER_STATEMENT;
  if (full > 0) {
    const many = stmt(`${key}:x${ROWS_PER_STATEMENT}`, () => `${head} VALUES ${new Array<string>(ROWS_PER_STATEMENT).fill(tuple).join(', ')}`);
    const values = new Array<unknown>(width * ROWS_PER_STATEMENT);
    for (let start = 0; start < full; start += ROWS_PER_STATEMENT) {
      for (let k = 0; k < ROWS_PER_STATEMENT; k++) fill(start + k, values, k * width);
      many.run(values);
    }
  }
  if (full < count) {
    const one = stmt(`${key}:x1`, () => `${head} VALUES ${tuple}`);
    const values = new Array<unknown>(width);
    for (let i = full; i < count; i++) {
      fill(i, values, 0);
      one.run(values);
    }
  }
}
