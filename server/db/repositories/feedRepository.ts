import type pg from 'pg';
import type { ChangeEntry } from '../../../shared/contract/changeFeed';
import type { DitchRow } from '../../../electron/core/services/capacity/load';
import type { RowVersion } from '../../sync/merge';

type Db = pg.PoolClient | pg.Pool;

const FEED_COLUMNS = `change_id uuid, township_id text, table_name text, row_id text, op text, row jsonb, hlc text,
  base_hlc text, origin text, batch_id text, source text, at text`;

function toRecord(e: ChangeEntry) {
  return {
    change_id: e.changeId, township_id: e.townshipId, table_name: e.table, row_id: e.rowId, op: e.op, row: e.row,
    hlc: e.hlc, base_hlc: e.baseHlc, origin: e.origin, batch_id: e.batchId, source: e.source, at: e.at,
  };
}

interface FeedRow {
  seq: string;
  change_id: string;
  township_id: string;
  table_name: string;
  row_id: string;
  op: ChangeEntry['op'];
  row: Record<string, unknown> | null;
  hlc: string;
  base_hlc: string | null;
  origin: string;
  batch_id: string;
  source: string;
  at: string;
}

function toEntry(r: FeedRow): ChangeEntry {
  return {
    changeId: r.change_id, townshipId: r.township_id, table: r.table_name, rowId: r.row_id, op: r.op, row: r.row,
    hlc: r.hlc, baseHlc: r.base_hlc, origin: r.origin, batchId: r.batch_id, source: r.source, at: r.at,
  };
}

/** A replica row's live version, as a projection loads it. */
export interface ReplicaRowVersion {
  table_name: string;
  row_id: string;
  row: Record<string, unknown>;
  hlc: string;
  change_id: string;
  origin: string;
  updated_at: string;
}

/** The server's feed (every entry every origin sent, in arrival order) and the replica it merges into. */
export class FeedRepository {
  constructor(private readonly db: Db) {}

  /** Which of these change ids the feed has already. */
  async known(changeIds: readonly string[]): Promise<Set<string>> {
    if (changeIds.length === 0) return new Set();
    const r = await this.db.query('SELECT change_id FROM feed_entry WHERE change_id = ANY($1::uuid[])', [changeIds]);
    return new Set(r.rows.map((x: { change_id: string }) => x.change_id));
  }

  /**
   * Append entries to the feed in order and write those marked `apply` (the winning version of
   * their row) into the replica, in one statement: the batch's JSON is parsed once. Answers how
   * many were appended (an entry the feed had is skipped).
   */
  async appendAndApply(townshipId: string, entries: readonly { entry: ChangeEntry; apply: boolean }[]): Promise<number> {
    if (entries.length === 0) return 0;
    const r = await this.db.query(
      `WITH input AS MATERIALIZED (
         SELECT a.ord, x.* FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY AS a(j, ord), jsonb_to_record(a.j) AS x(${FEED_COLUMNS}, apply boolean)
       ),
       appended AS (
         INSERT INTO feed_entry (change_id, township_id, table_name, row_id, op, row, hlc, base_hlc, origin, batch_id, source, at)
         SELECT change_id, township_id, table_name, row_id, op, row, hlc, base_hlc, origin, batch_id, source, at FROM input ORDER BY ord
         ON CONFLICT (change_id) DO NOTHING RETURNING 1
       ),
       applied AS (
         INSERT INTO replica_row (township_id, table_name, row_id, row, hlc, base_hlc, change_id, origin)
         SELECT $1, table_name, row_id, row, hlc, base_hlc, change_id, origin FROM input WHERE apply
         ON CONFLICT (township_id, table_name, row_id) DO UPDATE SET row = EXCLUDED.row, hlc = EXCLUDED.hlc,
           base_hlc = EXCLUDED.base_hlc, change_id = EXCLUDED.change_id, origin = EXCLUDED.origin, updated_at = now()
         RETURNING 1
       )
       SELECT (SELECT count(*) FROM appended) AS appended, (SELECT count(*) FROM applied) AS applied`,
      [townshipId, JSON.stringify(entries.map((x) => ({ ...toRecord(x.entry), apply: x.apply })))],
    );
    return Number(r.rows[0].appended);
  }

  /** Entries of a township after `since` in the server's order, at most `limit` (+1 to tell whether more wait). */
  async after(townshipId: string, since: bigint, limit: number): Promise<{ entries: ChangeEntry[]; lastSeq: string | null; more: boolean }> {
    const r = await this.db.query<FeedRow>(
      `SELECT seq, change_id, township_id, table_name, row_id, op, row, hlc, base_hlc, origin, batch_id, source, at
       FROM feed_entry WHERE township_id = $1 AND seq > $2 ORDER BY seq LIMIT $3`,
      [townshipId, since.toString(), limit + 1],
    );
    const rows = r.rows.slice(0, limit);
    return { entries: rows.map(toEntry), lastSeq: rows.length ? rows[rows.length - 1]!.seq : null, more: r.rows.length > limit };
  }

  /** The replica's current versions of these rows, locked until the transaction ends. */
  async currentVersions(townshipId: string, keys: readonly { table: string; rowId: string }[]): Promise<Map<string, RowVersion>> {
    const r = await this.db.query(
      // LATERAL: one primary-key lookup per key, whatever the planner thinks of the table's size
      // (a hash join over the whole replica grew with every batch of an initial sync).
      `SELECT r.table_name, r.row_id, r.row, r.hlc, r.base_hlc, r.change_id, r.origin
       FROM unnest($2::text[], $3::text[]) AS k(table_name, row_id)
       CROSS JOIN LATERAL (SELECT * FROM replica_row x WHERE x.township_id = $1 AND x.table_name = k.table_name AND x.row_id = k.row_id FOR UPDATE) r
       ORDER BY r.table_name, r.row_id`,
      [townshipId, keys.map((k) => k.table), keys.map((k) => k.rowId)],
    );
    return new Map(
      r.rows.map((x) => [
        replicaKey(x.table_name, x.row_id),
        { changeId: x.change_id, hlc: x.hlc, baseHlc: x.base_hlc, origin: x.origin, row: x.row } satisfies RowVersion,
      ]),
    );
  }

  /** The live ditches' section columns (what the capacity code reads), without their geometry. */
  async ditchSections(townshipId: string): Promise<DitchRow[]> {
    const num = (c: string) => `(row->>'${c}')::double precision AS ${c}`;
    const r = await this.db.query(
      `SELECT row_id AS id, coalesce(row->>'name', '') AS name, row->>'kind' AS kind, coalesce(row->>'village', '') AS village,
         ${['bottom_width_m', 'depth_m', 'side_slope', 'manning_n', 'slope'].map(num).join(', ')},
         coalesce(row->>'condition', 'clear') AS condition, coalesce(row->>'work', 'existing') AS work, coalesce((row->>'length_m')::double precision, 0) AS length_m
       FROM replica_row WHERE township_id = $1 AND table_name = 'ditch' AND row IS NOT NULL AND row->>'deleted_at' IS NULL`,
      [townshipId],
    );
    return r.rows.map((x) => ({ ...x, coords: [] }));
  }

  /** Every live row of these tables of the township with its clock, for a projection. */
  async liveRows(townshipId: string, tables: readonly string[]): Promise<ReplicaRowVersion[]> {
    const r = await this.db.query(
      `SELECT table_name, row_id, row, hlc, change_id, origin, updated_at FROM replica_row
       WHERE township_id = $1 AND row IS NOT NULL AND table_name = ANY($2::text[])`,
      [townshipId, tables],
    );
    return r.rows.map((x: ReplicaRowVersion & { updated_at: Date | string }) => ({ ...x, updated_at: new Date(x.updated_at).toISOString() }));
  }

  /** The newest feed position of a township ('0' for none): where a projection loaded now starts catching up. */
  async lastSeq(townshipId: string): Promise<bigint> {
    const r = await this.db.query('SELECT coalesce(max(seq), 0)::text AS s FROM feed_entry WHERE township_id = $1', [townshipId]);
    return BigInt(r.rows[0].s as string);
  }

  /** The township whose synced team tokens include this hash (revoked ones too: the phone is told why), or null. */
  async townshipOfTokenHash(hash: string): Promise<string | null> {
    const r = await this.db.query(
      `SELECT township_id FROM replica_row WHERE table_name = 'team_token' AND row IS NOT NULL AND row->>'token_hash' = $1 LIMIT 1`,
      [hash],
    );
    return (r.rows[0]?.township_id as string | undefined) ?? null;
  }
}

/** The key of a row in maps: table and id. */
export function replicaKey(table: string, rowId: string): string {
  return `${table}\u0000${rowId}`;
}
