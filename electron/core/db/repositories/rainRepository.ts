import { randomUUID } from 'node:crypto';
import type { Database, Statement } from 'better-sqlite3';
import { ChangeFeed, type WriteMeta } from '../feed/changeFeed';

/** Stored shapes (also the rows the change feed carries). */
export interface StationRecord {
  id: string;
  township_id: string;
  name: string;
  lon: number | null;
  lat: number | null;
  source: string;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

export interface ReadingRecord {
  id: string;
  township_id: string;
  station_id: string;
  date: string;
  mm: number;
  source: string;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

export interface BaselineRecord {
  id: string;
  township_id: string;
  /** Last year's date. */
  date: string;
  mm: number;
  source: string;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

function upsert(db: Database, table: string, columns: readonly string[]): Statement {
  const updates = columns.filter((c) => c !== 'id' && c !== 'township_id' && c !== 'created_at').map((c) => `${c} = excluded.${c}`);
  return db.prepare(
    `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})
     ON CONFLICT (id) DO UPDATE SET ${updates.join(', ')}`,
  );
}

const STATION_COLUMNS = ['id', 'township_id', 'name', 'lon', 'lat', 'source', 'created_at', 'updated_at', 'deleted_at'];
const READING_COLUMNS = ['id', 'township_id', 'station_id', 'date', 'mm', 'source', 'created_at', 'updated_at', 'deleted_at'];
const BASELINE_COLUMNS = ['id', 'township_id', 'date', 'mm', 'source', 'created_at', 'updated_at', 'deleted_at'];

/** Rain stations, their daily readings and last year's township series, of one township. */
export class RainRepository {
  private readonly putStation: Statement;
  private readonly putReading: Statement;
  private readonly putBaseline: Statement;
  private readonly readingAt: Statement;
  private readonly baselineAt: Statement;
  private readonly feed: ChangeFeed;

  constructor(
    private readonly db: Database,
    private readonly townshipId: string,
  ) {
    this.feed = new ChangeFeed(db, townshipId);
    this.putStation = upsert(db, 'rain_station', STATION_COLUMNS);
    this.putReading = upsert(db, 'rain_reading', READING_COLUMNS);
    this.putBaseline = upsert(db, 'rain_baseline', BASELINE_COLUMNS);
    this.readingAt = db.prepare('SELECT * FROM rain_reading WHERE township_id = ? AND station_id = ? AND date = ? AND deleted_at IS NULL');
    this.baselineAt = db.prepare('SELECT * FROM rain_baseline WHERE township_id = ? AND date = ? AND deleted_at IS NULL');
  }

  private own<T extends { township_id: string }>(r: T): T {
    if (r.township_id !== this.townshipId) throw new Error('rain record of another township');
    return r;
  }

  /** Insert or overwrite a whole station row, with its feed entry. */
  saveStation(r: StationRecord, meta: WriteMeta): void {
    this.feed.write('rain_station', r.id, meta, () => this.putStation.run(this.own(r)));
  }
  saveReading(r: ReadingRecord, meta: WriteMeta): void {
    this.feed.write('rain_reading', r.id, meta, () => this.putReading.run(this.own(r)));
  }
  saveBaseline(r: BaselineRecord, meta: WriteMeta): void {
    this.feed.write('rain_baseline', r.id, meta, () => this.putBaseline.run(this.own(r)));
  }

  /** Live stations in the order they were added. */
  stations(): StationRecord[] {
    return this.db
      .prepare('SELECT * FROM rain_station WHERE township_id = ? AND deleted_at IS NULL ORDER BY created_at, rowid')
      .all(this.townshipId) as StationRecord[];
  }

  station(id: string): StationRecord | undefined {
    return this.db.prepare('SELECT * FROM rain_station WHERE township_id = ? AND id = ?').get(this.townshipId, id) as StationRecord | undefined;
  }

  /** Days with a live reading, per live station. */
  readingCounts(): Map<string, number> {
    const rows = this.db
      .prepare('SELECT station_id AS id, COUNT(*) AS n FROM rain_reading WHERE township_id = ? AND deleted_at IS NULL GROUP BY station_id')
      .all(this.townshipId) as { id: string; n: number }[];
    return new Map(rows.map((r) => [r.id, r.n]));
  }

  reading(stationId: string, date: string): ReadingRecord | undefined {
    return this.readingAt.get(this.townshipId, stationId, date) as ReadingRecord | undefined;
  }

  readingById(id: string): ReadingRecord | undefined {
    return this.db.prepare('SELECT * FROM rain_reading WHERE township_id = ? AND id = ?').get(this.townshipId, id) as ReadingRecord | undefined;
  }

  /** Live readings of live stations between two days (both included). */
  readings(from: string, to: string): ReadingRecord[] {
    return this.db
      .prepare(
        `SELECT r.* FROM rain_reading r JOIN rain_station s ON s.id = r.station_id AND s.deleted_at IS NULL
         WHERE r.township_id = ? AND r.deleted_at IS NULL AND r.date >= ? AND r.date <= ? ORDER BY r.date`,
      )
      .all(this.townshipId, from, to) as ReadingRecord[];
  }

  baselineOn(date: string): BaselineRecord | undefined {
    return this.baselineAt.get(this.townshipId, date) as BaselineRecord | undefined;
  }

  baselineById(id: string): BaselineRecord | undefined {
    return this.db.prepare('SELECT * FROM rain_baseline WHERE township_id = ? AND id = ?').get(this.townshipId, id) as BaselineRecord | undefined;
  }

  /** Live baseline values between two of last year's days (both included). */
  baseline(from: string, to: string): BaselineRecord[] {
    return this.db
      .prepare('SELECT * FROM rain_baseline WHERE township_id = ? AND deleted_at IS NULL AND date >= ? AND date <= ? ORDER BY date')
      .all(this.townshipId, from, to) as BaselineRecord[];
  }

  /** The latest day with a live reading of a live station, or null. */
  latestDate(): string | null {
    return (
      this.db
        .prepare(
          `SELECT MAX(r.date) AS d FROM rain_reading r JOIN rain_station s ON s.id = r.station_id AND s.deleted_at IS NULL
           WHERE r.township_id = ? AND r.deleted_at IS NULL`,
        )
        .get(this.townshipId) as { d: string | null }
    ).d;
  }

  countLiveReadings(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM rain_reading WHERE township_id = ? AND deleted_at IS NULL').get(this.townshipId) as { n: number }).n;
  }

  /** Keep a record of an imported file (in the import's batch, so it is part of the same save). */
  recordImport(r: { id: string; kind: string; fileName: string; format: string; encoding: string; rows: number; skippedRows: number[]; at: string }, meta: Omit<WriteMeta, 'action'> = { batchId: randomUUID(), source: 'import', at: r.at }): void {
    this.feed.write('rain_import', r.id, { ...meta, action: 'import' }, () => this.db
      .prepare(
        `INSERT INTO rain_import (id, township_id, kind, file_name, format, encoding, rows_imported, skipped_rows_json, imported_at, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(r.id, this.townshipId, r.kind, r.fileName, r.format, r.encoding, r.rows, JSON.stringify(r.skippedRows), r.at, r.at, r.at));
  }
}
