import { performance } from 'node:perf_hooks';

/**
 * Where the time of a long job goes, phase by phase (parse, validate, lengths, sql, feed, rtree for
 * an import): the bench prints it. Passed in by whoever wants the breakdown; code that times
 * nothing passes none and pays nothing.
 */
export class PhaseTimer {
  readonly ms = new Map<string, number>();

  /** Run fn and add its wall time to the phase. */
  time<T>(phase: string, fn: () => T): T {
    const t0 = performance.now();
    try {
      return fn();
    } finally {
      this.add(phase, performance.now() - t0);
    }
  }

  /** Add time measured elsewhere (an await, a worker) to a phase. */
  add(phase: string, ms: number): void {
    this.ms.set(phase, (this.ms.get(phase) ?? 0) + ms);
  }
}

/** Time fn under the phase when there is a timer, else just run it. */
export function timed<T>(timer: PhaseTimer | undefined, phase: string, fn: () => T): T {
  return timer ? timer.time(phase, fn) : fn();
}
