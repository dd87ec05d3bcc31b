import { mkdirSync } from 'node:fs';
import type { Database } from 'better-sqlite3';
import pkg from '../../package.json' with { type: 'json' };
import type { CoreContext, Source } from './context';
import { createDispatch, type Dispatch } from './api/dispatch';
import { openDatabase } from './db/connection';
import { ensureTownship } from './db/township';
import { createBackup, listBackups } from './db/backups';
import { mirrorAttachments } from './db/attachments';
import { workerParser } from './importers/worker/networkParser';
import { dataPaths } from './paths';
import { DEFAULT_TOWNSHIP_NAME } from './services/settings/defaults';
import { syncRuntime } from './services/sync/service';
import { createCoreState } from './state';

export interface CoreOptions {
  dataDir: string;
  transport: CoreContext['transport'];
  source?: Source;
  nativeBinding?: string;
  now?: () => Date;
  /** Take the once-a-day automatic backup on open (the desktop app and browser mode do). */
  dailyBackup?: boolean;
  /** Sync with the county server in the background while enrolled (the desktop app and browser mode do). */
  syncLoop?: boolean;
  /** Sync's timeouts and pace (tests shorten them). */
  syncOptions?: CoreContext['syncOptions'];
  /** Parse import files in a worker thread, so the host keeps answering during an import. */
  parseInWorker?: boolean;
}

export interface Core {
  ctx: CoreContext;
  db: Database;
  dispatch: Dispatch;
  close(): void;
}

/** Open a data folder: database, migrations, township, and the dispatcher every transport uses. */
export async function openCore(opts: CoreOptions): Promise<Core> {
  const paths = dataPaths(opts.dataDir);
  mkdirSync(paths.dataDir, { recursive: true });
  const now = opts.now ?? (() => new Date());
  const { db } = await openDatabase({
    file: paths.databaseFile,
    backupsDir: paths.backupsDir,
    ...(opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {}),
  });
  const townshipId = ensureTownship(db, now(), DEFAULT_TOWNSHIP_NAME);
  const ctx: CoreContext = {
    db,
    townshipId,
    ...paths,
    appVersion: pkg.version,
    transport: opts.transport,
    source: opts.source ?? 'desk',
    now,
    ...(opts.syncOptions ? { syncOptions: opts.syncOptions } : {}),
    state: createCoreState(),
    ...(opts.parseInWorker ? { networkParser: workerParser(opts.nativeBinding) } : {}),
    ...(opts.nativeBinding ? { sqliteBinding: opts.nativeBinding } : {}),
  };
  if (opts.dailyBackup) {
    const today = now().toISOString().slice(0, 10);
    if (!listBackups(paths.backupsDir).some((b) => b.reason === 'daily' && b.createdAt.startsWith(today))) {
      await createBackup(db, paths.backupsDir, 'daily', now());
      mirrorAttachments(paths.dataDir, paths.backupsDir);
    }
  }
  // Made here, on the context every call shares, so the loop and the status outlive each call.
  const sync = syncRuntime(ctx);
  if (opts.syncLoop) sync.start();
  return {
    ctx,
    db,
    dispatch: createDispatch(ctx),
    close: () => {
      ctx.sync?.stop();
      void ctx.networkParser?.close();
      db.close();
    },
  };
}
