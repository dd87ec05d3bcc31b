import type { Migration } from './types';

const stamps = `
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL`;
const source = `source TEXT NOT NULL CHECK (source IN ('desk','field','import','demo','cli'))`;

/**
 * The daily dispatch sheet (issue 7).
 *
 * - sheet_draft: per day, what the office types on the sheet page (明日安排 and the signature
 *   names); every save is kept in sheet_draft_change.
 * - sheet: the archive. A row is written once, when the sheet is issued (签发): its number within
 *   the season, the data snapshot it printed, and the PDF's file name (beside the database, under
 *   sheets/) with its SHA-256. Triggers refuse any edit of what was issued and any delete, so an
 *   issued sheet reopens exactly as it was signed. A correction (更正) is a new row with the same
 *   number and the next correction index; the original stays.
 * - Numbers run without gaps within a season: each season's originals are unique by number and
 *   by day, and the core hands out max + 1 inside the issuing transaction.
 */
export const migration0006: Migration = {
  version: 6,
  name: 'sheets',
  up(db) {
    db.exec(`
      CREATE TABLE sheet_draft (
        township_id TEXT NOT NULL REFERENCES township(id),
        date TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
        plan_text TEXT NOT NULL DEFAULT '',
        plan_rows_json TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(plan_rows_json)),
        issuer TEXT NOT NULL DEFAULT '',
        checker TEXT NOT NULL DEFAULT '',
        preparer TEXT NOT NULL DEFAULT '',${stamps},
        PRIMARY KEY (township_id, date)
      ) STRICT;
      CREATE INDEX sheet_draft_by_update ON sheet_draft(township_id, updated_at);

      CREATE TABLE sheet_draft_change (
        id TEXT PRIMARY KEY,
        township_id TEXT NOT NULL REFERENCES township(id),
        date TEXT NOT NULL,
        before_json TEXT CHECK (before_json IS NULL OR json_valid(before_json)),
        after_json TEXT NOT NULL CHECK (json_valid(after_json)),
        ${source},
        at TEXT NOT NULL,${stamps}
      ) STRICT;
      CREATE INDEX sheet_draft_change_by_day ON sheet_draft_change(township_id, date, at);

      CREATE TABLE sheet (
        id TEXT PRIMARY KEY,
        township_id TEXT NOT NULL REFERENCES township(id),
        season TEXT NOT NULL CHECK (season GLOB '[0-9][0-9][0-9][0-9]'),
        number INTEGER NOT NULL CHECK (number >= 1),
        correction INTEGER NOT NULL DEFAULT 0 CHECK (correction >= 0),
        date TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
        correction_of TEXT REFERENCES sheet(id),
        correction_reason TEXT NOT NULL DEFAULT '',
        issued_at TEXT NOT NULL,
        issuer TEXT NOT NULL DEFAULT '',
        checker TEXT NOT NULL DEFAULT '',
        preparer TEXT NOT NULL DEFAULT '',
        snapshot_json TEXT NOT NULL CHECK (json_valid(snapshot_json)),
        pdf_file TEXT NOT NULL,
        pdf_sha256 TEXT NOT NULL CHECK (length(pdf_sha256) = 64),
        pdf_bytes INTEGER NOT NULL CHECK (pdf_bytes > 0),
        ${source},${stamps},
        deleted_at TEXT,
        CHECK ((correction = 0) = (correction_of IS NULL))
      ) STRICT;
      CREATE UNIQUE INDEX sheet_number ON sheet(township_id, season, number, correction);
      CREATE UNIQUE INDEX sheet_original_per_day ON sheet(township_id, date) WHERE correction = 0;
      CREATE INDEX sheet_by_day ON sheet(township_id, date, correction);

      CREATE TRIGGER sheet_frozen BEFORE UPDATE ON sheet
      WHEN OLD.number IS NOT NEW.number OR OLD.correction IS NOT NEW.correction OR OLD.date IS NOT NEW.date
        OR OLD.season IS NOT NEW.season OR OLD.snapshot_json IS NOT NEW.snapshot_json
        OR OLD.pdf_file IS NOT NEW.pdf_file OR OLD.pdf_sha256 IS NOT NEW.pdf_sha256 OR OLD.pdf_bytes IS NOT NEW.pdf_bytes
        OR OLD.issued_at IS NOT NEW.issued_at OR OLD.correction_of IS NOT NEW.correction_of
        OR OLD.issuer IS NOT NEW.issuer OR OLD.checker IS NOT NEW.checker OR OLD.preparer IS NOT NEW.preparer
      BEGIN
        SELECT RAISE(ABORT, 'an issued sheet is frozen: re-issue it as a correction');
      END;
      CREATE TRIGGER sheet_no_delete BEFORE DELETE ON sheet
      BEGIN
        SELECT RAISE(ABORT, 'issued sheets are never deleted');
      END;
    `);
  },
};
