import type { Migration } from './types';

const LAYERS = ['ditch', 'culvert', 'blockage', 'area'] as const;

/**
 * The R*Tree filled in bulk on an import (issue 15): while `geo_bulk_load` holds its one row, a new
 * layer row does not enter the index by trigger; the bulk writer (NetworkRepository.insertMany)
 * sets the flag, inserts its rows, enters them into geo_feature and geo_rtree itself and clears the
 * flag, all in its one transaction, so no other connection ever sees the flag set. Rows written
 * any other way enter the index by trigger as before. Local to this PC, never synced.
 */
export const migration0013: Migration = {
  version: 13,
  name: 'bulk-rtree',
  up(db) {
    db.exec('CREATE TABLE geo_bulk_load (id INTEGER PRIMARY KEY CHECK (id = 1)) STRICT;');
    for (const table of LAYERS) {
      db.exec(`
        DROP TRIGGER ${table}_geo_insert;
        CREATE TRIGGER ${table}_geo_insert AFTER INSERT ON ${table}
        WHEN NEW.deleted_at IS NULL AND NOT EXISTS (SELECT 1 FROM geo_bulk_load) BEGIN
          INSERT INTO geo_feature (layer, feature_id) VALUES ('${table}', NEW.id);
          INSERT INTO geo_rtree (gid, min_lon, max_lon, min_lat, max_lat)
            VALUES ((SELECT gid FROM geo_feature WHERE feature_id = NEW.id), NEW.min_lon, NEW.max_lon, NEW.min_lat, NEW.max_lat);
        END;`);
    }
  },
};
