import type { Database, Statement } from 'better-sqlite3';
import { ChangeFeed, type WriteMeta } from '../feed/changeFeed';

/** A deployment row as stored (also the row the change feed carries). */
export interface DeploymentRecord {
  id: string;
  township_id: string;
  date: string;
  seq: number;
  place_kind: 'village' | 'site' | 'blockage';
  place: string;
  blockage_id: string | null;
  task: 'pump' | 'guide' | 'dig' | 'clear' | 'culvert' | 'patrol';
  people: number;
  excavators: number;
  long_arm_excavators: number;
  dump_trucks: number;
  pumps: number;
  hours: number;
  culverts_laid: number;
  culvert_m: number;
  field_ditch_m: number;
  cleared_ditch_m: number;
  pumped_m3: number | null;
  note: string;
  source: string;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

const COLUMNS = [
  'id', 'township_id', 'date', 'seq', 'place_kind', 'place', 'blockage_id', 'task', 'people', 'excavators',
  'long_arm_excavators', 'dump_trucks', 'pumps', 'hours', 'culverts_laid', 'culvert_m', 'field_ditch_m',
  'cleared_ditch_m', 'pumped_m3', 'note', 'source', 'created_at', 'updated_at', 'deleted_at',
] as const satisfies readonly (keyof DeploymentRecord)[];

/** Per-day sums of live rows, as the totals need them. */
export interface DeploymentDaySums {
  date: string;
  rows: number;
  people: number;
  excavators: number;
  long_arm_excavators: number;
  dump_trucks: number;
  pumps: number;
  pump_hours: number;
  culverts_laid: number;
  culvert_m: number;
  field_ditch_m: number;
  cleared_ditch_m: number;
  /** Sum of entered pumped m³ (rows with a figure). */
  pumped_entered_m3: number;
  /** Pump-hours of rows whose pumped m³ is left to be worked out. */
  pump_hours_unmetered: number;
}

/** Deployment rows of one township. Every write goes through the change feed; the service wraps them in transactions. */
export class DeploymentRepository {
  private readonly put: Statement;
  private readonly byId: Statement;
  private readonly byDay: Statement;
  private readonly feed: ChangeFeed;

  constructor(
    private readonly db: Database,
    private readonly townshipId: string,
  ) {
    const updates = COLUMNS.filter((c) => c !== 'id' && c !== 'township_id' && c !== 'created_at')
      .map((c) => `${c} = excluded.${c}`)
      .join(', ');
    this.put = db.prepare(
      `INSERT INTO deployment (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map((c) => `@${c}`).join(', ')})
       ON CONFLICT (id) DO UPDATE SET ${updates}`,
    );
    this.byId = db.prepare('SELECT * FROM deployment WHERE township_id = ? AND id = ?');
    this.feed = new ChangeFeed(db, townshipId);
    this.byDay = db.prepare('SELECT * FROM deployment WHERE township_id = ? AND date = ? AND deleted_at IS NULL ORDER BY seq, created_at, id');
  }

  /** Insert or overwrite a whole row (creates, edits, soft deletes and undo all come through here). */
  save(record: DeploymentRecord, meta: WriteMeta): void {
    if (record.township_id !== this.townshipId) throw new Error('deployment of another township');
    this.feed.write('deployment', record.id, meta, () => this.put.run(record));
  }

  get(id: string): DeploymentRecord | undefined {
    return this.byId.get(this.townshipId, id) as DeploymentRecord | undefined;
  }

  /** The live rows of a day, in grid order. */
  day(date: string): DeploymentRecord[] {
    return this.byDay.all(this.townshipId, date) as DeploymentRecord[];
  }

  /** Sums per day of live rows between two days (both included). */
  sumsByDay(from: string, to: string): DeploymentDaySums[] {
    return this.db
      .prepare(
        `SELECT date, COUNT(*) AS rows, SUM(people) AS people, SUM(excavators) AS excavators,
           SUM(long_arm_excavators) AS long_arm_excavators, SUM(dump_trucks) AS dump_trucks, SUM(pumps) AS pumps,
           SUM(pumps * hours) AS pump_hours, SUM(culverts_laid) AS culverts_laid, SUM(culvert_m) AS culvert_m,
           SUM(field_ditch_m) AS field_ditch_m, SUM(cleared_ditch_m) AS cleared_ditch_m,
           TOTAL(pumped_m3) AS pumped_entered_m3,
           TOTAL(CASE WHEN pumped_m3 IS NULL THEN pumps * hours ELSE 0 END) AS pump_hours_unmetered
         FROM deployment WHERE township_id = ? AND deleted_at IS NULL AND date >= ? AND date <= ?
         GROUP BY date ORDER BY date`,
      )
      .all(this.townshipId, from, to) as DeploymentDaySums[];
  }

  /** The latest day with a live row, or null. */
  latestDate(): string | null {
    const row = this.db.prepare('SELECT MAX(date) AS d FROM deployment WHERE township_id = ? AND deleted_at IS NULL').get(this.townshipId) as {
      d: string | null;
    };
    return row.d;
  }

  /** How many live rows there are (the demo seed refuses to write over real data). */
  countLive(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM deployment WHERE township_id = ? AND deleted_at IS NULL').get(this.townshipId) as { n: number }).n;
  }
}
