import type { Result } from '../../shared/contract';
import { AppError, type Bilingual } from '../../shared/contract/errors';
import { createCoreRelay, type CorePort } from './coreRelay';
import type { Relay } from './ipc';

/** One running core process as the supervisor sees it. */
export interface CoreProcess {
  port: CorePort;
  kill(): void;
}

/** What the user is told: the core was restarted, or it kept dying and was given up on. */
export interface CoreNotice {
  kind: 'restarted' | 'gave_up';
  exitCode: number;
  restarts: number;
  message: Bilingual;
}

export interface CoreSupervisorOptions {
  /** Start a core process (Electron: utilityProcess.fork, wrapped for its print requests). */
  spawn(): CoreProcess;
  /** Tell the user (main shows a dialog). */
  notify(notice: CoreNotice): void;
  /** More than this many restarts within `windowMs` is a crash loop: stop restarting. */
  maxRestarts?: number;
  windowMs?: number;
  now?: () => number;
}

export interface CoreSupervisor {
  /** Relay a call to whichever core process is running now. */
  relay: Relay;
  /** The app is quitting: kill the core and do not restart it. */
  stop(): void;
}

/**
 * Keep the core running (issue 16). If its process dies, the calls it had not answered get a
 * clear error from the relay (their outcome is unknown to the page; a write the core had
 * acknowledged is on disk — SQLite's WAL commits are atomic and durable before the reply is
 * sent — and one it had not is either wholly there or not at all), a new process is started on
 * the same data folder, and the user is told. A core that keeps dying is given up on, with a
 * message, rather than restarted for ever.
 */
export function superviseCore(opts: CoreSupervisorOptions): CoreSupervisor {
  const maxRestarts = opts.maxRestarts ?? 3;
  const windowMs = opts.windowMs ?? 60_000;
  const now = opts.now ?? Date.now;
  const restarts: number[] = [];
  let stopping = false;
  let gaveUp: AppError | null = null;
  let current: CoreProcess;
  let relay: Relay;

  const start = () => {
    const proc = opts.spawn();
    current = proc;
    relay = createCoreRelay(proc.port);
    proc.port.on('exit', (code) => {
      if (stopping || current !== proc) return;
      const at = now();
      restarts.push(at);
      while (restarts.length && restarts[0]! < at - windowMs) restarts.shift();
      if (restarts.length > maxRestarts) {
        gaveUp = new AppError('unavailable', {
          zh: `数据服务反复意外退出（代码 ${code}），已停止重启。数据未丢失；请关闭并重新打开 DrainDesk。`,
          en: `The data service kept stopping (code ${code}) and is no longer restarted. No data was lost; close and reopen DrainDesk.`,
        });
        opts.notify({ kind: 'gave_up', exitCode: code, restarts: restarts.length, message: { zh: gaveUp.messageZh, en: gaveUp.messageEn } });
        return;
      }
      start();
      opts.notify({
        kind: 'restarted',
        exitCode: code,
        restarts: restarts.length,
        message: {
          zh: `数据服务意外退出（代码 ${code}），已自动重新启动。已保存的数据都在；退出时正在进行的操作请查看结果后再重试。`,
          en: `The data service stopped unexpectedly (code ${code}) and was restarted. Saved data is safe; check the outcome of what was in progress and retry it if needed.`,
        },
      });
    });
  };
  start();

  return {
    relay: (procedure, input): Promise<Result<unknown>> => (gaveUp ? Promise.resolve({ ok: false, error: gaveUp.toWire() }) : relay(procedure, input)),
    stop: () => {
      stopping = true;
      current.kill();
    },
  };
}
