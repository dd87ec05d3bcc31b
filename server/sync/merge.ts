/** One version of a row as the merge sees it. */
export interface RowVersion {
  changeId: string;
  hlc: string;
  baseHlc: string | null;
  origin: string;
  row: Record<string, unknown> | null;
}

export interface MergeDecision {
  /** The version the replica keeps. */
  winner: 'incoming' | 'current';
  /** The two were made in parallel (neither author had seen the other): the loser is kept as a conflict. */
  conflict: boolean;
}

/** `later` was made on top of `earlier` (or of something after it): its base is at or after earlier's clock. */
function descends(later: RowVersion, earlier: RowVersion): boolean {
  return later.baseHlc !== null && later.baseHlc >= earlier.hlc;
}

/**
 * Last writer by clock wins, whatever order versions arrive in. Two versions are parallel when
 * neither was made on top of the other (ODK Central's base version): then, unless the table is an
 * append-only event table (a union), the loser is a conflict. A version that arrives after one
 * made on top of it (an out-of-order batch) is no conflict.
 */
export function mergeVersion(current: RowVersion | null, incoming: RowVersion, appendOnly: boolean): MergeDecision {
  if (!current) return { winner: 'incoming', conflict: false };
  if (incoming.hlc === current.hlc) return { winner: 'current', conflict: false };
  if (incoming.hlc > current.hlc) return { winner: 'incoming', conflict: !appendOnly && !descends(incoming, current) };
  return { winner: 'current', conflict: !appendOnly && !descends(current, incoming) };
}
