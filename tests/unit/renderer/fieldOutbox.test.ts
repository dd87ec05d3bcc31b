import { describe, expect, it } from 'vitest';
import { oneAtATime } from '../../../renderer/field/oneAtATime';
import { toaster, type Toast } from '../../../renderer/field/toast';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('the phone outbox is sent one run at a time', () => {
  it('an update queued while a send is under way is sent by a run after it, not dropped', async () => {
    const outbox: string[] = [];
    const sent: string[] = [];
    const gates: Array<ReturnType<typeof deferred>> = [];
    const flush = oneAtATime(async () => {
      const seen = [...outbox]; // the run reads the outbox first, as the IndexedDB read does
      const gate = deferred();
      gates.push(gate);
      await gate.promise;
      for (const item of seen) {
        sent.push(item);
        outbox.splice(outbox.indexOf(item), 1);
      }
    });
    const timerRun = flush(); // the 10-second timer's run, with an empty outbox
    outbox.push('上报 · 新堵点');
    const tapRun = flush(); // the tap that queued the report
    const secondTap = flush(); // another call during the same run shares the next run
    gates[0]!.resolve();
    await timerRun;
    expect(sent).toEqual([]);
    await Promise.resolve();
    await Promise.resolve();
    expect(gates).toHaveLength(2);
    gates[1]!.resolve();
    await tapRun;
    await secondTap;
    expect(sent).toEqual(['上报 · 新堵点']);
    expect(outbox).toEqual([]);
    expect(gates).toHaveLength(2);
  });

  it('a run that fails does not stop the next one', async () => {
    let calls = 0;
    const gate = deferred();
    const flush = oneAtATime(async () => {
      calls++;
      if (calls === 1) {
        await gate.promise;
        throw new Error('network');
      }
    });
    const first = flush().catch((e: Error) => e.message);
    const second = flush();
    gate.resolve();
    expect(await first).toBe('network');
    await second;
    expect(calls).toBe(2);
  });
});

describe('toasts on the phone', () => {
  it('the same words said twice stay up their full time after the second', () => {
    let shown: Toast | null = null;
    let now = 0;
    const timers: Array<{ at: number; fn: () => void }> = [];
    const say = toaster(
      (update) => (shown = update(shown)),
      { setTimeout: (fn, ms) => timers.push({ at: now + ms, fn }) },
      4000,
    );
    const advance = (to: number) => {
      now = to;
      for (const t of timers.filter((x) => x.at <= to)) {
        timers.splice(timers.indexOf(t), 1);
        t.fn();
      }
    };
    say('已发送到办公室 ✓');
    advance(3000);
    say('已发送到办公室 ✓');
    advance(4000); // the first toast's timer
    expect(shown).toMatchObject({ text: '已发送到办公室 ✓', kind: 'ok' });
    advance(6999);
    expect(shown).not.toBeNull();
    advance(7000);
    expect(shown).toBeNull();
  });

  it('a newer toast is not removed by an older one’s timer', () => {
    let shown: Toast | null = null;
    const timers: Array<() => void> = [];
    const say = toaster((update) => (shown = update(shown)), { setTimeout: (fn) => timers.push(fn) });
    say('已保存在手机上，正在发送…', 'wait');
    say('未能发送：上报 · 新堵点', 'bad');
    timers[0]!();
    expect(shown).toMatchObject({ text: '未能发送：上报 · 新堵点', kind: 'bad' });
    timers[1]!();
    expect(shown).toBeNull();
  });
});
