import type { Migration } from './types';

/**
 * The township and its settings. Every row carries its township's id and timestamps so a county
 * database can merge townships later; settings changes are kept as append-only history.
 */
export const migration0001: Migration = {
  version: 1,
  name: 'township-settings',
  up(db) {
    db.exec(`
      CREATE TABLE township (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        deleted_at TEXT
      ) STRICT;

      CREATE TABLE setting (
        township_id TEXT NOT NULL REFERENCES township(id),
        key TEXT NOT NULL,
        value_json TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (township_id, key)
      ) STRICT;

      CREATE TABLE setting_change (
        id TEXT PRIMARY KEY,
        township_id TEXT NOT NULL REFERENCES township(id),
        batch_id TEXT NOT NULL,
        key TEXT NOT NULL,
        old_json TEXT,
        new_json TEXT NOT NULL,
        source TEXT NOT NULL CHECK (source IN ('desk','field','import','cli','demo','migration')),
        changed_at TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX setting_change_by_time ON setting_change(township_id, changed_at);
    `);
  },
};
