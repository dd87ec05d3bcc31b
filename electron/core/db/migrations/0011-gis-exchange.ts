import type { Migration } from './types';

const LAYER_TABLES = ['ditch', 'culvert', 'blockage', 'area'] as const;
const OLD_CHECK = "crs TEXT NOT NULL CHECK (crs IN ('wgs84','gcj02','bd09'))";
const NEW_CHECK = "crs TEXT NOT NULL CHECK (crs IN ('wgs84','gcj02','bd09') OR crs GLOB 'EPSG:[0-9]*')";

/**
 * GIS exchange (issue 14).
 *
 * - import_batch.crs also takes EPSG codes ("EPSG:4529"): files in CGCS2000 Gauss-Krüger, Xian 1980,
 *   Beijing 1954, UTM or Web Mercator. The CHECK is widened in place, as SQLite documents for
 *   loosening a constraint (writable_schema + schema_version bump): rebuilding the table is not
 *   possible inside the migration transaction because every layer table references it and
 *   foreign keys cannot be switched off mid-transaction. Every existing row satisfies the new
 *   CHECK, so no data needs checking; the test runs integrity_check.
 * - Each layer table gets `attributes`, a JSON object of the file's fields that have no column of
 *   ours (NAME_CN variants, 管理单位, 备注 of a ditch…), so nothing a file carries is dropped and an
 *   export writes them back.
 */
export const migration0011: Migration = {
  version: 11,
  name: 'gis-exchange',
  up(db) {
    for (const table of LAYER_TABLES) {
      db.exec(`ALTER TABLE ${table} ADD COLUMN attributes TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(attributes) AND json_type(attributes) = 'object')`);
    }
    const row = db.prepare("SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = 'import_batch'").get() as { sql: string };
    if (!row.sql.includes(OLD_CHECK)) throw new Error('import_batch is not in the shape the gis-exchange migration expects');
    const version = db.pragma('schema_version', { simple: true }) as number;
    db.unsafeMode(true);
    try {
      db.pragma('writable_schema = ON');
      db.prepare("UPDATE sqlite_schema SET sql = ? WHERE type = 'table' AND name = 'import_batch'").run(row.sql.replace(OLD_CHECK, NEW_CHECK));
      db.pragma(`schema_version = ${version + 1}`);
      db.pragma('writable_schema = OFF');
    } finally {
      db.unsafeMode(false);
    }
  },
};
