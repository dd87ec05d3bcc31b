/** The capacity map: ditches with their conveyance and fill for the rain, ranked blockages with their impact. */
import type { CapacityMap } from '../../../../shared/contract/capacity';
import type { Computed } from './report';

/** 1e-7° is about 1 cm: enough for drawing, and half the JSON of full doubles for 50,000 ditches. */
const round7 = (x: number): number => Math.round(x * 1e7) / 1e7;

export function capacityMap(c: Computed): CapacityMap {
  const { ditches, membership, report } = c;
  const features: CapacityMap['features'] = [];
  let box: [number, number, number, number] | null = null;
  const grow = (lon: number, lat: number) => {
    box = box ? [Math.min(box[0], lon), Math.min(box[1], lat), Math.max(box[2], lon), Math.max(box[3], lat)] : [lon, lat, lon, lat];
  };
  ditches.forEach((d, i) => {
    const a = membership.finestArea[i]!;
    for (const [lon, lat] of d.row.coords) grow(lon, lat);
    features.push({
      type: 'Feature',
      id: d.row.id,
      geometry: { type: 'LineString', coordinates: d.row.coords.map(([lon, lat]) => [round7(lon), round7(lat)] as [number, number]) },
      properties: {
        layer: 'ditch',
        name: d.row.name,
        kind: d.row.kind,
        condition: d.row.condition,
        valid: d.figures !== null,
        conveyanceM3s: d.figures?.conveyanceM3s ?? null,
        storageM3: d.figures?.storageM3 ?? null,
        fillPct: a === -1 ? null : (report.areas[a]?.fillPct ?? null),
      },
    });
  });
  for (const r of report.ranking) {
    if (r.position === null) continue;
    features.push({
      type: 'Feature',
      id: r.blockageId,
      geometry: { type: 'Point', coordinates: r.position },
      properties: { layer: 'blockage', name: r.name, rank: r.rank, runoffHeldM3: r.cutOff.runoffHeldM3, storageM3: r.cutOff.storageM3 },
    });
  }
  return { type: 'FeatureCollection', features, bbox: box };
}
