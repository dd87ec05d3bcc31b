import { performance } from 'node:perf_hooks';

/** Median wall time of `runs` runs of fn, in ms (after one warm-up run). */
export async function median(runs: number, fn: () => unknown | Promise<unknown>): Promise<number> {
  await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

/** One line per comparison: ours, the baseline measured in the same run, and the ratio. */
export function report(name: string, oursMs: number, baselineMs: number, target?: number): void {
  const ratio = oursMs / baselineMs;
  const verdict = target === undefined ? '' : ratio <= target ? `  ✓ within ${target}×` : `  ✗ over ${target}×`;
  console.log(`${name.padEnd(44)} ours ${oursMs.toFixed(1).padStart(8)} ms   baseline ${baselineMs.toFixed(1).padStart(8)} ms   ratio ${ratio.toFixed(2)}×${verdict}`);
}
