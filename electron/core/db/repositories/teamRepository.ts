import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { ChangeFeed, type WriteMeta } from '../feed/changeFeed';

/** A team as stored. */
export interface TeamDbRow {
  id: string;
  township_id: string;
  name: string;
  leader: string;
  phone: string;
  excavators: number;
  long_arm_excavators: number;
  dump_trucks: number;
  pumps: number;
  note: string;
  source: string;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

/** A phone token as stored (the secret itself is never stored, only its SHA-256). */
export interface TokenDbRow {
  id: string;
  township_id: string;
  team_id: string;
  token_hash: string;
  hint: string;
  label: string;
  source: string;
  last_used_at: string | null;
  revoked_at: string | null;
  created_at: string;
  updated_at: string;
}

const TEAM_COLUMNS = ['id', 'township_id', 'name', 'leader', 'phone', 'excavators', 'long_arm_excavators', 'dump_trucks', 'pumps', 'note', 'source', 'created_at', 'updated_at', 'deleted_at'] as const;

/** Field teams of one township and their phone tokens; every write goes through the change feed. */
export class TeamRepository {
  private readonly feed: ChangeFeed;

  constructor(
    private readonly db: Database,
    private readonly townshipId: string,
  ) {
    this.feed = new ChangeFeed(db, townshipId);
  }

  /** Live teams with how many open blockages and live tokens each has. */
  list(): (TeamDbRow & { open_blockages: number; active_tokens: number })[] {
    return this.db
      .prepare(
        `SELECT t.*,
           (SELECT count(*) FROM blockage b WHERE b.team_id = t.id AND b.deleted_at IS NULL AND b.status IN ('assigned','in_progress')) AS open_blockages,
           (SELECT count(*) FROM team_token k WHERE k.team_id = t.id AND k.revoked_at IS NULL) AS active_tokens
         FROM team t WHERE t.township_id = ? AND t.deleted_at IS NULL ORDER BY t.name COLLATE NOCASE`,
      )
      .all(this.townshipId) as never;
  }

  get(id: string): TeamDbRow | undefined {
    return this.db.prepare('SELECT * FROM team WHERE id = ? AND township_id = ?').get(id, this.townshipId) as TeamDbRow | undefined;
  }

  /** The live team of this name. */
  byName(name: string): TeamDbRow | undefined {
    return this.db.prepare('SELECT * FROM team WHERE township_id = ? AND name = ? AND deleted_at IS NULL').get(this.townshipId, name) as TeamDbRow | undefined;
  }

  insert(row: TeamDbRow, meta: WriteMeta): void {
    this.feed.write('team', row.id, meta, () =>
      this.db.prepare(`INSERT INTO team (${TEAM_COLUMNS.join(', ')}) VALUES (${TEAM_COLUMNS.map((c) => `@${c}`).join(', ')})`).run(row),
    );
  }

  /** Overwrite a team's row (edits and soft deletes). */
  write(row: TeamDbRow, meta: WriteMeta): void {
    const cols = TEAM_COLUMNS.filter((c) => c !== 'id' && c !== 'township_id' && c !== 'created_at');
    this.feed.write('team', row.id, meta, () =>
      this.db.prepare(`UPDATE team SET ${cols.map((c) => `${c} = @${c}`).join(', ')} WHERE id = @id AND township_id = @township_id`).run(row),
    );
  }

  openBlockageCount(teamId: string): number {
    return (
      this.db
        .prepare(`SELECT count(*) AS n FROM blockage WHERE team_id = ? AND deleted_at IS NULL AND status IN ('assigned','in_progress')`)
        .get(teamId) as { n: number }
    ).n;
  }

  /** Each live team's newest field position (an event it sent with GPS), for the dispatch planner. */
  lastFieldPositions(): { team_id: string; lon: number; lat: number; at: string }[] {
    return this.db
      .prepare(
        `SELECT e.team_id, e.lon, e.lat, e.at FROM blockage_event e
         JOIN (SELECT team_id, max(seq) AS seq FROM blockage_event
               WHERE township_id = ? AND source = 'field' AND team_id IS NOT NULL AND lon IS NOT NULL AND lat IS NOT NULL GROUP BY team_id) last
           ON last.seq = e.seq
         JOIN team t ON t.id = e.team_id AND t.deleted_at IS NULL`,
      )
      .all(this.townshipId) as never;
  }

  insertToken(row: TokenDbRow, meta: WriteMeta): void {
    this.feed.write('team_token', row.id, meta, () => this.db
      .prepare(
        `INSERT INTO team_token (id, township_id, team_id, token_hash, hint, label, source, last_used_at, revoked_at, created_at, updated_at)
         VALUES (@id, @township_id, @team_id, @token_hash, @hint, @label, @source, @last_used_at, @revoked_at, @created_at, @updated_at)`,
      )
      .run(row));
  }

  tokenByHash(hash: string): TokenDbRow | undefined {
    return this.db.prepare('SELECT * FROM team_token WHERE token_hash = ? AND township_id = ?').get(hash, this.townshipId) as TokenDbRow | undefined;
  }

  token(id: string): TokenDbRow | undefined {
    return this.db.prepare('SELECT * FROM team_token WHERE id = ? AND township_id = ?').get(id, this.townshipId) as TokenDbRow | undefined;
  }

  tokens(opts: { teamId?: string; includeRevoked?: boolean }): (TokenDbRow & { team_name: string })[] {
    const where = ['k.township_id = ?', 't.deleted_at IS NULL'];
    const args: unknown[] = [this.townshipId];
    if (opts.teamId) {
      where.push('k.team_id = ?');
      args.push(opts.teamId);
    }
    if (!opts.includeRevoked) where.push('k.revoked_at IS NULL');
    return this.db
      .prepare(`SELECT k.*, t.name AS team_name FROM team_token k JOIN team t ON t.id = k.team_id WHERE ${where.join(' AND ')} ORDER BY k.created_at DESC`)
      .all(...args) as never;
  }

  revokeToken(id: string, meta: WriteMeta): void {
    this.feed.write('team_token', id, meta, () =>
      this.db.prepare('UPDATE team_token SET revoked_at = ?, updated_at = ? WHERE id = ? AND township_id = ? AND revoked_at IS NULL').run(meta.at, meta.at, id, this.townshipId),
    );
  }

  /** Revoke every live token of a team (one feed entry each). */
  revokeTeamTokens(teamId: string, meta: WriteMeta): void {
    const ids = this.db.prepare('SELECT id FROM team_token WHERE team_id = ? AND township_id = ? AND revoked_at IS NULL').all(teamId, this.townshipId) as { id: string }[];
    for (const { id } of ids) this.revokeToken(id, meta);
  }

  /** Note when a phone last used its token (the caller limits this to once a minute). */
  touchToken(id: string, at: string): void {
    this.feed.write('team_token', id, { batchId: randomUUID(), source: 'field', at, action: 'used' }, () =>
      this.db.prepare('UPDATE team_token SET last_used_at = ?, updated_at = ? WHERE id = ?').run(at, at, id),
    );
  }
}
