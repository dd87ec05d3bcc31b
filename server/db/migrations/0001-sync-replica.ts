import type { ServerMigration } from './types';

/** The desk tables the county views read, as typed views over the generic replica. */
const TYPED_VIEWS: Record<string, string> = {
  ditch: `row->>'name' AS name, row->>'kind' AS kind, row->>'village' AS village, row->>'condition' AS condition,
          row->>'work' AS work, (row->>'length_m')::double precision AS length_m`,
  culvert: `row->>'name' AS name, row->>'village' AS village, (row->>'diameter_m')::double precision AS diameter_m`,
  blockage: `row->>'name' AS name, row->>'village' AS village, row->>'status' AS status, row->>'reported_at' AS reported_at`,
  blockage_event: `row->>'blockage_id' AS blockage_id, row->>'at' AS at, row->>'from_status' AS from_status,
          row->>'to_status' AS to_status, row->>'photo' AS photo`,
  deployment: `row->>'date' AS date, row->>'place' AS place, row->>'task' AS task, (row->>'people')::integer AS people,
          (row->>'excavators')::integer AS excavators, (row->>'pumps')::integer AS pumps`,
  rain_station: `row->>'name' AS name`,
  rain_reading: `row->>'station_id' AS station_id, row->>'date' AS date, (row->>'mm')::double precision AS mm`,
  rain_baseline: `row->>'date' AS date, (row->>'mm')::double precision AS mm`,
  team: `row->>'name' AS name`,
  setting: `row->>'key' AS key, row->>'value_json' AS value_json`,
};

/**
 * Townships and their keys, the feed every township pushed (the order pulls follow), a generic
 * replica of every synced row with typed views on top, the network's geometry in PostGIS with GiST
 * indexes, conflicts, blobs and county viewer accounts.
 */
export const migration0001: ServerMigration = {
  version: 1,
  name: 'sync-replica',
  async up(c) {
    await c.query(`
      CREATE EXTENSION IF NOT EXISTS postgis;

      CREATE TABLE township (
        id text PRIMARY KEY,
        name text NOT NULL UNIQUE CHECK (name <> ''),
        enrolled_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );

      -- One-time codes: only their hash is kept; used_at set when a desk enrols with it.
      CREATE TABLE enrol_code (
        code_hash text PRIMARY KEY,
        township_id text NOT NULL REFERENCES township(id) ON UPDATE CASCADE ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        used_at timestamptz
      );

      CREATE TABLE sync_key (
        key_hash text PRIMARY KEY,
        township_id text NOT NULL REFERENCES township(id) ON UPDATE CASCADE ON DELETE CASCADE,
        installation_id text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz
      );
      CREATE INDEX sync_key_live ON sync_key(township_id) WHERE revoked_at IS NULL;

      -- Every entry every origin sent, in the order the server received them: pulls follow seq.
      CREATE TABLE feed_entry (
        seq bigserial PRIMARY KEY,
        change_id uuid NOT NULL UNIQUE,
        township_id text NOT NULL REFERENCES township(id) ON UPDATE CASCADE,
        table_name text NOT NULL,
        row_id text NOT NULL,
        op text NOT NULL CHECK (op IN ('insert','update','delete')),
        row jsonb,
        hlc text NOT NULL,
        base_hlc text,
        origin text NOT NULL,
        batch_id text NOT NULL,
        source text NOT NULL,
        at text NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX feed_entry_pull ON feed_entry(township_id, seq);

      -- The current version of every row (the last writer by clock); row NULL is a tombstone.
      CREATE TABLE replica_row (
        township_id text NOT NULL REFERENCES township(id) ON UPDATE CASCADE,
        table_name text NOT NULL,
        row_id text NOT NULL,
        row jsonb,
        hlc text NOT NULL,
        base_hlc text,
        change_id uuid NOT NULL,
        origin text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (township_id, table_name, row_id)
      );
      CREATE INDEX replica_row_table ON replica_row(table_name, township_id) WHERE row IS NOT NULL;

      -- Live network features with geometry, in PostGIS: WGS 84 for queries, Web Mercator for tiles.
      CREATE TABLE replica_feature (
        township_id text NOT NULL REFERENCES township(id) ON UPDATE CASCADE,
        layer text NOT NULL CHECK (layer IN ('ditch','culvert','blockage','area')),
        row_id text NOT NULL,
        kind text NOT NULL DEFAULT '',
        status text NOT NULL DEFAULT '',
        name text NOT NULL DEFAULT '',
        geom geometry(Geometry, 4326) NOT NULL,
        geom_3857 geometry(Geometry, 3857) NOT NULL,
        PRIMARY KEY (township_id, layer, row_id)
      );
      CREATE INDEX replica_feature_geom ON replica_feature USING gist (geom);
      CREATE INDEX replica_feature_geom_3857 ON replica_feature USING gist (geom_3857);

      CREATE TABLE sync_conflict (
        id uuid PRIMARY KEY,
        township_id text NOT NULL REFERENCES township(id) ON UPDATE CASCADE,
        table_name text NOT NULL,
        row_id text NOT NULL,
        losing_change_id uuid NOT NULL,
        losing_hlc text NOT NULL,
        losing_origin text NOT NULL,
        losing_row jsonb,
        winning_change_id uuid NOT NULL,
        winning_hlc text NOT NULL,
        winning_origin text NOT NULL,
        winning_row jsonb,
        base_hlc text,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX sync_conflict_row ON sync_conflict(township_id, table_name, row_id);

      -- Photos and issued sheet PDFs, by the SHA-256 of their bytes (so pg_dump backs them up too).
      CREATE TABLE blob (
        hash text PRIMARY KEY CHECK (hash ~ '^[0-9a-f]{64}$'),
        township_id text NOT NULL REFERENCES township(id) ON UPDATE CASCADE,
        bytes bytea NOT NULL,
        size integer NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE county_user (
        id uuid PRIMARY KEY,
        name text NOT NULL UNIQUE CHECK (name <> ''),
        password_hash text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE county_session (
        token_hash text PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES county_user(id) ON DELETE CASCADE,
        csrf_token text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL
      );
    `);
    for (const [table, columns] of Object.entries(TYPED_VIEWS)) {
      await c.query(`CREATE VIEW ${table}_replica AS
        SELECT township_id, row_id AS id, ${columns}, row, hlc FROM replica_row
        WHERE table_name = '${table}' AND row IS NOT NULL AND row->>'deleted_at' IS NULL`);
    }
  },
};
