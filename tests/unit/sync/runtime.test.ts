import { afterEach, describe, expect, it } from 'vitest';
import { SyncFailure } from '../../../electron/core/services/sync/failure';
import type { RoundOutcome } from '../../../electron/core/services/sync/round';
import { SyncRuntime } from '../../../electron/core/services/sync/runtime';

const ok = (): RoundOutcome => ({ at: new Date().toISOString(), pushed: 1, duplicates: 0, pulled: 2, conflicts: 0, blobsUp: 0, blobsDown: 0, missingBlobs: [] });
const offline = () => new SyncFailure('unreachable', { zh: '连不上县服务器', en: 'cannot reach' });
const revoked = () => new SyncFailure('revoked', { zh: '密钥已注销', en: 'revoked' }, 401);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const runtimes: SyncRuntime[] = [];
afterEach(() => runtimes.splice(0).forEach((r) => r.stop()));

function runtime(round: () => Promise<RoundOutcome>, intervalMs = 20, maxBackoffMs = 80): SyncRuntime {
  const r = new SyncRuntime(round, () => new Date(), { intervalMs, maxBackoffMs });
  runtimes.push(r);
  return r;
}

describe('sync loop', () => {
  it('syncs every interval while the server answers', async () => {
    let rounds = 0;
    const r = runtime(async () => (rounds++, ok()));
    r.start();
    await sleep(150);
    expect(rounds).toBeGreaterThanOrEqual(3);
    expect(r.state.problem).toBeNull();
    expect(r.state.lastRound?.pulled).toBe(2);
  });

  it('backs off while the server is unreachable, says since when, and recovers on its own', async () => {
    const times: number[] = [];
    let down = true;
    const r = runtime(async () => {
      times.push(Date.now());
      if (down) throw offline();
      return ok();
    }, 10, 200);
    r.start();
    await sleep(400);
    expect(r.state.problem?.kind).toBe('unreachable');
    const since = r.state.offlineSince;
    expect(since).not.toBeNull();
    // Gaps grow (10, 20, 40, 80, … ms): far fewer attempts than a fixed 10 ms pace would make.
    expect(times.length).toBeLessThan(12);
    const gaps = times.slice(1).map((t, i) => t - times[i]!);
    expect(gaps[gaps.length - 1]!).toBeGreaterThan(gaps[0]! * 2);
    down = false;
    await r.runNow();
    expect(r.state.problem).toBeNull();
    expect(r.state.offlineSince).toBeNull();
  });

  it('stops on a revoked key and says so; re-enrolling (reset) resumes the loop', async () => {
    let rounds = 0;
    let refused = true;
    const r = runtime(async () => {
      rounds++;
      if (refused) throw revoked();
      return ok();
    });
    r.start();
    await sleep(120);
    expect(rounds).toBe(1);
    expect(r.state.loopRunning).toBe(false);
    expect(r.state.problem).toMatchObject({ kind: 'revoked', message: '密钥已注销' });
    refused = false;
    r.reset();
    expect(r.state.loopRunning).toBe(true);
    await sleep(120);
    expect(rounds).toBeGreaterThan(2);
    expect(r.state.problem).toBeNull();
  });

  it('runs one round at a time: "sync now" during a round waits for it, then runs its own', async () => {
    let active = 0;
    let most = 0;
    let rounds = 0;
    const r = runtime(async () => {
      active++;
      most = Math.max(most, active);
      await sleep(30);
      active--;
      rounds++;
      return ok();
    });
    await Promise.all([r.runNow(), r.runNow(), r.runNow()]);
    expect(most).toBe(1);
    expect(rounds).toBe(3);
  });
});
