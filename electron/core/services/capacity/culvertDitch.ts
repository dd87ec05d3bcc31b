/** Which ditch a culvert sits on, for its slope (DESIGN §2: a culvert is a point on a ditch). */
import { localProjection, projectLine } from '../../../../shared/calc/localMetres';
import { buildPieceIndex } from '../../../../shared/calc/networkGrid';
import type { CulvertRow, DitchRow } from './load';

/** The ditch a culvert sits on: its ditch_id, else the nearest non-river ditch within the snap tolerance. */
export function culvertDitchFinder(ditches: readonly DitchRow[], tolerance: number): (c: CulvertRow) => DitchRow | null {
  // Both look-ups are built on first use: many townships have no culverts without a ditch_id.
  let byId: Map<string, DitchRow> | null = null;
  let index: ReturnType<typeof buildPieceIndex> | null = null;
  let projection: ReturnType<typeof localProjection> | null = null;
  return (c) => {
    if (c.ditch_id !== null) {
      byId ??= new Map(ditches.map((d) => [d.id, d]));
      return byId.get(c.ditch_id) ?? null;
    }
    if (ditches.length === 0) return null;
    if (index === null || projection === null) {
      projection = localProjection(ditches[0]!.coords[0]![1]);
      const p = projection;
      const empty = new Float64Array(0);
      const lines = ditches.map((d) => (d.kind === 'river' ? empty : projectLine(d.coords, p)));
      index = buildPieceIndex(lines, ditches.flatMap((d, i) => (d.kind === 'river' ? [] : [i])), tolerance, 100);
    }
    let best = -1;
    let bestD = Infinity;
    index.near(projection.x(c.position[0]), projection.y(c.position[1]), (i, _v, d) => {
      if (d < bestD || (d === bestD && i < best)) {
        best = i;
        bestD = d;
      }
    });
    return best === -1 ? null : ditches[best]!;
  };
}
