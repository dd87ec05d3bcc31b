import type { Statement } from 'better-sqlite3';
import type { ConnectionCache } from './statements';
import { formatHlc, parseHlc, receiveHlc, tickHlc, type Hlc } from '../../../../shared/sync/hlc';

/**
 * This data folder's installation id and hybrid logical clock, kept in feed_state (migration 0007)
 * so every writer on the connection shares one clock and it survives restarts. Read and written
 * inside the caller's transaction: a rolled-back change leaves the clock where it was.
 */
export class FeedClock {
  private readonly read: Statement;
  private readonly write: Statement;

  constructor(cache: ConnectionCache) {
    this.read = cache.stmt('clock:read', () => 'SELECT installation_id AS origin, last_hlc AS last FROM feed_state WHERE id = 1');
    this.write = cache.stmt('clock:write', () => 'UPDATE feed_state SET last_hlc = ?, updated_at = ? WHERE id = 1');
  }

  private state(): { origin: string; last: Hlc | null } {
    const row = this.read.get() as { origin: string; last: string | null } | undefined;
    if (!row) throw new Error('feed_state is missing: the database was not migrated to the change feed');
    return { origin: row.origin, last: row.last ? parseHlc(row.last) : null };
  }

  /** The installation id of this data folder (a UUID made once, by migration 0007). */
  origin(): string {
    return this.state().origin;
  }

  /** The newest clock this installation has made or seen, or null before the first change. */
  last(): string | null {
    const s = this.state();
    return s.last ? formatHlc(s.last) : null;
  }

  /** The clock for a change made here now. */
  tick(): { hlc: string; origin: string } {
    const s = this.state();
    const next = formatHlc(tickHlc(s.last, Date.now(), s.origin));
    this.write.run(next, new Date().toISOString());
    return { hlc: next, origin: s.origin };
  }

  /**
   * Clocks for `n` changes made here now, in order, with one read and one write of the state
   * (a bulk insert of 50,000 rows must not read and write feed_state per row).
   */
  tickMany(n: number): { hlcs: string[]; origin: string } {
    const s = this.state();
    const wall = Date.now();
    const hlcs = new Array<string>(n);
    let last = s.last;
    for (let i = 0; i < n; i++) {
      last = tickHlc(last, wall, s.origin);
      hlcs[i] = formatHlc(last);
    }
    if (n > 0) this.write.run(hlcs[n - 1], new Date().toISOString());
    return { hlcs, origin: s.origin };
  }

  /** Move past a clock seen in a change made elsewhere (throws a RangeError for one far in the future). */
  receive(remote: string): void {
    const parsed = parseHlc(remote);
    if (!parsed) throw new RangeError(`not a clock: ${remote}`);
    const s = this.state();
    this.write.run(formatHlc(receiveHlc(s.last, parsed, Date.now(), s.origin)), new Date().toISOString());
  }
}
