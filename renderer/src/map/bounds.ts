import type { MapCollection } from '../../../shared/contract/network';
import type { Bbox } from './NetworkMap';

/** The extent of a feature collection, or null when it is empty. */
export function collectionBounds(collection: MapCollection): Bbox | null {
  let w = Infinity;
  let s = Infinity;
  let e = -Infinity;
  let n = -Infinity;
  const visit = (c: unknown): void => {
    if (typeof (c as number[])[0] === 'number') {
      const [x, y] = c as [number, number];
      if (x < w) w = x;
      if (x > e) e = x;
      if (y < s) s = y;
      if (y > n) n = y;
      return;
    }
    for (const child of c as unknown[]) visit(child);
  };
  for (const f of collection.features) visit(f.geometry.coordinates);
  return Number.isFinite(w) ? [w, s, e, n] : null;
}
