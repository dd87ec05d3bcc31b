/** Metres between two WGS84 positions (haversine; plenty for "how far is it"). */
export function distanceM(a: readonly [number, number], b: readonly [number, number]): number {
  const r = 6_371_008.8;
  const rad = Math.PI / 180;
  const dLat = (b[1] - a[1]) * rad;
  const dLon = (b[0] - a[0]) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * rad) * Math.cos(b[1] * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * r * Math.asin(Math.sqrt(h));
}

const DIRECTIONS = ['北', '东北', '东', '东南', '南', '西南', '西', '西北'];

/** "320 米 · 东北" from me to there. */
export function distanceText(from: readonly [number, number], to: readonly [number, number]): string {
  const d = distanceM(from, to);
  const y = Math.sin((to[0] - from[0]) * (Math.PI / 180)) * Math.cos(to[1] * (Math.PI / 180));
  const x = Math.cos(from[1] * (Math.PI / 180)) * Math.sin(to[1] * (Math.PI / 180)) - Math.sin(from[1] * (Math.PI / 180)) * Math.cos(to[1] * (Math.PI / 180)) * Math.cos((to[0] - from[0]) * (Math.PI / 180));
  const bearing = ((Math.atan2(y, x) * 180) / Math.PI + 360) % 360;
  const dir = DIRECTIONS[Math.round(bearing / 45) % 8];
  const len = d < 1000 ? `${Math.round(d)} 米` : `${(d / 1000).toFixed(d < 10_000 ? 1 : 0)} 公里`;
  return d < 20 ? `就在附近（${Math.round(d)} 米）` : `${len} · ${dir}`;
}

/** The contract's ceiling for a GPS accuracy; a coarser fix (a cell-tower guess) is sent as this, not refused. */
const MAX_ACCURACY_M = 100_000;

/** Where an update says it was made: the current fix and its accuracy (metres, 0.1 m), or none. */
export function gpsOf(fix: { position: [number, number]; accuracyM: number } | null): { position: [number, number] | null; accuracyM: number | null } {
  if (!fix) return { position: null, accuracyM: null };
  const accuracy = Number.isFinite(fix.accuracyM) && fix.accuracyM >= 0 ? Math.round(Math.min(fix.accuracyM, MAX_ACCURACY_M) * 10) / 10 : null;
  return { position: fix.position, accuracyM: accuracy };
}

/** "±8 米" for a GPS accuracy (a no-break space: the number and its unit stay on one line). */
export function accuracyText(accuracyM: number): string {
  return accuracyM >= 1000 ? `±${(accuracyM / 1000).toFixed(1)}\u00a0公里` : `±${Math.round(accuracyM)}\u00a0米`;
}
