import type { Migration } from './types';

const stamps = `
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL`;

const source = `source TEXT NOT NULL CHECK (source IN ('desk','field','import','demo','cli'))`;

/** An append-only change log: one row per changed record, a batch per save (undo reverts a batch). */
function changeTable(name: string, entities: string): string {
  return `
  CREATE TABLE ${name} (
    id TEXT PRIMARY KEY,
    township_id TEXT NOT NULL REFERENCES township(id),
    batch_id TEXT NOT NULL,
    entity TEXT NOT NULL CHECK (entity IN (${entities})),
    entity_id TEXT NOT NULL,
    action TEXT NOT NULL CHECK (action IN ('create','update','delete','undo','import','set')),
    before_json TEXT,
    after_json TEXT,
    ${source},
    at TEXT NOT NULL,${stamps}
  ) STRICT;
  CREATE INDEX ${name}_by_batch ON ${name}(township_id, batch_id);`;
}

/**
 * Daily deployments of people and machines with the work they did (issue 4), rainfall stations,
 * daily readings and last year's baseline series, the few options these areas keep (village list,
 * rated pump flow, how the township's daily rainfall is formed), and a change log for each area.
 */
export const migration0003: Migration = {
  version: 3,
  name: 'deployments-rainfall',
  up(db) {
    db.exec(`
      CREATE TABLE work_option (
        township_id TEXT NOT NULL REFERENCES township(id),
        key TEXT NOT NULL,
        value_json TEXT NOT NULL,${stamps},
        PRIMARY KEY (township_id, key)
      ) STRICT;

      CREATE TABLE deployment (
        id TEXT PRIMARY KEY,
        township_id TEXT NOT NULL REFERENCES township(id),
        date TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
        seq INTEGER NOT NULL DEFAULT 0,
        place_kind TEXT NOT NULL CHECK (place_kind IN ('village','site','blockage')),
        place TEXT NOT NULL,
        blockage_id TEXT REFERENCES blockage(id),
        task TEXT NOT NULL CHECK (task IN ('pump','guide','dig','clear','culvert','patrol')),
        people INTEGER NOT NULL DEFAULT 0 CHECK (people >= 0),
        excavators INTEGER NOT NULL DEFAULT 0 CHECK (excavators >= 0),
        long_arm_excavators INTEGER NOT NULL DEFAULT 0 CHECK (long_arm_excavators >= 0),
        dump_trucks INTEGER NOT NULL DEFAULT 0 CHECK (dump_trucks >= 0),
        pumps INTEGER NOT NULL DEFAULT 0 CHECK (pumps >= 0),
        hours REAL NOT NULL DEFAULT 0 CHECK (hours >= 0 AND hours <= 24),
        culverts_laid INTEGER NOT NULL DEFAULT 0 CHECK (culverts_laid >= 0),
        culvert_m REAL NOT NULL DEFAULT 0 CHECK (culvert_m >= 0),
        field_ditch_m REAL NOT NULL DEFAULT 0 CHECK (field_ditch_m >= 0),
        cleared_ditch_m REAL NOT NULL DEFAULT 0 CHECK (cleared_ditch_m >= 0),
        pumped_m3 REAL CHECK (pumped_m3 IS NULL OR pumped_m3 >= 0),
        note TEXT NOT NULL DEFAULT '',
        ${source},${stamps},
        deleted_at TEXT,
        CHECK ((place_kind = 'blockage') = (blockage_id IS NOT NULL))
      ) STRICT;
      CREATE INDEX deployment_by_day ON deployment(township_id, date) WHERE deleted_at IS NULL;
      ${changeTable('deployment_change', "'deployment','option'")}

      CREATE TABLE rain_station (
        id TEXT PRIMARY KEY,
        township_id TEXT NOT NULL REFERENCES township(id),
        name TEXT NOT NULL CHECK (length(name) > 0),
        lon REAL CHECK (lon IS NULL OR (lon >= -180 AND lon <= 180)),
        lat REAL CHECK (lat IS NULL OR (lat >= -90 AND lat <= 90)),
        ${source},${stamps},
        deleted_at TEXT
      ) STRICT;
      CREATE UNIQUE INDEX rain_station_name ON rain_station(township_id, name) WHERE deleted_at IS NULL;

      CREATE TABLE rain_reading (
        id TEXT PRIMARY KEY,
        township_id TEXT NOT NULL REFERENCES township(id),
        station_id TEXT NOT NULL REFERENCES rain_station(id),
        date TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
        mm REAL NOT NULL CHECK (mm >= 0 AND mm <= 1000),
        ${source},${stamps},
        deleted_at TEXT
      ) STRICT;
      CREATE UNIQUE INDEX rain_reading_live ON rain_reading(station_id, date) WHERE deleted_at IS NULL;
      CREATE INDEX rain_reading_by_day ON rain_reading(township_id, date) WHERE deleted_at IS NULL;

      -- Last year's township daily rainfall, stored on last year's dates.
      CREATE TABLE rain_baseline (
        id TEXT PRIMARY KEY,
        township_id TEXT NOT NULL REFERENCES township(id),
        date TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
        mm REAL NOT NULL CHECK (mm >= 0 AND mm <= 1000),
        ${source},${stamps},
        deleted_at TEXT
      ) STRICT;
      CREATE UNIQUE INDEX rain_baseline_live ON rain_baseline(township_id, date) WHERE deleted_at IS NULL;

      CREATE TABLE rain_import (
        id TEXT PRIMARY KEY,
        township_id TEXT NOT NULL REFERENCES township(id),
        kind TEXT NOT NULL CHECK (kind IN ('readings','baseline')),
        file_name TEXT NOT NULL,
        format TEXT NOT NULL,
        encoding TEXT NOT NULL,
        rows_imported INTEGER NOT NULL,
        skipped_rows_json TEXT NOT NULL,
        imported_at TEXT NOT NULL,${stamps}
      ) STRICT;
      ${changeTable('rain_change', "'station','reading','baseline','option'")}
    `);
  },
};
