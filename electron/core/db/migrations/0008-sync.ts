import type { Migration } from './types';

const stamps = `
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL`;

/**
 * Sync with the county server (issue 11), the desk's side.
 *
 * - sync_state: this desk's enrolment — the server's address, the long-lived key (local only: it is
 *   never written to the change feed, so it never leaves this PC), a certificate file to trust, and
 *   where sync stands: the last local feed entry the server acknowledged and the server's cursor.
 *   One row at most; disconnecting deletes it.
 * - sync_conflict: every 冲突 the server reported (a parallel edit that lost by clock), with both
 *   versions as the server sent them, until a person reviews it. Unique by the server's id, so a
 *   conflict pulled twice is listed once.
 */
export const migration0008: Migration = {
  version: 8,
  name: 'sync',
  up(db) {
    db.exec(`
      CREATE TABLE sync_state (
        id TEXT PRIMARY KEY,
        township_id TEXT NOT NULL REFERENCES township(id),
        singleton INTEGER NOT NULL DEFAULT 1 UNIQUE CHECK (singleton = 1),
        server_url TEXT NOT NULL CHECK (server_url GLOB 'http*://*'),
        sync_key TEXT NOT NULL CHECK (length(sync_key) = 64),
        ca_file TEXT,
        enrolled_at TEXT NOT NULL,
        push_ack_seq INTEGER NOT NULL DEFAULT 0 CHECK (push_ack_seq >= 0),
        pull_cursor TEXT NOT NULL DEFAULT '',
        last_sync_at TEXT,
        last_round_json TEXT CHECK (last_round_json IS NULL OR json_valid(last_round_json)),${stamps}
      ) STRICT;

      CREATE TABLE sync_conflict (
        id TEXT PRIMARY KEY,
        township_id TEXT NOT NULL REFERENCES township(id),
        table_name TEXT NOT NULL,
        row_id TEXT NOT NULL,
        conflict_json TEXT NOT NULL CHECK (json_valid(conflict_json)),
        detected_at TEXT NOT NULL,
        reviewed_at TEXT,
        resolution TEXT CHECK (resolution IS NULL OR resolution IN ('kept_winner','reapplied_loser')),${stamps},
        CHECK ((reviewed_at IS NULL) = (resolution IS NULL))
      ) STRICT;
      CREATE INDEX sync_conflict_open ON sync_conflict(township_id, detected_at) WHERE reviewed_at IS NULL;
    `);
  },
};
