/**
 * Inverting the Chinese map obfuscations. Each forward transform is the identity plus a small,
 * slowly varying offset, so the fixed-point iteration x ← x − (F(x) − target) converges fast
 * (each step shrinks the error about a thousandfold). The usual one-step inverse stops after the
 * first step and is off by ~2 m on the Lishu plain, which is too much for ditch work.
 */

/** A longitude/latitude pair in degrees. */
export type LonLat = [number, number];

/** Stop when F(x) is this close to the target, in degrees (~0.01 mm); well inside the 1e-7° brief. */
export const INVERSE_TOLERANCE_DEG = 1e-10;

/** More than enough: convergence takes 3–5 steps anywhere in China. */
const MAX_ITERATIONS = 30;

/** Solves forward(x) = target for x by fixed-point iteration, starting from `start` (default: target). */
export function invertNearIdentity(
  forward: (lon: number, lat: number) => LonLat,
  lon: number,
  lat: number,
  start: LonLat = [lon, lat],
): LonLat {
  let [x, y] = start;
  for (let i = 0; i < MAX_ITERATIONS; i++) {
    const [fx, fy] = forward(x, y);
    const dx = fx - lon;
    const dy = fy - lat;
    if (Math.abs(dx) < INVERSE_TOLERANCE_DEG && Math.abs(dy) < INVERSE_TOLERANCE_DEG) break;
    x -= dx;
    y -= dy;
  }
  return [x, y];
}
