/** Largest file accepted: far above any season's rainfall sheet, small enough to parse in memory. */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;

/** Above this one day's reading is read with a warning to check it: the plain's wettest days are below it. */
export const MAX_DAILY_MM = 500;

/** Above this a reading is refused: more than the world's wettest day (1825 mm, Réunion 1966). */
export const MAX_POSSIBLE_MM = 2000;

/** A title or note may sit above the header, but the header must be within this many non-blank rows. */
export const HEADER_SCAN_ROWS = 5;
