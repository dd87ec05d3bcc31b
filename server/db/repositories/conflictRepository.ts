import type pg from 'pg';
import type { SyncConflictRow } from '../../../shared/contract/sync';

type Db = pg.PoolClient | pg.Pool;

/** Losing versions of parallel edits, kept for review (never dropped). */
export class ConflictRepository {
  constructor(private readonly db: Db) {}

  async insert(rows: readonly SyncConflictRow[]): Promise<void> {
    if (rows.length === 0) return;
    await this.db.query(
      `INSERT INTO sync_conflict (id, township_id, table_name, row_id, losing_change_id, losing_hlc, losing_origin, losing_row,
         winning_change_id, winning_hlc, winning_origin, winning_row, base_hlc, created_at)
       SELECT id, township_id, table_name, row_id, losing_change_id, losing_hlc, losing_origin, losing_row,
         winning_change_id, winning_hlc, winning_origin, winning_row, base_hlc, created_at
       FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, township_id text, table_name text, row_id text, losing_change_id uuid,
         losing_hlc text, losing_origin text, losing_row jsonb, winning_change_id uuid, winning_hlc text, winning_origin text,
         winning_row jsonb, base_hlc text, created_at timestamptz)`,
      [JSON.stringify(rows)],
    );
  }

  async list(townshipId: string): Promise<SyncConflictRow[]> {
    const r = await this.db.query(
      `SELECT id, township_id, table_name, row_id, losing_change_id, losing_hlc, losing_origin, losing_row, winning_change_id,
         winning_hlc, winning_origin, winning_row, base_hlc, to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS created_at
       FROM sync_conflict WHERE township_id = $1 ORDER BY created_at, id`,
      [townshipId],
    );
    return r.rows;
  }
}
