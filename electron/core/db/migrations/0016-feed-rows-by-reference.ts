import type { Migration } from './types';

/**
 * A bulk insert's feed entries carry their rows by reference (issue 15). An import of 50,000
 * ditches stored each row twice, in its table and as JSON in change_feed.row_json (40 MB of a
 * 117 MB database, each copy checked by json_valid). Such an entry now stores no copy: `row_by_ref`
 * = 1 says the row as inserted is the row in its table until that row's next entry, whose
 * before_json is it (every later write keeps the row before it). Readers fill it in
 * (db/feed/rowsByReference.ts).
 *
 * - The column's CHECK: a by-reference entry is an insert without a copy, and a NULL row_json is
 *   only a delete, a by-reference insert, or the history moved in by 0007 (`syncable = 0`, never
 *   written again; an undone create there has no row after). SQLite tests it against every row
 *   already in the feed when the column is added.
 * - Existing entries keep their copies (row_by_ref = 0); nothing is rewritten, no row moves.
 * - The append-only trigger is made again to cover the new column.
 */
export const migration0016: Migration = {
  version: 16,
  name: 'feed-rows-by-reference',
  up(db) {
    db.exec(`
      ALTER TABLE change_feed ADD COLUMN row_by_ref INTEGER NOT NULL DEFAULT 0
        CHECK (row_by_ref IN (0, 1)
          AND (row_by_ref = 0 OR (op = 'insert' AND row_json IS NULL))
          AND (row_json IS NOT NULL OR op = 'delete' OR row_by_ref = 1 OR syncable = 0));

      DROP TRIGGER change_feed_append_only;
      CREATE TRIGGER change_feed_append_only BEFORE UPDATE ON change_feed
      WHEN OLD.undone_by IS NOT NULL OR NEW.undone_by IS NULL
        OR NEW.seq IS NOT OLD.seq OR NEW.change_id IS NOT OLD.change_id OR NEW.township_id IS NOT OLD.township_id
        OR NEW.table_name IS NOT OLD.table_name OR NEW.row_id IS NOT OLD.row_id OR NEW.op IS NOT OLD.op
        OR NEW.row_json IS NOT OLD.row_json OR NEW.before_json IS NOT OLD.before_json OR NEW.hlc IS NOT OLD.hlc
        OR NEW.base_hlc IS NOT OLD.base_hlc OR NEW.origin IS NOT OLD.origin OR NEW.batch_id IS NOT OLD.batch_id
        OR NEW.source IS NOT OLD.source OR NEW.action IS NOT OLD.action OR NEW.at IS NOT OLD.at
        OR NEW.undoes_batch IS NOT OLD.undoes_batch OR NEW.syncable IS NOT OLD.syncable
        OR NEW.row_by_ref IS NOT OLD.row_by_ref
      BEGIN
        SELECT RAISE(ABORT, 'the change feed is append-only');
      END;
    `);
  },
};
