/** Largest file accepted: far above any season's rainfall sheet, small enough to parse in memory. */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;

/** Above this one day's reading is taken as a typing slip: the plain's wettest days are far below it. */
export const MAX_DAILY_MM = 500;

/** A title or note may sit above the header, but the header must be within this many non-blank rows. */
export const HEADER_SCAN_ROWS = 5;
