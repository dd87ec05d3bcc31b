import type { SyncProblem } from '../../../../shared/contract/syncDesk';
import { AppError } from '../../../../shared/contract/errors';
import { SyncFailure } from './failure';
import type { RoundOutcome } from './round';

/** How often and how patiently the loop syncs. */
export interface SyncLoopOptions {
  /** Between rounds while the server answers. */
  intervalMs: number;
  /** The longest wait between attempts while it does not. */
  maxBackoffMs: number;
}

export const DEFAULT_LOOP: SyncLoopOptions = { intervalMs: 5_000, maxBackoffMs: 60_000 };

/** What the loop knows beyond the database: the state of this process's attempts. */
export interface RuntimeState {
  syncing: boolean;
  lastAttemptAt: string | null;
  offlineSince: string | null;
  problem: { kind: SyncProblem; message: string; messageEn: string } | null;
  lastRound: RoundOutcome | null;
  loopRunning: boolean;
}

/**
 * The background sync of one open data folder: a round every few seconds while the server answers,
 * backing off (doubling up to a minute) while it does not, and stopping when the key is refused
 * (revoked, other township) until the office re-keys. `runNow` is the 立即同步 button and the CLI.
 * One round at a time: a request while one runs waits for it and then runs its own.
 */
export class SyncRuntime {
  readonly state: RuntimeState = { syncing: false, lastAttemptAt: null, offlineSince: null, problem: null, lastRound: null, loopRunning: false };
  private timer: ReturnType<typeof setTimeout> | null = null;
  private current: Promise<RoundOutcome> | null = null;
  private failures = 0;
  /** The loop was asked for (it may be halted by a refused key until the office re-keys). */
  private wanted = false;

  constructor(
    private readonly round: () => Promise<RoundOutcome>,
    private readonly now: () => Date,
    private readonly loop: SyncLoopOptions = DEFAULT_LOOP,
  ) {}

  /** Start the loop (the desktop app and browser mode do; the CLI syncs once). */
  start(): void {
    this.wanted = true;
    if (this.state.loopRunning) return;
    this.state.loopRunning = true;
    this.schedule(0);
  }

  stop(): void {
    this.wanted = false;
    this.halt();
  }

  private halt(): void {
    this.state.loopRunning = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** Forget the last failure (after enrolling or disconnecting); a loop halted by a refused key resumes. */
  reset(): void {
    this.failures = 0;
    this.state.problem = null;
    this.state.offlineSince = null;
    this.state.lastRound = null;
    if (this.wanted && !this.state.loopRunning) this.start();
  }

  /** One round now; its failure is recorded in the state and thrown. */
  async runNow(): Promise<RoundOutcome> {
    while (this.current) await this.current.catch(() => undefined);
    const attempt = this.attempt();
    this.current = attempt;
    try {
      return await attempt;
    } finally {
      this.current = null;
    }
  }

  /** Wait for a round in progress (closing the database under one would fail it needlessly). */
  async idle(): Promise<void> {
    while (this.current) await this.current.catch(() => undefined);
  }

  /** The loop's own round: skipped if, while it waited for another round, the loop was halted. */
  private async loopRound(): Promise<void> {
    await this.idle();
    if (!this.state.loopRunning) return;
    await this.runNow();
  }

  private async attempt(): Promise<RoundOutcome> {
    const at = this.now().toISOString();
    this.state.syncing = true;
    this.state.lastAttemptAt = at;
    try {
      const outcome = await this.round();
      this.failures = 0;
      this.state.problem = null;
      this.state.offlineSince = null;
      this.state.lastRound = outcome;
      return outcome;
    } catch (error) {
      this.failures++;
      const failure = asFailure(error);
      this.state.problem = { kind: failure.kind, message: failure.messageZh, messageEn: failure.messageEn };
      if (failure.transient) this.state.offlineSince ??= at;
      else this.state.offlineSince = null;
      if (failure.kind === 'revoked' || failure.kind === 'forbidden') this.halt();
      throw failure;
    } finally {
      this.state.syncing = false;
    }
  }

  private schedule(delayMs: number): void {
    if (!this.state.loopRunning) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.loopRound().then(
        () => this.schedule(this.loop.intervalMs),
        () => this.schedule(Math.min(this.loop.maxBackoffMs, this.loop.intervalMs * 2 ** Math.min(this.failures, 10))),
      );
    }, delayMs);
    // The loop never keeps a process alive on its own (a CLI or test that is done may exit).
    this.timer.unref?.();
  }
}

/** Any error of a round as a classified failure. */
export function asFailure(error: unknown): SyncFailure {
  if (error instanceof SyncFailure) return error;
  if (error instanceof AppError) return new SyncFailure('local', { zh: error.messageZh, en: error.messageEn });
  const message = error instanceof Error ? error.message : String(error);
  return new SyncFailure('local', { zh: `同步出错：${message}`, en: `Sync failed: ${message}` });
}
