import type { Database } from 'better-sqlite3';

export interface BlockageRef {
  id: string;
  name: string;
  village: string;
  status: string;
  reported_at: string;
  deleted_at: string | null;
}

export interface BlockageStatusEvent {
  blockage_id: string;
  at: string;
  from_status: string | null;
  to_status: string | null;
}

/**
 * Read-only look-ups into the network tables (migration 0002) that deployments and totals need:
 * village names and blockage points with their status events. The network area owns the writes.
 */
export class NetworkLookup {
  constructor(
    private readonly db: Database,
    private readonly townshipId: string,
  ) {}

  /** Village names the network knows: on ditches, culverts, blockages, and village areas. */
  villages(): string[] {
    const rows = this.db
      .prepare(
        `SELECT village AS name FROM ditch WHERE township_id = @t AND deleted_at IS NULL AND village <> ''
         UNION SELECT village FROM culvert WHERE township_id = @t AND deleted_at IS NULL AND village <> ''
         UNION SELECT village FROM blockage WHERE township_id = @t AND deleted_at IS NULL AND village <> ''
         UNION SELECT name FROM area WHERE township_id = @t AND deleted_at IS NULL AND kind = 'village' AND name <> ''`,
      )
      .all({ t: this.townshipId }) as { name: string }[];
    return rows.map((r) => r.name.trim()).filter((n) => n.length > 0);
  }

  /** Blockage points; soft-deleted ones only when asked (old deployment rows still name them). */
  blockages(includeDeleted = false): BlockageRef[] {
    return this.db
      .prepare(
        `SELECT id, name, village, status, reported_at, deleted_at FROM blockage
         WHERE township_id = ? ${includeDeleted ? '' : 'AND deleted_at IS NULL'} ORDER BY reported_at, id`,
      )
      .all(this.townshipId) as BlockageRef[];
  }

  blockage(id: string): BlockageRef | undefined {
    return this.db
      .prepare('SELECT id, name, village, status, reported_at, deleted_at FROM blockage WHERE township_id = ? AND id = ?')
      .get(this.townshipId, id) as BlockageRef | undefined;
  }

  /** Status events of live blockages, in time order. */
  statusEvents(): BlockageStatusEvent[] {
    return this.db
      .prepare(
        `SELECT e.blockage_id, e.at, e.from_status, e.to_status FROM blockage_event e
         JOIN blockage b ON b.id = e.blockage_id AND b.deleted_at IS NULL
         WHERE e.township_id = ? AND e.to_status IS NOT NULL ORDER BY e.at, e.rowid`,
      )
      .all(this.townshipId) as BlockageStatusEvent[];
  }
}

/** A blockage as a place name: its name, or its village and a short id. */
export function blockageLabel(b: Pick<BlockageRef, 'id' | 'name' | 'village'>): string {
  const name = b.name.trim() || `堵点 ${b.id.slice(0, 6)}`;
  return b.village && !name.includes(b.village) ? `${b.village} · ${name}` : name;
}
