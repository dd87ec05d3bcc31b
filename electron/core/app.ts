import { mkdirSync } from 'node:fs';
import type { Database } from 'better-sqlite3';
import pkg from '../../package.json' with { type: 'json' };
import type { CoreContext, Source } from './context';
import { createDispatch, type Dispatch } from './api/dispatch';
import { openDatabase } from './db/connection';
import { ensureTownship } from './db/township';
import { createBackup, listBackups } from './db/backups';
import { mirrorAttachments } from './db/attachments';
import { dataPaths } from './paths';
import { loadDivisions } from './services/setup/divisionsFile';
import { DEFAULT_TOWNSHIP_NAME } from './services/settings/defaults';
import type { DivisionIndex } from './services/setup/divisionIndex';

export interface CoreOptions {
  dataDir: string;
  transport: CoreContext['transport'];
  source?: Source;
  nativeBinding?: string;
  now?: () => Date;
  /** Take the once-a-day automatic backup on open (the desktop app and browser mode do). */
  dailyBackup?: boolean;
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
  let divisions: DivisionIndex | null = null;
  const ctx: CoreContext = {
    db,
    townshipId,
    ...paths,
    appVersion: pkg.version,
    transport: opts.transport,
    source: opts.source ?? 'desk',
    now,
    divisions: () => (divisions ??= loadDivisions()),
  };
  if (opts.dailyBackup) {
    const today = now().toISOString().slice(0, 10);
    if (!listBackups(paths.backupsDir).some((b) => b.reason === 'daily' && b.createdAt.startsWith(today))) {
      await createBackup(db, paths.backupsDir, 'daily', now());
      mirrorAttachments(paths.dataDir, paths.backupsDir);
    }
  }
  return { ctx, db, dispatch: createDispatch(ctx), close: () => db.close() };
}
