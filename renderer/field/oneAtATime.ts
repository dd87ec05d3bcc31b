/**
 * Runs `work` one at a time. A call made while a run is under way is not dropped: it gets a run
 * that starts once that one ends (the running one may have read the outbox before the caller's
 * update was put in it). Calls made during the same run share that next run.
 */
export function oneAtATime(work: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | null = null;
  let next: Promise<void> | null = null;
  const again = (): Promise<void> => {
    next = null;
    return run();
  };
  const run = (): Promise<void> => {
    if (running) return (next ??= running.then(again, again));
    const current = work().finally(() => {
      running = null;
    });
    running = current;
    return current;
  };
  return run;
}
