/**
 * A GeoPackage of the network (OGC 12-128r18, version 1.3): one feature table per layer
 * (ditches, culverts, blockages, areas) in EPSG:4326, our id as `uuid`, our fields under our
 * names, kept file attributes under theirs. Built in an in-memory SQLite database and serialized,
 * so nothing touches the disk; QGIS and GDAL open it directly.
 */
import Database from 'better-sqlite3';
import { bboxOf } from '../../../../shared/geo/length';
import { layerTables } from './exportColumns';
import { writeGpkgGeometry } from './gpkgGeometry';
import { LAYERS } from './schema';
import type { NetworkLayer } from './types';
import type { NetworkFeature } from './types';

const TABLES: Record<NetworkLayer, { name: string; geometry: string }> = {
  ditch: { name: 'ditches', geometry: 'MULTILINESTRING' },
  culvert: { name: 'culverts', geometry: 'POINT' },
  blockage: { name: 'blockages', geometry: 'POINT' },
  area: { name: 'areas', geometry: 'MULTIPOLYGON' },
};

const WGS84_WKT = 'GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,AUTHORITY["EPSG","7030"]],AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AXIS["Latitude",NORTH],AXIS["Longitude",EAST],AUTHORITY["EPSG","4326"]]';

const q = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** The GeoPackage file's bytes. */
export function exportGpkg(features: readonly NetworkFeature[], at: string, sqliteBinding?: string): Uint8Array {
  const db = new Database(':memory:', sqliteBinding ? { nativeBinding: sqliteBinding } : {});
  try {
    db.pragma('application_id = 1196444487'); // "GPKG"
    db.pragma('user_version = 10300');
    db.exec(`
      CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY, organization TEXT NOT NULL, organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT);
      CREATE TABLE gpkg_contents (table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT UNIQUE, description TEXT DEFAULT '', last_change DATETIME NOT NULL, min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER REFERENCES gpkg_spatial_ref_sys(srs_id));
      CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL, geometry_type_name TEXT NOT NULL, srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL, PRIMARY KEY (table_name, column_name));
    `);
    const srs = db.prepare('INSERT INTO gpkg_spatial_ref_sys VALUES (?, ?, ?, ?, ?, ?)');
    srs.run('Undefined cartesian SRS', -1, 'NONE', -1, 'undefined', 'undefined cartesian coordinate reference system');
    srs.run('Undefined geographic SRS', 0, 'NONE', 0, 'undefined', 'undefined geographic coordinate reference system');
    srs.run('WGS 84 geodetic', 4326, 'EPSG', 4326, WGS84_WKT, 'longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid');
    db.transaction(() => {
      for (const table of layerTables(features, LAYERS)) {
        const t = TABLES[table.layer];
        const columns = ['uuid', ...table.fields, ...table.attributes];
        db.exec(`CREATE TABLE ${q(t.name)} (fid INTEGER PRIMARY KEY AUTOINCREMENT, geom ${t.geometry}, ${columns.map((c) => `${q(c)} ${c === 'uuid' ? 'TEXT' : ''}`.trim()).join(', ')})`);
        const insert = db.prepare(`INSERT INTO ${q(t.name)} (geom, ${columns.map(q).join(', ')}) VALUES (${['?', ...columns.map(() => '?')].join(', ')})`);
        const boxes: [number, number, number, number][] = [];
        for (const { feature, values } of table.rows) {
          const box = bboxOf(feature.geometry) ?? [0, 0, 0, 0];
          boxes.push(box);
          const g = feature.geometry;
          // Ditches may be one line or several; areas one polygon or several: one type per table.
          const geometry = g.type === 'LineString' ? { type: 'MultiLineString' as const, coordinates: [g.coordinates] } : g.type === 'Polygon' ? { type: 'MultiPolygon' as const, coordinates: [g.coordinates] } : g;
          insert.run(writeGpkgGeometry(geometry, 4326, box), feature.id, ...values);
        }
        const all = boxes.reduce((a, b) => [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])]);
        db.prepare('INSERT INTO gpkg_contents VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').run(t.name, 'features', t.name, '', at, all[0], all[1], all[2], all[3], 4326);
        db.prepare('INSERT INTO gpkg_geometry_columns VALUES (?, ?, ?, ?, 0, 0)').run(t.name, 'geom', t.geometry, 4326);
      }
    })();
    return new Uint8Array(db.serialize());
  } finally {
    db.close();
  }
}
