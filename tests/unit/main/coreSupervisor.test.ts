import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { CorePort, CoreReply, CoreRequest } from '../../../electron/main/coreRelay';
import { superviseCore, type CoreNotice, type CoreProcess } from '../../../electron/main/coreSupervisor';
import { serveCore, type ParentPort } from '../../../electron/core/host/coreService';
import type { Core } from '../../../electron/core/app';
import { tempDir } from '../../helpers/tempDir';

/**
 * A core "process" in this process: main's side of the channel, the core's side, and a way to
 * make it die. Electron cannot run here, so the boundary is tested with this fake, as in
 * coreRelay.test.ts.
 */
function fakeProcess(dataDir: string, opened: Core[]) {
  const toCore = new EventEmitter();
  const toMain = new EventEmitter();
  let alive = true;
  const port = {
    postMessage: (m: CoreRequest) => {
      if (alive) toCore.emit('message', { data: m });
    },
    on: (event: string, listener: (...args: unknown[]) => void) => toMain.on(event, listener),
  } as unknown as CorePort;
  const coreSide: ParentPort = {
    on: (_event, listener) => void toCore.on('message', listener),
    postMessage: (m) => {
      if (alive) toMain.emit('message', m as CoreReply);
    },
  };
  const ready = serveCore(coreSide, { dataDir, transport: 'ipc' }).then((core) => {
    if (core) opened.push(core);
    return core;
  });
  const die = (code: number) => {
    alive = false;
    toCore.removeAllListeners();
    toMain.emit('exit', code);
  };
  return { proc: { port, kill: () => die(0) } satisfies CoreProcess, ready, die, coreSide, toCore };
}

describe('the supervised core (desktop app)', () => {
  it('restarts a core that died, answers its unanswered call with a clear error, tells the user, and keeps every acknowledged write', async () => {
    const dataDir = tempDir();
    const opened: Core[] = [];
    const spawned: ReturnType<typeof fakeProcess>[] = [];
    const notices: CoreNotice[] = [];
    const supervisor = superviseCore({
      spawn: () => {
        const p = fakeProcess(dataDir, opened);
        spawned.push(p);
        return p.proc;
      },
      notify: (n) => notices.push(n),
    });
    await spawned[0]!.ready;
    // An acknowledged write: the reply came back, so its transaction was committed to the WAL.
    expect(await supervisor.relay('settings.update', { townshipName: '三合乡' })).toMatchObject({ ok: true });
    // A call the core never answers (it dies first): the page gets an error, not a hang.
    spawned[0]!.toCore.removeAllListeners('message');
    const inFlight = supervisor.relay('settings.update', { townshipName: '未确认' });
    spawned[0]!.die(9);
    expect(await inFlight).toMatchObject({ ok: false, error: { code: 'internal', message: expect.stringContaining('没有得到确认') } });
    expect(spawned).toHaveLength(2);
    expect(notices).toMatchObject([{ kind: 'restarted', exitCode: 9, message: { zh: expect.stringContaining('已自动重新启动') } }]);
    await spawned[1]!.ready;
    // The new process opened the same data folder and reads the acknowledged write. (The SQLite
    // WAL gives this: a commit is in the log before the core replies, and a process that dies
    // mid-transaction leaves nothing of it — the crash-safety run kills a real process with -9.)
    expect(await supervisor.relay('settings.get', {})).toMatchObject({ ok: true, value: { townshipName: '三合乡' } });
    supervisor.stop();
    expect(spawned).toHaveLength(2);
    for (const core of opened) core.close();
  });

  it('stops restarting a core that keeps dying, and says so on every call', async () => {
    const spawned: { port: CorePort; die(code: number): void }[] = [];
    const notices: CoreNotice[] = [];
    let clock = 0;
    const supervisor = superviseCore({
      spawn: () => {
        const toMain = new EventEmitter();
        const port = { postMessage: () => undefined, on: (e: string, l: (...a: unknown[]) => void) => toMain.on(e, l) } as unknown as CorePort;
        spawned.push({ port, die: (code) => toMain.emit('exit', code) });
        return { port, kill: () => undefined };
      },
      notify: (n) => notices.push(n),
      maxRestarts: 3,
      windowMs: 60_000,
      now: () => clock,
    });
    for (let i = 0; i < 4; i++) {
      clock += 1000;
      spawned.at(-1)!.die(134);
    }
    expect(spawned).toHaveLength(4);
    expect(notices.map((n) => n.kind)).toEqual(['restarted', 'restarted', 'restarted', 'gave_up']);
    expect(await supervisor.relay('settings.get', {})).toMatchObject({ ok: false, error: { code: 'unavailable', message: expect.stringContaining('重新打开') } });
  });

  it('restarts again after a quiet spell, and never restarts a core the app stopped', () => {
    const spawned: ((code: number) => void)[] = [];
    let clock = 0;
    const supervisor = superviseCore({
      spawn: () => {
        const toMain = new EventEmitter();
        const port = { postMessage: () => undefined, on: (e: string, l: (...a: unknown[]) => void) => toMain.on(e, l) } as unknown as CorePort;
        spawned.push((code) => toMain.emit('exit', code));
        return { port, kill: () => toMain.emit('exit', 0) };
      },
      notify: () => undefined,
      maxRestarts: 1,
      windowMs: 10_000,
      now: () => clock,
    });
    spawned.at(-1)!(1);
    clock += 60_000;
    spawned.at(-1)!(1);
    expect(spawned).toHaveLength(3);
    supervisor.stop();
    expect(spawned).toHaveLength(3);
  });
});
