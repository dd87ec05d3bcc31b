import type { Migration } from './types';

const common = `
  id TEXT PRIMARY KEY,
  township_id TEXT NOT NULL REFERENCES township(id),
  name TEXT NOT NULL DEFAULT '',
  geometry TEXT NOT NULL,
  min_lon REAL NOT NULL, min_lat REAL NOT NULL, max_lon REAL NOT NULL, max_lat REAL NOT NULL,
  source TEXT NOT NULL CHECK (source IN ('desk','field','import','demo','cli')),
  import_batch_id TEXT REFERENCES import_batch(id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT`;

/** Keep the R*Tree in step with a layer table's bounding box (soft-deleted rows leave the index). */
function rtreeTriggers(table: string): string {
  return `
  CREATE TRIGGER ${table}_geo_insert AFTER INSERT ON ${table} WHEN NEW.deleted_at IS NULL BEGIN
    INSERT INTO geo_feature (layer, feature_id) VALUES ('${table}', NEW.id);
    INSERT INTO geo_rtree (gid, min_lon, max_lon, min_lat, max_lat)
      VALUES ((SELECT gid FROM geo_feature WHERE feature_id = NEW.id), NEW.min_lon, NEW.max_lon, NEW.min_lat, NEW.max_lat);
  END;
  CREATE TRIGGER ${table}_geo_update AFTER UPDATE OF min_lon, min_lat, max_lon, max_lat, deleted_at ON ${table} BEGIN
    DELETE FROM geo_rtree WHERE gid = (SELECT gid FROM geo_feature WHERE feature_id = OLD.id);
    DELETE FROM geo_feature WHERE feature_id = OLD.id;
    INSERT INTO geo_feature (layer, feature_id) SELECT '${table}', NEW.id WHERE NEW.deleted_at IS NULL;
    INSERT INTO geo_rtree (gid, min_lon, max_lon, min_lat, max_lat)
      SELECT gid, NEW.min_lon, NEW.max_lon, NEW.min_lat, NEW.max_lat FROM geo_feature WHERE feature_id = NEW.id AND NEW.deleted_at IS NULL;
  END;`;
}

/**
 * The drainage network: ditches (lines), culverts and blockage points (points), areas (polygons),
 * with an R*Tree over every live feature's bounding box, the blockage event history, the import
 * batches, and an append-only log of network edits (for undo and a future county sync).
 */
export const migration0002: Migration = {
  version: 2,
  name: 'network',
  up(db) {
    db.exec(`
      CREATE TABLE import_batch (
        id TEXT PRIMARY KEY,
        township_id TEXT NOT NULL REFERENCES township(id),
        file_name TEXT NOT NULL,
        format TEXT NOT NULL,
        crs TEXT NOT NULL CHECK (crs IN ('wgs84','gcj02','bd09')),
        counts_json TEXT NOT NULL,
        imported_at TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE ditch (${common},
        kind TEXT NOT NULL CHECK (kind IN ('river','main','branch','field')),
        village TEXT NOT NULL DEFAULT '',
        bottom_width_m REAL, depth_m REAL, side_slope REAL, manning_n REAL, slope REAL,
        condition TEXT NOT NULL DEFAULT 'clear' CHECK (condition IN ('clear','silted','blocked')),
        work TEXT NOT NULL DEFAULT 'existing' CHECK (work IN ('existing','dug','cleared')),
        work_date TEXT,
        length_m REAL NOT NULL CHECK (length_m >= 0),
        note TEXT NOT NULL DEFAULT ''
      ) STRICT;
      CREATE INDEX ditch_live ON ditch(township_id, kind) WHERE deleted_at IS NULL;
      CREATE INDEX ditch_village ON ditch(township_id, village) WHERE deleted_at IS NULL;

      CREATE TABLE culvert (${common},
        ditch_id TEXT REFERENCES ditch(id),
        village TEXT NOT NULL DEFAULT '',
        diameter_m REAL, length_m REAL, barrels INTEGER NOT NULL DEFAULT 1 CHECK (barrels >= 1),
        material TEXT NOT NULL DEFAULT '',
        laid_date TEXT,
        note TEXT NOT NULL DEFAULT ''
      ) STRICT;
      CREATE INDEX culvert_live ON culvert(township_id) WHERE deleted_at IS NULL;

      CREATE TABLE blockage (${common},
        ditch_id TEXT REFERENCES ditch(id),
        culvert_id TEXT REFERENCES culvert(id),
        village TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL DEFAULT 'reported'
          CHECK (status IN ('reported','assigned','in_progress','cleared','verified','rejected')),
        reported_at TEXT NOT NULL,
        note TEXT NOT NULL DEFAULT ''
      ) STRICT;
      CREATE INDEX blockage_status ON blockage(township_id, status) WHERE deleted_at IS NULL;

      CREATE TABLE blockage_event (
        id TEXT PRIMARY KEY,
        township_id TEXT NOT NULL REFERENCES township(id),
        blockage_id TEXT NOT NULL REFERENCES blockage(id),
        at TEXT NOT NULL,
        actor TEXT NOT NULL DEFAULT '',
        source TEXT NOT NULL CHECK (source IN ('desk','field','import','demo','cli')),
        from_status TEXT,
        to_status TEXT,
        note TEXT NOT NULL DEFAULT '',
        photo TEXT,
        lon REAL, lat REAL,
        client_id TEXT UNIQUE,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX blockage_event_by_blockage ON blockage_event(blockage_id, at);
      CREATE INDEX blockage_event_by_day ON blockage_event(township_id, at);

      CREATE TABLE area (${common},
        kind TEXT NOT NULL CHECK (kind IN ('village','field_block','catchment')),
        area_m2 REAL NOT NULL CHECK (area_m2 >= 0),
        runoff_coefficient REAL CHECK (runoff_coefficient IS NULL OR (runoff_coefficient >= 0 AND runoff_coefficient <= 1)),
        curve_number REAL CHECK (curve_number IS NULL OR (curve_number > 0 AND curve_number <= 100)),
        note TEXT NOT NULL DEFAULT ''
      ) STRICT;
      CREATE INDEX area_live ON area(township_id, kind) WHERE deleted_at IS NULL;

      -- R*Tree ids must be integers that never change (rowids of ordinary tables may after VACUUM).
      CREATE TABLE geo_feature (
        gid INTEGER PRIMARY KEY,
        layer TEXT NOT NULL,
        feature_id TEXT NOT NULL UNIQUE
      ) STRICT;
      CREATE VIRTUAL TABLE geo_rtree USING rtree(gid, min_lon, max_lon, min_lat, max_lat);
      ${rtreeTriggers('ditch')}
      ${rtreeTriggers('culvert')}
      ${rtreeTriggers('blockage')}
      ${rtreeTriggers('area')}

      CREATE TABLE network_change (
        id TEXT PRIMARY KEY,
        township_id TEXT NOT NULL REFERENCES township(id),
        batch_id TEXT NOT NULL,
        layer TEXT NOT NULL CHECK (layer IN ('ditch','culvert','blockage','area')),
        feature_id TEXT NOT NULL,
        action TEXT NOT NULL CHECK (action IN ('create','update','delete','import','undo')),
        before_json TEXT,
        after_json TEXT,
        source TEXT NOT NULL,
        at TEXT NOT NULL,
        undone_at TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX network_change_by_batch ON network_change(township_id, batch_id);
    `);
  },
};
