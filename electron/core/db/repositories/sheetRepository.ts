import type { Database } from 'better-sqlite3';
import { ChangeFeed, type FeedRow, type WriteMeta } from '../feed/changeFeed';

/** An issued sheet as stored (written once; triggers refuse edits). */
export interface SheetDbRow {
  id: string;
  season: string;
  number: number;
  correction: number;
  date: string;
  correction_of: string | null;
  correction_reason: string;
  issued_at: string;
  issuer: string;
  checker: string;
  preparer: string;
  snapshot_json: string;
  pdf_file: string;
  pdf_sha256: string;
  pdf_bytes: number;
  source: string;
}

/** What is written when a sheet is issued. */
export type NewSheet = SheetDbRow;

/** A day's draft as stored. */
export interface DraftRow {
  date: string;
  plan_text: string;
  plan_rows_json: string;
  issuer: string;
  checker: string;
  preparer: string;
  updated_at: string;
}

export type DraftInput = Omit<DraftRow, 'updated_at'>;

/** The daily sheet's drafts and its archive of issued sheets, for one township. */
export class SheetRepository {
  private readonly feed: ChangeFeed;

  constructor(
    private readonly db: Database,
    private readonly townshipId: string,
  ) {
    this.feed = new ChangeFeed(db, townshipId);
  }

  // ---- drafts ----

  draft(date: string): DraftRow | undefined {
    return this.db
      .prepare('SELECT date, plan_text, plan_rows_json, issuer, checker, preparer, updated_at FROM sheet_draft WHERE township_id = ? AND date = ?')
      .get(this.townshipId, date) as DraftRow | undefined;
  }

  /** The signature names of the draft saved last. */
  lastSignatures(): Pick<DraftRow, 'issuer' | 'checker' | 'preparer'> | undefined {
    return this.db
      .prepare('SELECT issuer, checker, preparer FROM sheet_draft WHERE township_id = ? ORDER BY updated_at DESC, date DESC LIMIT 1')
      .get(this.townshipId) as Pick<DraftRow, 'issuer' | 'checker' | 'preparer'> | undefined;
  }

  /** Save a day's draft as a whole, with its feed entry (the previous version is kept there). */
  saveDraft(d: DraftInput, meta: WriteMeta): void {
    this.feed.write('sheet_draft', d.date, meta, () => {
      this.db
        .prepare(
          `INSERT INTO sheet_draft (township_id, date, plan_text, plan_rows_json, issuer, checker, preparer, created_at, updated_at)
           VALUES (@t, @date, @plan_text, @plan_rows_json, @issuer, @checker, @preparer, @at, @at)
           ON CONFLICT (township_id, date) DO UPDATE SET plan_text = @plan_text, plan_rows_json = @plan_rows_json, issuer = @issuer,
             checker = @checker, preparer = @preparer, updated_at = @at`,
        )
        .run({ ...d, t: this.townshipId, at: meta.at });
    });
  }

  /** The saves of one day's draft, oldest first. */
  draftHistory(date: string): FeedRow[] {
    return this.feed.recent({ scopes: [{ table: 'sheet_draft', rowIds: [date] }] }, 1000).reverse();
  }

  // ---- the archive ----

  sheet(id: string): SheetDbRow | undefined {
    return this.db.prepare('SELECT * FROM sheet WHERE township_id = ? AND id = ? AND deleted_at IS NULL').get(this.townshipId, id) as SheetDbRow | undefined;
  }

  /** Whether a later correction of this sheet's number exists. */
  superseded(row: Pick<SheetDbRow, 'season' | 'number' | 'correction'>): boolean {
    return (
      this.db
        .prepare('SELECT 1 FROM sheet WHERE township_id = ? AND season = ? AND number = ? AND correction > ? AND deleted_at IS NULL LIMIT 1')
        .get(this.townshipId, row.season, row.number, row.correction) !== undefined
    );
  }

  /** Seasons with issued sheets, newest first. */
  seasons(): string[] {
    return (this.db.prepare('SELECT DISTINCT season FROM sheet WHERE township_id = ? AND deleted_at IS NULL ORDER BY season DESC').all(this.townshipId) as { season: string }[]).map(
      (r) => r.season,
    );
  }

  /** A season's sheets, newest number first, corrections before the version they correct. */
  season(season: string): SheetDbRow[] {
    return this.db
      .prepare('SELECT * FROM sheet WHERE township_id = ? AND season = ? AND deleted_at IS NULL ORDER BY number DESC, correction DESC')
      .all(this.townshipId, season) as SheetDbRow[];
  }

  /** The latest issue (original or correction) for a day, or undefined. */
  latestForDay(date: string): SheetDbRow | undefined {
    return this.db
      .prepare('SELECT * FROM sheet WHERE township_id = ? AND date = ? AND deleted_at IS NULL ORDER BY correction DESC LIMIT 1')
      .get(this.townshipId, date) as SheetDbRow | undefined;
  }

  /** The highest original number of a season, 0 for none. */
  lastNumber(season: string): number {
    const row = this.db
      .prepare('SELECT max(number) AS n FROM sheet WHERE township_id = ? AND season = ? AND correction = 0 AND deleted_at IS NULL')
      .get(this.townshipId, season) as { n: number | null };
    return row.n ?? 0;
  }

  /** Record an issued sheet (once; the caller holds the transaction that checked its number). */
  insertSheet(s: NewSheet, meta: WriteMeta): void {
    this.feed.write('sheet', s.id, meta, () => {
      this.db
        .prepare(
          `INSERT INTO sheet (id, township_id, season, number, correction, date, correction_of, correction_reason, issued_at,
             issuer, checker, preparer, snapshot_json, pdf_file, pdf_sha256, pdf_bytes, source, created_at, updated_at)
           VALUES (@id, @t, @season, @number, @correction, @date, @correction_of, @correction_reason, @issued_at, @issuer, @checker, @preparer,
             @snapshot_json, @pdf_file, @pdf_sha256, @pdf_bytes, @source, @issued_at, @issued_at)`,
        )
        .run({ ...s, t: this.townshipId });
    });
  }
}
