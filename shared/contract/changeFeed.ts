import { z } from 'zod';
import { bilingual } from './validation';
import { parseHlc } from '../sync/hlc';

/**
 * One entry of the change feed as it crosses a process or network boundary (desk ↔ county server).
 * The desk appends one per changed row, in the same transaction as the change (issue 10); sync
 * pushes and pulls them (issue 11). The local sequence number is not part of the wire form: each
 * side numbers entries in the order it received them.
 */
export const changeOpSchema = z.enum(['insert', 'update', 'delete']);
export type ChangeOp = z.infer<typeof changeOpSchema>;

/** A hybrid logical clock as its sortable string (shared/sync/hlc.ts). */
export const hlcString = z
  .string()
  .max(100)
  .refine((s) => parseHlc(s) !== null, { error: bilingual('时钟格式不正确', 'not a hybrid logical clock') });

/** Table and column names are plain lower-case identifiers: they are never spliced into SQL unchecked. */
export const feedTableName = z.string().regex(/^[a-z][a-z0-9_]{0,62}$/, {
  error: bilingual('表名不正确', 'not a table name'),
});

export const changeEntrySchema = z.strictObject({
  /** A UUID made where the change was made; a change applied twice is recognised by it. */
  changeId: z.uuid(),
  townshipId: z.string().min(1).max(64),
  table: feedTableName,
  /** The row's primary key (a UUID for most tables, a settings key for settings). */
  rowId: z.string().min(1).max(200),
  op: changeOpSchema,
  /** The whole row as it is after the change, column name → value; null for a delete (a tombstone). */
  row: z.record(z.string(), z.unknown()).nullable(),
  hlc: hlcString,
  /**
   * The clock of the row version this change was made on top of (null for an insert, or a row the
   * origin had never seen changed). Two changes to one row with the same base were made in
   * parallel: one wins by clock, the other is kept as a conflict (ODK Central's base version).
   */
  baseHlc: hlcString.nullable(),
  /** The installation (desk, server) that made the change. */
  origin: z.string().min(1).max(64),
  /** Changes made by one save share a batch id, so an undo can take the save back as one step. */
  batchId: z.string().min(1).max(64),
  /** Where the change came from: desk, field, import, cli, demo, sync. */
  source: z.string().min(1).max(20),
  /** When it was made (UTC ISO-8601, wall time of the origin). */
  at: z.string().datetime({ offset: true }),
});
export type ChangeEntry = z.infer<typeof changeEntrySchema>;
