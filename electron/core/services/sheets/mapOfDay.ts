import type { BlockageRow } from '../../../../shared/contract/blockages';
import type { DeploymentRow } from '../../../../shared/contract/deployments';
import type { NetworkCollection, Village } from '../../../../shared/contract/network';
import type { SheetMap, SheetMapFeature } from '../../../../shared/contract/sheets';

/** Coordinates to 1e-5° (about 1 m): plenty for an A4 map, and a snapshot a fifth the size. */
const r5 = (x: number) => Math.round(x * 1e5) / 1e5;
const roundDeep = (c: unknown): unknown => (typeof c === 'number' ? r5(c) : Array.isArray(c) ? c.map(roundDeep) : c);

export interface MapInputs {
  network: NetworkCollection;
  villages: Village[];
  /** Blockages open at the end of the day, with the status they had then. */
  open: { row: BlockageRow; status: BlockageRow['status'] }[];
  /** Every live blockage's position (deployments may name one cleared that day). */
  blockagePositions: ReadonlyMap<string, [number, number]>;
  deployments: DeploymentRow[];
}

/**
 * The sheet's map of the day: villages and ditches (rivers, mains, branches and field ditches), the
 * blockages open at the day's end, and where the machines were, summed per place (a blockage's
 * position, or the middle of a village's extent). Free-text work sites have no position; they
 * are counted in `unplacedRows` so the caption can say so.
 */
export function mapOfDay(input: MapInputs): SheetMap {
  const features: SheetMapFeature[] = [];
  let w = Infinity;
  let s = Infinity;
  let e = -Infinity;
  let n = -Infinity;
  const grow = (lon: number, lat: number) => {
    w = Math.min(w, lon);
    s = Math.min(s, lat);
    e = Math.max(e, lon);
    n = Math.max(n, lat);
  };
  const walk = (c: unknown): void => {
    if (Array.isArray(c) && typeof c[0] === 'number') grow(c[0], c[1] as number);
    else if (Array.isArray(c)) c.forEach(walk);
  };
  for (const f of input.network.features) {
    const p = f.properties as Record<string, unknown>;
    if (f.properties.layer === 'area' && p.kind !== 'village') continue;
    if (f.properties.layer !== 'area' && f.properties.layer !== 'ditch') continue;
    walk(f.geometry.coordinates);
    features.push({
      type: 'Feature',
      id: String(f.id),
      geometry: { type: f.geometry.type, coordinates: roundDeep(f.geometry.coordinates) } as SheetMapFeature['geometry'],
      properties: {
        layer: f.properties.layer,
        id: String(f.id),
        name: String(p.name ?? ''),
        kind: String(p.kind ?? ''),
        ...(f.properties.layer === 'ditch' ? { condition: p.condition as SheetMapFeature['properties']['condition'] } : {}),
      },
    });
  }
  for (const { row, status } of input.open) {
    grow(row.position[0], row.position[1]);
    features.push({
      type: 'Feature',
      id: row.id,
      geometry: { type: 'Point', coordinates: row.position.map(r5) },
      properties: { layer: 'blockage', id: row.id, name: row.name, status },
    });
  }
  const villageCentre = new Map(input.villages.map((v) => [v.name, [(v.bbox[0] + v.bbox[2]) / 2, (v.bbox[1] + v.bbox[3]) / 2] as [number, number]]));
  const places = new Map<string, { at: [number, number]; machines: number; people: number; name: string }>();
  let unplacedRows = 0;
  for (const d of input.deployments) {
    const at = d.placeKind === 'blockage' && d.blockageId ? input.blockagePositions.get(d.blockageId) : d.placeKind === 'village' ? villageCentre.get(d.place) : undefined;
    if (!at) {
      unplacedRows++;
      continue;
    }
    const key = `${r5(at[0])},${r5(at[1])}`;
    const p = places.get(key) ?? { at, machines: 0, people: 0, name: d.placeLabel };
    p.machines += d.excavators + d.longArmExcavators + d.dumpTrucks + d.pumps;
    p.people += d.people;
    places.set(key, p);
  }
  for (const [key, p] of places) {
    features.push({
      type: 'Feature',
      id: `machines:${key}`,
      geometry: { type: 'Point', coordinates: p.at.map(r5) },
      properties: { layer: 'machines', id: `machines:${key}`, name: p.name, machines: p.machines, people: p.people },
    });
  }
  return { type: 'FeatureCollection', features, bbox: Number.isFinite(w) ? [w, s, e, n] : null, unplacedRows };
}
