import { describe, expect, it } from 'vitest';
import { fitFrame, interpolate, scaleBar } from '../../../renderer/src/print/mapFrame';
import { DISTANCE_ONLY, WGS84_GEODESIC } from '../../../shared/geo/geodesic';

// The printed map's camera (renderer/src/print/mapFrame.ts): the township must fill the 92 mm
// frame as it did under maplibre's fitBounds, and the scale bar must state a true distance.
const TOWNSHIP: [number, number, number, number] = [124.12, 43.35, 124.31, 43.47];

describe('the printed map frame', () => {
  it('fits the day’s extent into the frame with 14 px to spare on the tighter side, centred', () => {
    const frame = fitFrame(TOWNSHIP, 620, 348);
    const [x0, y0] = frame.project(TOWNSHIP[0], TOWNSHIP[3]);
    const [x1, y1] = frame.project(TOWNSHIP[2], TOWNSHIP[1]);
    expect(Math.min(x0, y0, 620 - x1, 348 - y1)).toBeCloseTo(14, 6);
    expect(Math.min(x0, y0)).toBeGreaterThanOrEqual(14 - 1e-9);
    expect((x0 + x1) / 2).toBeCloseTo(310, 6);
    expect((y0 + y1) / 2).toBeCloseTo(174, 6);
    // North is up, east is right.
    expect(x1).toBeGreaterThan(x0);
    expect(y1).toBeGreaterThan(y0);
    // Twice the frame: one zoom level more.
    expect(fitFrame(TOWNSHIP, 1240, 696).zoom).toBeGreaterThan(frame.zoom);
  });

  it('without features shows maplibre’s starting view, and a single point at the top zoom', () => {
    const empty = fitFrame(null, 620, 348);
    expect(empty.zoom).toBe(11);
    expect(empty.project(124.2, 43.4).map((v) => Math.round(v))).toEqual([310, 174]);
    expect(fitFrame([124.2, 43.4, 124.2, 43.4], 620, 348).zoom).toBe(22);
  });

  it('draws a scale bar whose label is the true ground distance of its width', () => {
    const frame = fitFrame(TOWNSHIP, 620, 348);
    const bar = scaleBar(frame);
    const m = /^(\d+(?:\.\d+)?)\u00a0(km|m)$/.exec(bar.label);
    expect(m).not.toBeNull();
    const labelled = Number(m![1]) * (m![2] === 'km' ? 1000 : 1);
    expect(bar.widthPx).toBeGreaterThan(30);
    expect(bar.widthPx).toBeLessThanOrEqual(100);
    // Measure the bar on the ground across the middle of the map.
    const lonAt = (x: number) => {
      // Invert the frame's x by bisection (it is monotonic).
      let lo = TOWNSHIP[0] - 1;
      let hi = TOWNSHIP[2] + 1;
      for (let i = 0; i < 60; i++) {
        const mid = (lo + hi) / 2;
        if (frame.project(mid, frame.centreLat)[0] < x) lo = mid;
        else hi = mid;
      }
      return lo;
    };
    const ground = WGS84_GEODESIC.Inverse(frame.centreLat, lonAt(310 - bar.widthPx / 2), frame.centreLat, lonAt(310 + bar.widthPx / 2), DISTANCE_ONLY).s12!;
    expect(Math.abs(ground - labelled) / labelled).toBeLessThan(0.005);
  });

  it('interpolates style stops as maplibre does, clamped at both ends', () => {
    const stops = [[10, 0.42], [14, 1.2], [18, 3]] as const;
    expect(interpolate(8, stops)).toBe(0.42);
    expect(interpolate(12, stops)).toBeCloseTo(0.81, 10);
    expect(interpolate(16, stops)).toBeCloseTo(2.1, 10);
    expect(interpolate(30, stops)).toBe(3);
  });
});
