import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';

/** This desk's enrolment with a county server and where its sync stands. */
export interface SyncLink {
  id: string;
  townshipId: string;
  serverUrl: string;
  /** The address the server gave for phones and people (null: the server named none; use serverUrl). */
  publicUrl: string | null;
  key: string;
  caFile: string | null;
  enrolledAt: string;
  /** The last local feed sequence number the server acknowledged (everything up to it is pushed). */
  pushAckSeq: number;
  /** The server's cursor: everything up to it is pulled and applied. */
  pullCursor: string;
  lastSyncAt: string | null;
  lastRoundJson: string | null;
}

interface LinkRow {
  id: string;
  township_id: string;
  server_url: string;
  public_url: string | null;
  sync_key: string;
  ca_file: string | null;
  enrolled_at: string;
  push_ack_seq: number;
  pull_cursor: string;
  last_sync_at: string | null;
  last_round_json: string | null;
}

/**
 * The one sync_state row. Deliberately outside the change feed: the key and the cursors describe
 * this PC's connection, not township data, and must never travel to the server or another desk.
 */
export class SyncStateRepository {
  constructor(private readonly db: Database) {}

  /** The enrolment, or null when this desk is not enrolled. */
  get(): SyncLink | null {
    const row = this.db.prepare('SELECT * FROM sync_state WHERE singleton = 1').get() as LinkRow | undefined;
    if (!row) return null;
    return {
      id: row.id,
      townshipId: row.township_id,
      serverUrl: row.server_url,
      publicUrl: row.public_url,
      key: row.sync_key,
      caFile: row.ca_file,
      enrolledAt: row.enrolled_at,
      pushAckSeq: row.push_ack_seq,
      pullCursor: row.pull_cursor,
      lastSyncAt: row.last_sync_at,
      lastRoundJson: row.last_round_json,
    };
  }

  /**
   * Save a new enrolment (or a re-key). A re-key for the same server and township keeps the ack and
   * the cursor: nothing needs pushing or pulling again. Otherwise both start over (push and pull
   * are idempotent by change id, so starting over repeats work but never doubles data).
   */
  enrol(link: { townshipId: string; serverUrl: string; publicUrl?: string | null; key: string; caFile: string | null; at: string }): void {
    const current = this.get();
    const keep = current && current.serverUrl === link.serverUrl && current.townshipId === link.townshipId;
    this.db
      .prepare(
        `INSERT INTO sync_state (id, township_id, server_url, public_url, sync_key, ca_file, enrolled_at, push_ack_seq, pull_cursor, last_sync_at, created_at, updated_at)
         VALUES (@id, @townshipId, @serverUrl, @publicUrl, @key, @caFile, @at, @ack, @cursor, @lastSync, @at, @at)
         ON CONFLICT (singleton) DO UPDATE SET township_id = excluded.township_id, server_url = excluded.server_url, public_url = excluded.public_url,
           sync_key = excluded.sync_key, ca_file = excluded.ca_file, enrolled_at = excluded.enrolled_at,
           push_ack_seq = excluded.push_ack_seq, pull_cursor = excluded.pull_cursor, last_sync_at = excluded.last_sync_at,
           updated_at = excluded.updated_at`,
      )
      .run({
        id: current?.id ?? randomUUID(),
        ...link,
        publicUrl: link.publicUrl ?? null,
        ack: keep ? current.pushAckSeq : 0,
        cursor: keep ? current.pullCursor : '',
        lastSync: keep ? current.lastSyncAt : null,
      });
  }

  /** Forget the enrolment (disconnect); local data is untouched. */
  remove(): void {
    this.db.prepare('DELETE FROM sync_state').run();
  }

  /** The server acknowledged everything up to this local sequence number. */
  saveAck(seq: number, at: string): void {
    this.db.prepare('UPDATE sync_state SET push_ack_seq = max(push_ack_seq, ?), updated_at = ? WHERE singleton = 1').run(seq, at);
  }

  /** Everything up to this server cursor is applied; call inside the transaction that applied it. */
  saveCursor(cursor: string, at: string): void {
    this.db.prepare('UPDATE sync_state SET pull_cursor = ?, updated_at = ? WHERE singleton = 1').run(cursor, at);
  }

  /** A round finished: when, and what went each way. */
  saveRound(at: string, roundJson: string): void {
    this.db.prepare('UPDATE sync_state SET last_sync_at = ?, last_round_json = ?, updated_at = ? WHERE singleton = 1').run(at, roundJson, at);
  }

  /**
   * Changes made on this desk for this township after `afterSeq` (what 待上传 counts). Reads the
   * change feed's own table: pulled entries carry another origin and are not counted.
   */
  pendingChanges(afterSeq: number, origin: string, townshipId: string, exceptTables: readonly string[] = []): number {
    const except = exceptTables.length ? `AND table_name NOT IN (${exceptTables.map(() => '?').join(', ')})` : '';
    return (
      this.db
        .prepare(`SELECT count(*) AS n FROM change_feed WHERE seq > ? AND syncable = 1 AND origin = ? AND township_id = ? ${except}`)
        .get(afterSeq, origin, townshipId, ...exceptTables) as { n: number }
    ).n;
  }
}
