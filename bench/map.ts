// Issue 15's map targets, each against a bare maplibre page with the same GeoJSON measured in the
// same run: open to idle with the whole network in view (≤ 0.5×), pan/zoom on software WebGL
// (≥ 20 fps; also with the page composited in software, as Chromium does on a PC without a usable
// GPU), renderer memory (≤ 1.2×), and an edit showing on the open map (≤ 300 ms).
import { rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { report } from './lib';
import { measureMapPage } from './mapPage';
import { importedNetwork } from './networkData';

const SEGMENTS = 50_000;
const POINTS = 5_000;

export async function benchMap(): Promise<void> {
  const dataDir = await importedNetwork(SEGMENTS, POINTS);
  try {
    console.log(`map page: ${SEGMENTS.toLocaleString()} ditch segments + ${POINTS.toLocaleString()} points, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
    const { open, ours, bare, softwareCompositing } = await measureMapPage(dataDir);
    report('map open to idle, whole network (median of 3)', open.ours, open.baseline, 0.5);
    report('map open, first of the core (cuts the tiles)', open.firstOurs, open.baseline);
    const fps = (name: string, mine: number, baseline: number) =>
      console.log(`${name.padEnd(44)} ours ${mine.toFixed(1).padStart(8)} fps  baseline ${baseline.toFixed(1).padStart(8)} fps  ratio ${(mine / baseline).toFixed(2)}×  ${mine >= 20 ? '✓ at least 20 fps' : '✗ under 20 fps'}`);
    fps('pan and zoom, software WebGL', ours.fps, bare.fps);
    fps('  … composited in software (no usable GPU)', softwareCompositing.ours, softwareCompositing.bare);
    const mb = (b: number) => b / 1024 / 1024;
    const memRatio = ours.rss / bare.rss;
    console.log(`${'renderer memory with the map open'.padEnd(44)} ours ${mb(ours.rss).toFixed(0).padStart(8)} MB   baseline ${mb(bare.rss).toFixed(0).padStart(8)} MB   ratio ${memRatio.toFixed(2)}×  ${memRatio <= 1.2 ? '✓ within 1.2×' : '✗ over 1.2×'}`);
    report('an edit shows on the open map (ms; ≤ 300)', ours.editMs, bare.editMs);
    console.log(`  edit to map: ${ours.editMs <= 300 ? '✓' : '✗'} ${ours.editMs.toFixed(0)} ms against the 300 ms target; load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
