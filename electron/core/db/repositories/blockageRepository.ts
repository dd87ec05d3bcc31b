import type { Database } from 'better-sqlite3';
import { ChangeFeed, type WriteMeta } from '../feed/changeFeed';
import type { BlockageStatus } from '../../../../shared/domain/network';
import type { BlockageEventKind } from '../../../../shared/domain/blockageLifecycle';
import type { BlockageCause } from '../../../../shared/domain/blockageCause';

/** A blockage as the lifecycle reads it, with its team and event aggregates joined in. */
export interface BlockageDbRow {
  id: string;
  name: string;
  village: string;
  status: BlockageStatus;
  geometry: string;
  reported_at: string;
  status_at: string | null;
  team_id: string | null;
  team_name: string | null;
  reported_by_team_id: string | null;
  reported_by_team_name: string | null;
  excavators: number;
  long_arm_excavators: number;
  pumps: number;
  note: string;
  source: string;
  ditch_id: string | null;
  ditch_name: string | null;
  updated_at: string;
  deleted_at: string | null;
  last_event_at: string | null;
  last_event_source: string | null;
  event_count: number;
  photo_count: number;
  /** Set by the desk for the dispatch planner; null: read from the report / the cause's default. */
  cause: BlockageCause | null;
  job_hours: number | null;
}

/** A blockage's current state as its own row keeps it (status, team, machines): what a lifecycle move needs. */
export type BlockageStateRow = Pick<
  BlockageDbRow,
  'id' | 'status' | 'status_at' | 'reported_at' | 'team_id' | 'reported_by_team_id' | 'excavators' | 'long_arm_excavators' | 'pumps' | 'deleted_at'
>;

/** One lifecycle event as stored. */
export interface EventDbRow {
  id: string;
  township_id: string;
  blockage_id: string;
  at: string;
  actor: string;
  source: string;
  from_status: BlockageStatus | null;
  to_status: BlockageStatus | null;
  note: string;
  photo: string | null;
  lon: number | null;
  lat: number | null;
  /** The phone's GPS accuracy (metres), when it said; never without lon/lat. */
  accuracy_m: number | null;
  client_id: string | null;
  kind: BlockageEventKind;
  team_id: string | null;
  from_team_id: string | null;
  to_team_id: string | null;
  machines_json: string | null;
  undoes_event_id: string | null;
  seq: number;
  created_at: string;
  updated_at: string;
}

/** An event joined with the names a reader wants. */
export type EventView = EventDbRow & { team_name: string | null; from_team_name: string | null; to_team_name: string | null; undone: number };

export type NewEvent = Omit<EventDbRow, 'seq' | 'township_id' | 'created_at' | 'updated_at'>;

/*
 * A blockage's event aggregates, read per blockage through its indexes (blockage_id, seq),
 * (blockage_id, at) and the partial photo index: the cost of one row depends on its own events,
 * never on the whole table (issue 16: a GROUP BY over every event made each field update slower
 * as the season filled, 1.4 s at 114k events).
 */
export const SELECT_BLOCKAGE_ROW = `
  SELECT b.id, b.name, b.village, b.status, b.geometry, b.reported_at, b.status_at, b.team_id, t.name AS team_name,
         b.reported_by_team_id, r.name AS reported_by_team_name, b.excavators, b.long_arm_excavators, b.pumps,
         b.note, b.source, b.ditch_id, d.name AS ditch_name, b.updated_at, b.deleted_at, b.cause, b.job_hours,
         (SELECT max(x.at) FROM blockage_event x WHERE x.blockage_id = b.id) AS last_event_at,
         (SELECT x.source FROM blockage_event x WHERE x.blockage_id = b.id ORDER BY x.seq DESC LIMIT 1) AS last_event_source,
         (SELECT count(*) FROM blockage_event x WHERE x.blockage_id = b.id) AS event_count,
         (SELECT count(*) FROM blockage_event x WHERE x.blockage_id = b.id AND x.photo IS NOT NULL) AS photo_count
  FROM blockage b
  LEFT JOIN team t ON t.id = b.team_id
  LEFT JOIN team r ON r.id = b.reported_by_team_id
  LEFT JOIN ditch d ON d.id = b.ditch_id`;

export const SELECT_BLOCKAGE_EVENT = `
  SELECT ev.*, t.name AS team_name, ft.name AS from_team_name, tt.name AS to_team_name,
         EXISTS (SELECT 1 FROM blockage_event u WHERE u.undoes_event_id = ev.id) AS undone
  FROM blockage_event ev
  LEFT JOIN team t ON t.id = ev.team_id
  LEFT JOIN team ft ON ft.id = ev.from_team_id
  LEFT JOIN team tt ON tt.id = ev.to_team_id`;

/** Blockages and their append-only lifecycle events, for one township; writes go through the change feed. */
export class BlockageRepository {
  private readonly feed: ChangeFeed;

  constructor(
    private readonly db: Database,
    private readonly townshipId: string,
  ) {
    this.feed = new ChangeFeed(db, townshipId);
  }

  /** Every live blockage. */
  list(): BlockageDbRow[] {
    return this.db.prepare(`${SELECT_BLOCKAGE_ROW} WHERE b.township_id = ? AND b.deleted_at IS NULL ORDER BY b.reported_at`).all(this.townshipId) as BlockageDbRow[];
  }

  /** Live blockages a team may see: assigned to it, or reported by it and not yet dispatched. */
  listForTeam(teamId: string): BlockageDbRow[] {
    return this.db
      .prepare(
        `${SELECT_BLOCKAGE_ROW} WHERE b.township_id = ? AND b.deleted_at IS NULL
           AND (b.team_id = ? OR (b.reported_by_team_id = ? AND b.team_id IS NULL AND b.status = 'reported'))
         ORDER BY b.reported_at`,
      )
      .all(this.townshipId, teamId, teamId) as BlockageDbRow[];
  }

  /** One blockage, live or not. */
  get(id: string): BlockageDbRow | undefined {
    return this.db.prepare(`${SELECT_BLOCKAGE_ROW} WHERE b.id = ? AND b.township_id = ?`).get(id, this.townshipId) as BlockageDbRow | undefined;
  }

  /**
   * One blockage's current state, live or not, from its own row alone: no joins, no event
   * aggregates, so a field update costs the same on the first day and after 200k events.
   */
  state(id: string): BlockageStateRow | undefined {
    return this.db
      .prepare(
        `SELECT id, status, status_at, reported_at, team_id, reported_by_team_id, excavators, long_arm_excavators, pumps, deleted_at
         FROM blockage WHERE id = ? AND township_id = ?`,
      )
      .get(id, this.townshipId) as BlockageStateRow | undefined;
  }

  events(blockageId: string): EventView[] {
    return this.db.prepare(`${SELECT_BLOCKAGE_EVENT} WHERE ev.blockage_id = ? ORDER BY ev.seq`).all(blockageId) as EventView[];
  }

  event(id: string): EventView | undefined {
    return this.db.prepare(`${SELECT_BLOCKAGE_EVENT} WHERE ev.id = ? AND ev.township_id = ?`).get(id, this.townshipId) as EventView | undefined;
  }

  eventByClientId(clientId: string): EventDbRow | undefined {
    return this.db.prepare('SELECT * FROM blockage_event WHERE client_id = ?').get(clientId) as EventDbRow | undefined;
  }

  /** Append an event; the trigger gives it its seq. Returns the stored row (as the feed carries it). */
  insertEvent(e: NewEvent, at: string, meta: WriteMeta): EventDbRow {
    return this.feed.write('blockage_event', e.id, meta, () => this.db
      .prepare(
        `INSERT INTO blockage_event (id, township_id, blockage_id, at, actor, source, from_status, to_status, note, photo, lon, lat, accuracy_m, client_id,
           kind, team_id, from_team_id, to_team_id, machines_json, undoes_event_id, created_at, updated_at)
         VALUES (@id, @township_id, @blockage_id, @at, @actor, @source, @from_status, @to_status, @note, @photo, @lon, @lat, @accuracy_m, @client_id,
           @kind, @team_id, @from_team_id, @to_team_id, @machines_json, @undoes_event_id, @created_at, @updated_at)`,
      )
      .run({ ...e, township_id: this.townshipId, created_at: at, updated_at: at })) as unknown as EventDbRow;
  }

  /**
   * Append many events at once (an import's reports) through the feed's bulk insert: each gets
   * its seq here, in order after the newest, so the numbering trigger stays quiet and the feed
   * carries the rows as stored.
   */
  insertEvents(events: readonly NewEvent[], at: string, meta: WriteMeta): void {
    const first = (this.db.prepare('SELECT coalesce(max(seq), 0) + 1 AS n FROM blockage_event').get() as { n: number }).n;
    this.feed.insertMany(
      'blockage_event',
      events.map((e, i) => ({ ...e, township_id: this.townshipId, seq: first + i, created_at: at, updated_at: at })),
      meta,
    );
  }

  /** Put the blockage in the state its newest event says (same transaction as the event). */
  setState(id: string, s: { status: BlockageStatus; statusAt: string; teamId: string | null; machines: { excavators: number; longArmExcavators: number; pumps: number }; at: string }, meta: WriteMeta): void {
    this.feed.write('blockage', id, meta, () => this.db
      .prepare(
        `UPDATE blockage SET status = ?, status_at = ?, team_id = ?, excavators = ?, long_arm_excavators = ?, pumps = ?, updated_at = ?
         WHERE id = ? AND township_id = ?`,
      )
      .run(s.status, s.statusAt, s.teamId, s.machines.excavators, s.machines.longArmExcavators, s.machines.pumps, s.at, id, this.townshipId));
  }

  /** When a new blockage's status began and which team reported it from the field (set once, when it is created). */
  setReportInfo(id: string, info: { statusAt: string; reportedByTeamId: string | null }, meta: WriteMeta): void {
    this.feed.write('blockage', id, meta, () =>
      this.db
        .prepare('UPDATE blockage SET status_at = ?, reported_by_team_id = coalesce(?, reported_by_team_id) WHERE id = ? AND township_id = ?')
        .run(info.statusAt, info.reportedByTeamId, id, this.townshipId),
    );
  }

  /** Set what the dispatch planner reads for a blockage (same transaction as its note event). */
  setDispatchNeeds(id: string, needs: { cause: BlockageCause | null; jobHours: number | null }, meta: WriteMeta): void {
    this.feed.write('blockage', id, meta, () =>
      this.db
        .prepare('UPDATE blockage SET cause = ?, job_hours = ?, updated_at = ? WHERE id = ? AND township_id = ?')
        .run(needs.cause, needs.jobHours, meta.at, id, this.townshipId),
    );
  }

  /** The newest desk change of status or team that no later event has undone. */
  lastUndoableDeskChange(): EventDbRow | undefined {
    return this.db
      .prepare(
        `SELECT ev.* FROM blockage_event ev JOIN blockage b ON b.id = ev.blockage_id
         WHERE ev.township_id = ? AND ev.source = 'desk' AND ev.kind IN ('status','assign') AND b.deleted_at IS NULL
           AND NOT EXISTS (SELECT 1 FROM blockage_event u WHERE u.undoes_event_id = ev.id)
         ORDER BY ev.seq DESC LIMIT 1`,
      )
      .get(this.townshipId) as EventDbRow | undefined;
  }

  /**
   * Whether a change of status or team that still stands came after `seq` on this blockage
   * (an undone change and the undo that cancelled it do not count).
   */
  changedAfter(blockageId: string, seq: number): boolean {
    return (
      this.db
        .prepare(
          `SELECT 1 FROM blockage_event e WHERE e.blockage_id = ? AND e.seq > ? AND e.kind != 'undo'
             AND (e.to_status IS NOT NULL OR e.kind = 'assign')
             AND NOT EXISTS (SELECT 1 FROM blockage_event u WHERE u.undoes_event_id = e.id) LIMIT 1`,
        )
        .get(blockageId, seq) !== undefined
    );
  }

  /** The machines a blockage had before event `seq`: the newest earlier event that recorded them, if any. */
  machinesBefore(blockageId: string, seq: number): string | null {
    const row = this.db
      .prepare('SELECT machines_json FROM blockage_event WHERE blockage_id = ? AND seq < ? AND machines_json IS NOT NULL ORDER BY seq DESC LIMIT 1')
      .get(blockageId, seq) as { machines_json: string } | undefined;
    return row?.machines_json ?? null;
  }

  /** When the status in force before event `seq` began. */
  statusSinceBefore(blockageId: string, seq: number): string | undefined {
    const row = this.db
      .prepare('SELECT at FROM blockage_event WHERE blockage_id = ? AND seq < ? AND to_status IS NOT NULL ORDER BY seq DESC LIMIT 1')
      .get(blockageId, seq) as { at: string } | undefined;
    return row?.at;
  }

  /** Events after a cursor, oldest first, with their blockage's name. */
  changesSince(cursor: number, limit: number): (EventDbRow & { blockage_name: string })[] {
    return this.db
      .prepare(
        `SELECT ev.*, b.name AS blockage_name FROM blockage_event ev JOIN blockage b ON b.id = ev.blockage_id
         WHERE ev.township_id = ? AND ev.seq > ? ORDER BY ev.seq LIMIT ?`,
      )
      .all(this.townshipId, cursor, limit) as never;
  }

  /** The newest seq, and a stamp that moves with any edit of a blockage row (rename, move, delete). */
  version(): { seq: number; stamp: string } {
    const seq = (this.db.prepare('SELECT coalesce(max(seq), 0) AS s FROM blockage_event').get() as { s: number }).s;
    const b = this.db.prepare('SELECT count(*) AS n, coalesce(max(updated_at), \'\') AS u FROM blockage WHERE township_id = ?').get(this.townshipId) as { n: number; u: string };
    const t = this.db.prepare('SELECT coalesce(max(updated_at), \'\') AS u FROM team WHERE township_id = ?').get(this.townshipId) as { u: string };
    return { seq, stamp: `${seq}:${b.n}:${b.u}:${t.u}` };
  }

  /** Open blockages whose point lies inside a small box (for "probably the same one" checks). */
  openNear(lon: number, lat: number, degrees: number): { id: string; name: string; geometry: string }[] {
    return this.db
      .prepare(
        `SELECT t.id, t.name, t.geometry FROM geo_rtree r JOIN geo_feature f ON f.gid = r.gid JOIN blockage t ON t.id = f.feature_id
         WHERE f.layer = 'blockage' AND r.max_lon >= ? AND r.min_lon <= ? AND r.max_lat >= ? AND r.min_lat <= ?
           AND t.township_id = ? AND t.deleted_at IS NULL AND t.status IN ('reported','assigned','in_progress')`,
      )
      .all(lon - degrees, lon + degrees, lat - degrees, lat + degrees, this.townshipId) as never;
  }

  /** The ditch a blockage sits on, for the phone's small map. */
  ditchLine(ditchId: string): { name: string; geometry: string } | undefined {
    return this.db.prepare('SELECT name, geometry FROM ditch WHERE id = ? AND deleted_at IS NULL').get(ditchId) as never;
  }
}
