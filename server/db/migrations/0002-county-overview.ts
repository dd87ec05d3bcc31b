import type { ServerMigration } from './types';

/**
 * The county map's overview: at zooms where a county's ditches are sub-pixel, tiles read each
 * cell's ditches merged per township, kind and condition and snapped to the zoom's pixel grid
 * (`replica_feature_overview`, built by `OverviewRepository`), never a million single lines.
 * Triggers on `replica_feature` mark the cells a write touches stale in the same transaction as
 * the write (a sync's merge, a bulk load), so the next tile fetch rebuilds them first.
 */
export const migration0002: ServerMigration = {
  version: 2,
  name: '0002-county-overview',
  async up(c) {
    await c.query(`
      -- A cell is the zoom-12 Web Mercator tile holding a feature's south-west bounding-box corner
      -- (x * 4096 + y): small enough that rebuilding one after an edit is quick.
      CREATE FUNCTION overview_cell(g geometry) RETURNS bigint LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT floor((ST_XMin(g) + 20037508.342789244) / 9783.939620502294)::bigint * 4096
             + floor((ST_YMin(g) + 20037508.342789244) / 9783.939620502294)::bigint
      $$;

      CREATE TABLE replica_feature_overview (
        level smallint NOT NULL,
        cell bigint NOT NULL,
        township_id text NOT NULL REFERENCES township(id) ON UPDATE CASCADE,
        kind text NOT NULL,
        status text NOT NULL,
        ditches integer NOT NULL,
        geom_3857 geometry(Geometry, 3857) NOT NULL,
        PRIMARY KEY (level, cell, township_id, kind, status)
      );
      CREATE INDEX replica_feature_overview_geom ON replica_feature_overview USING gist (geom_3857);
      CREATE INDEX replica_feature_overview_cell ON replica_feature_overview (cell);

      CREATE TABLE replica_feature_overview_stale (cell bigint PRIMARY KEY);

      -- What an overview tile still reads from replica_feature, one by one: blocked ditches and
      -- points/areas. Without these a whole-county tile walks the GiST index over every ditch.
      CREATE INDEX replica_feature_blocked_geom ON replica_feature USING gist (geom_3857) WHERE layer = 'ditch' AND status = 'blocked';
      CREATE INDEX replica_feature_point_geom ON replica_feature USING gist (geom_3857) WHERE layer <> 'ditch';

      CREATE FUNCTION replica_feature_overview_mark() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP IN ('INSERT', 'UPDATE') THEN
          INSERT INTO replica_feature_overview_stale (cell)
            SELECT DISTINCT overview_cell(geom_3857) FROM new_rows WHERE layer = 'ditch' ON CONFLICT DO NOTHING;
        END IF;
        IF TG_OP IN ('UPDATE', 'DELETE') THEN
          INSERT INTO replica_feature_overview_stale (cell)
            SELECT DISTINCT overview_cell(geom_3857) FROM old_rows WHERE layer = 'ditch' ON CONFLICT DO NOTHING;
        END IF;
        RETURN NULL;
      END $$;
      CREATE TRIGGER replica_feature_overview_insert AFTER INSERT ON replica_feature
        REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION replica_feature_overview_mark();
      CREATE TRIGGER replica_feature_overview_update AFTER UPDATE ON replica_feature
        REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION replica_feature_overview_mark();
      CREATE TRIGGER replica_feature_overview_delete AFTER DELETE ON replica_feature
        REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION replica_feature_overview_mark();

      -- Whatever is already replicated is built on the first tile fetch.
      INSERT INTO replica_feature_overview_stale (cell)
        SELECT DISTINCT overview_cell(geom_3857) FROM replica_feature WHERE layer = 'ditch';
    `);
  },
};
