/**
 * Hybrid logical clocks (Kulkarni et al., 2014): a timestamp that follows wall time but never goes
 * backwards and orders causally related changes even when two PCs' clocks disagree. Written as a
 * fixed-width string so that plain string comparison orders clocks, in SQLite, PostgreSQL and JS:
 *
 *   `<wall ms, 15 digits>-<counter, 6 digits>-<installation id>`
 *
 * Ties on wall time and counter are broken by the installation id, so two clocks never compare equal
 * unless they are the same clock.
 */
export interface Hlc {
  wallMs: number;
  counter: number;
  origin: string;
}

const WALL_DIGITS = 15;
const COUNTER_DIGITS = 6;
const MAX_COUNTER = 10 ** COUNTER_DIGITS - 1;
/** A remote clock this far ahead of our wall time is refused: a PC with its date set a year ahead must not poison every clock it syncs with. */
export const MAX_DRIFT_MS = 24 * 3600 * 1000;

const PATTERN = /^(\d{15})-(\d{6})-([A-Za-z0-9_.:-]{1,64})$/;

export function formatHlc(h: Hlc): string {
  return `${String(h.wallMs).padStart(WALL_DIGITS, '0')}-${String(h.counter).padStart(COUNTER_DIGITS, '0')}-${h.origin}`;
}

/** Parse a clock string; null when it is not one. */
export function parseHlc(text: string): Hlc | null {
  const m = PATTERN.exec(text);
  if (!m) return null;
  return { wallMs: Number(m[1]), counter: Number(m[2]), origin: m[3]! };
}

/** The clock for a local change: later than `last` and than wall time. */
export function tickHlc(last: Hlc | null, wallMs: number, origin: string): Hlc {
  if (!last || wallMs > last.wallMs) return { wallMs, counter: 0, origin };
  return bump(last.wallMs, last.counter, origin);
}

/**
 * Our clock after seeing a remote one (a pulled change): later than both. A remote clock more than
 * MAX_DRIFT_MS ahead of wall time throws, so the caller can refuse that change with a reason.
 */
export function receiveHlc(last: Hlc | null, remote: Hlc, wallMs: number, origin: string): Hlc {
  if (remote.wallMs - wallMs > MAX_DRIFT_MS) {
    throw new RangeError(`clock ${formatHlc(remote)} is more than a day ahead of this PC's time`);
  }
  const lastWall = last?.wallMs ?? 0;
  const wall = Math.max(wallMs, lastWall, remote.wallMs);
  if (wall === wallMs && wall > lastWall && wall > remote.wallMs) return { wallMs: wall, counter: 0, origin };
  const counter = Math.max(wall === lastWall ? (last?.counter ?? 0) : -1, wall === remote.wallMs ? remote.counter : -1);
  return bump(wall, counter, origin);
}

function bump(wallMs: number, counter: number, origin: string): Hlc {
  // A counter overflow (a million changes in one millisecond) moves to the next millisecond instead.
  return counter >= MAX_COUNTER ? { wallMs: wallMs + 1, counter: 0, origin } : { wallMs, counter: counter + 1, origin };
}

/** Negative, zero or positive as `a` is earlier than, the same as, or later than `b`. */
export function compareHlc(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
