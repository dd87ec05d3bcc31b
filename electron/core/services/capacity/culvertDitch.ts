/** Which ditch a culvert sits on, for its slope (DESIGN §2: a culvert is a point on a ditch). */
import type { DrainageTopology } from '../../../../shared/calc';
import type { CulvertRow, DitchRow } from './load';

/**
 * The ditch a culvert sits on: its ditch_id, else the nearest ditch (not a river) within the snap
 * tolerance. The search uses the topology's projection and its index of ditch pieces (built once
 * per network state and patched when a ditch moves), not an index of its own.
 */
export function culvertDitchFinder(ditches: readonly DitchRow[], topology: DrainageTopology): (c: CulvertRow) => DitchRow | null {
  return (c) => {
    if (c.ditch_id !== null) {
      // The topology's ids are the ditch list's (segments are made from it in order).
      const i = topology.indexById.get(c.ditch_id);
      return i === undefined ? null : ditches[i]!;
    }
    if (ditches.length === 0) return null;
    let best = -1;
    let bestD = Infinity;
    topology.ditchIndex().near(topology.projection.x(c.position[0]), topology.projection.y(c.position[1]), (i, _v, d) => {
      if (d < bestD || (d === bestD && i < best)) {
        best = i;
        bestD = d;
      }
    });
    return best === -1 ? null : ditches[best]!;
  };
}
