import type { Migration } from './types';

/**
 * Capacity settings (issue 6): the silted-section factor, the default runoff coefficient, the
 * network's snap tolerance and the culverts' roughness, with every change kept as history.
 * Keys never written take their defaults in code, so an empty table is a working township.
 */
export const migration0005: Migration = {
  version: 5,
  name: 'capacity',
  up(db) {
    db.exec(`
      CREATE TABLE capacity_setting (
        township_id TEXT NOT NULL REFERENCES township(id),
        key TEXT NOT NULL,
        value_json TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (township_id, key)
      ) STRICT;

      CREATE TABLE capacity_setting_change (
        id TEXT PRIMARY KEY,
        township_id TEXT NOT NULL REFERENCES township(id),
        batch_id TEXT NOT NULL,
        key TEXT NOT NULL,
        old_json TEXT,
        new_json TEXT NOT NULL,
        source TEXT NOT NULL CHECK (source IN ('desk','field','import','demo','cli')),
        at TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX capacity_setting_change_by_time ON capacity_setting_change(township_id, at);
    `);
  },
};
