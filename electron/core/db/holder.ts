import type { Database } from 'better-sqlite3';
import { AppError } from '../../../shared/contract/errors';

/** How long a restore waits for calls already running to finish before it gives up. */
const DRAIN_TIMEOUT_MS = 30_000;

/**
 * The open database of a core, which a restore can replace while the app runs. Handlers read
 * `ctx.db` per call (the context's getter reads `current` here), and the dispatcher holds each call
 * open through `enter()`, so a swap waits for running calls and holds back new ones until the new
 * file is open.
 */
export class DatabaseHolder {
  private gate: Promise<void> | null = null;
  private inflight = 0;
  private drained: (() => void) | null = null;

  constructor(
    public current: Database,
    public townshipId: string,
    /** Open (and migrate) the database file again: after a swap, or to put the old file back. */
    readonly openFile: () => Promise<{ db: Database; townshipId: string; migratedFrom: number; schemaVersion: number }>,
    /** The better-sqlite3 binary this process uses (Electron's), for the read-only checks too. */
    readonly nativeBinding?: string,
  ) {}

  /** True while a swap holds calls back. */
  get swapping(): boolean {
    return this.gate !== null;
  }

  /** Wait while a swap runs, then count a call as running; the returned function ends it. */
  async enter(): Promise<() => void> {
    while (this.gate) await this.gate;
    this.inflight++;
    let left = false;
    return () => {
      if (left) return;
      left = true;
      this.inflight--;
      this.drained?.();
    };
  }

  /**
   * Run `swap` with no other call running (the caller's own dispatched call counts as one) and new
   * calls held back until it is done; it returns the new connection and township.
   */
  async swap<T>(swap: () => Promise<{ db: Database; townshipId: string; result: T }>): Promise<T> {
    while (this.gate) await this.gate;
    let open!: () => void;
    this.gate = new Promise<void>((resolve) => (open = resolve));
    try {
      await this.drain(1);
      const next = await swap();
      this.current = next.db;
      this.townshipId = next.townshipId;
      return next.result;
    } finally {
      this.gate = null;
      open();
    }
  }

  private drain(allowed: number): Promise<void> {
    if (this.inflight <= allowed) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.drained = null;
        reject(
          new AppError('db_busy', {
            zh: `还有操作在进行（例如导入或打印），${DRAIN_TIMEOUT_MS / 1000} 秒内未结束；数据未被改动，请稍后再恢复`,
            en: `Other work (an import or a print) did not finish within ${DRAIN_TIMEOUT_MS / 1000} s; nothing was changed; restore again in a moment`,
          }),
        );
      }, DRAIN_TIMEOUT_MS);
      this.drained = () => {
        if (this.inflight > allowed) return;
        clearTimeout(timer);
        this.drained = null;
        resolve();
      };
    });
  }
}
