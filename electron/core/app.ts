import { mkdirSync } from 'node:fs';
import type { Database } from 'better-sqlite3';
import pkg from '../../package.json' with { type: 'json' };
import type { CoreContext, Source } from './context';
import { createDispatch, type Dispatch } from './api/dispatch';
import { openDatabase } from './db/connection';
import { DatabaseHolder } from './db/holder';
import { ensureTownship } from './db/township';
import { startDailyBackups, type DailyBackupOptions } from './db/dailyBackup';
import { workerParser } from './importers/worker/networkParser';
import { dataPaths } from './paths';
import { noSheetRenderer, type SheetPdfRenderer } from './sheets/port';
import { DEFAULT_TOWNSHIP_NAME } from './services/settings/defaults';
import { syncRuntime } from './services/sync/service';
import { createCoreState } from './state';

export interface CoreOptions {
  dataDir: string;
  transport: CoreContext['transport'];
  source?: Source;
  nativeBinding?: string;
  now?: () => Date;
  /**
   * Take the once-a-day automatic backup on open and then on a timer while the core runs (the
   * desktop app and browser mode do); `true` checks hourly, tests pass a short interval.
   */
  dailyBackup?: boolean | DailyBackupOptions;
  /** How sheets become PDF in this process (the entry point chooses: Electron, headless Chromium, a fake). */
  sheetRenderer?: SheetPdfRenderer;
  /** Sync with the county server in the background while enrolled (the desktop app and browser mode do). */
  syncLoop?: boolean;
  /** Sync's timeouts and pace (tests shorten them). */
  syncOptions?: CoreContext['syncOptions'];
  /** Parse import files in a worker thread, so the host keeps answering during an import. */
  parseInWorker?: boolean;
  /** The built renderer folder (browser mode); the field server serves the phone page from it. */
  rendererDir?: string;
}

export interface Core {
  ctx: CoreContext;
  /** The open database (a restore replaces it; read it through this getter each time). */
  readonly db: Database;
  dispatch: Dispatch;
  close(): void;
}

/** Open a data folder: database, migrations, township, and the dispatcher every transport uses. */
export async function openCore(opts: CoreOptions): Promise<Core> {
  const paths = dataPaths(opts.dataDir);
  mkdirSync(paths.dataDir, { recursive: true });
  const now = opts.now ?? (() => new Date());
  const openFile = async () => {
    const opened = await openDatabase({
      file: paths.databaseFile,
      backupsDir: paths.backupsDir,
      ...(opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {}),
    });
    return { ...opened, townshipId: ensureTownship(opened.db, now(), DEFAULT_TOWNSHIP_NAME) };
  };
  const first = await openFile();
  const database = new DatabaseHolder(first.db, first.townshipId, openFile, opts.nativeBinding);
  const ctx = {
    database,
    sheetRenderer: opts.sheetRenderer ?? noSheetRenderer,
    ...paths,
    appVersion: pkg.version,
    transport: opts.transport,
    source: opts.source ?? 'desk',
    now,
    ...(opts.syncOptions ? { syncOptions: opts.syncOptions } : {}),
    state: createCoreState(),
    ...(opts.parseInWorker ? { networkParser: workerParser(opts.nativeBinding) } : {}),
    ...(opts.nativeBinding ? { sqliteBinding: opts.nativeBinding } : {}),
    ...(opts.rendererDir ? { rendererDir: opts.rendererDir } : {}),
  } as Omit<CoreContext, 'db' | 'townshipId'> as CoreContext;
  Object.defineProperties(ctx, {
    db: { get: () => database.current, enumerable: true },
    townshipId: { get: () => database.townshipId, enumerable: true },
  });
  const daily = opts.dailyBackup ? await startDailyBackups(ctx, opts.dailyBackup === true ? {} : opts.dailyBackup) : null;
  // Made here, on the context every call shares, so the loop and the status outlive each call.
  const sync = syncRuntime(ctx);
  if (opts.syncLoop) sync.start();
  return {
    ctx,
    get db() {
      return database.current;
    },
    dispatch: createDispatch(ctx),
    close: () => {
      daily?.stop();
      ctx.sync?.stop();
      void ctx.networkParser?.close();
      database.current.close();
    },
  };
}
