import type { ChangeEntry } from '../../../../shared/contract/changeFeed';

/** One local feed entry with its local sequence number. */
export interface NumberedEntry {
  seq: number;
  entry: ChangeEntry;
}

/** What applying a pulled entry did (the feed's own answer). */
export type ApplyOutcome = 'applied' | 'duplicate' | 'older';

/**
 * The few things sync needs from the change feed (issue 10), behind one small interface so the
 * round can be tested against a fake feed and the real one is wired in one place (feed.ts).
 */
export interface SyncFeed {
  /** This desk's installation id: the origin of its clocks and of the entries it makes. */
  installationId(): string;
  /** Entries after `seq`, oldest first, at most `limit`. */
  since(seq: number, limit: number): NumberedEntry[];
  /** Entries made here (not pulled) after `seq`: what 待上传 counts. */
  pendingCount(afterSeq: number): number;
  /** Whether this desk has made office changes of its own (the township row itself aside). */
  ownOfficeChanges(): number;
  /** Apply one pulled entry; call inside the transaction that also saves the cursor. */
  applyRemote(entry: ChangeEntry): ApplyOutcome;
  /** The clock of the version of a row this desk holds (null: never seen). */
  latestClock(table: string, rowId: string): string | null;
  /**
   * Write a version of a row as a new local edit (a fresh clock, based on the version held here),
   * through the feed's one mutation path; null deletes the row (a tombstone). For re-applying the
   * losing side of a conflict.
   */
  writeLocal(table: string, rowId: string, row: Record<string, unknown> | null): void;
}
