import { randomUUID } from 'node:crypto';
import type { CoreContext } from '../../context';
import type { WriteMeta } from '../../db/feed/changeFeed';
import { RainRepository, type BaselineRecord, type ReadingRecord, type StationRecord } from '../../db/repositories/rainRepository';

export type WriteOutcome = 'added' | 'changed' | 'unchanged' | 'removed';

/** Millimetres compare at 0.01 mm: gauges read to 0.1 mm, and floats from files carry noise. */
export const sameMm = (a: number, b: number): boolean => Math.abs(a - b) < 0.005;

/**
 * Writes rainfall values with a feed entry each, all under one batch. The caller runs it inside
 * one transaction.
 */
export class RainWriter {
  readonly repo: RainRepository;
  readonly batchId = randomUUID();
  readonly at: string;
  readonly counts: Record<WriteOutcome, number> = { added: 0, changed: 0, unchanged: 0, removed: 0 };

  constructor(
    private readonly ctx: CoreContext,
    private readonly source: string = ctx.source,
    private readonly importing = false,
  ) {
    this.repo = new RainRepository(ctx.db, ctx.townshipId);
    this.at = ctx.now().toISOString();
  }

  private action(created: boolean): 'create' | 'update' | 'import' {
    return this.importing ? 'import' : created ? 'create' : 'update';
  }

  private meta(action: string): WriteMeta {
    return { batchId: this.batchId, source: this.source, at: this.at, action };
  }

  /** Add a station (imports that may add new ones). */
  addStation(name: string, lon: number | null = null, lat: number | null = null): StationRecord {
    const next: StationRecord = {
      id: randomUUID(), township_id: this.ctx.townshipId, name, lon, lat, source: this.source, created_at: this.at, updated_at: this.at, deleted_at: null,
    };
    this.repo.saveStation(next, this.meta(this.action(true)));
    return next;
  }

  /** Set (a number) or clear (null) one station's reading for a day. */
  reading(stationId: string, date: string, mm: number | null): WriteOutcome {
    const before = this.repo.reading(stationId, date);
    if (mm === null) {
      if (!before) return this.count('unchanged');
      this.repo.saveReading({ ...before, updated_at: this.at, deleted_at: this.at }, this.meta('delete'));
      return this.count('removed');
    }
    if (before && sameMm(before.mm, mm)) return this.count('unchanged');
    const next: ReadingRecord = before
      ? { ...before, mm, source: this.source, updated_at: this.at }
      : { id: randomUUID(), township_id: this.ctx.townshipId, station_id: stationId, date, mm, source: this.source, created_at: this.at, updated_at: this.at, deleted_at: null };
    this.repo.saveReading(next, this.meta(this.action(!before)));
    return this.count(before ? 'changed' : 'added');
  }

  /** Set or clear last year's township value on one of last year's days. */
  baseline(lastYearDate: string, mm: number | null): WriteOutcome {
    const before = this.repo.baselineOn(lastYearDate);
    if (mm === null) {
      if (!before) return this.count('unchanged');
      this.repo.saveBaseline({ ...before, updated_at: this.at, deleted_at: this.at }, this.meta('delete'));
      return this.count('removed');
    }
    if (before && sameMm(before.mm, mm)) return this.count('unchanged');
    const next: BaselineRecord = before
      ? { ...before, mm, source: this.source, updated_at: this.at }
      : { id: randomUUID(), township_id: this.ctx.townshipId, date: lastYearDate, mm, source: this.source, created_at: this.at, updated_at: this.at, deleted_at: null };
    this.repo.saveBaseline(next, this.meta(this.action(!before)));
    return this.count(before ? 'changed' : 'added');
  }

  private count(o: WriteOutcome): WriteOutcome {
    this.counts[o] += 1;
    return o;
  }

  /** Records added, changed or removed. */
  get changed(): number {
    return this.counts.added + this.counts.changed + this.counts.removed;
  }
}
