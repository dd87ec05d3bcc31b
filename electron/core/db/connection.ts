import { existsSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { AppError } from '../../../shared/contract/errors';
import { createBackup } from './backups';
import { applyMigrations } from './migrate';
import { migrations as registry, type Migration } from './migrations';
import { classifySqliteError } from './sqliteErrors';

export interface OpenOptions {
  file: string;
  backupsDir: string;
  /**
   * Path to a better-sqlite3 binary built for another runtime (Electron's ABI). Tests and browser
   * mode use the Node build in node_modules; the desktop app in development passes its own.
   */
  nativeBinding?: string;
  /** The schema steps; the app's registry unless a test passes its own. */
  migrations?: readonly Migration[];
}

export interface OpenedDatabase {
  db: Database.Database;
  migratedFrom: number;
  schemaVersion: number;
}

function sqliteOptions(opts: OpenOptions, extra: Database.Options = {}): Database.Options {
  return opts.nativeBinding ? { ...extra, nativeBinding: opts.nativeBinding } : extra;
}

/**
 * Look at an existing file read-only before touching it: a corrupt file or one written by a newer
 * DrainDesk must be refused without a single byte changed (even switching to WAL writes the header).
 */
function probeVersion(opts: OpenOptions): number {
  if (!existsSync(opts.file) || statSync(opts.file).size === 0) return 0;
  let probe: Database.Database | undefined;
  try {
    probe = new Database(opts.file, sqliteOptions(opts, { readonly: true, fileMustExist: true }));
    probe.prepare('SELECT count(*) FROM sqlite_master').get();
    return probe.pragma('user_version', { simple: true }) as number;
  } catch (error) {
    throw classifySqliteError(error, opts.file) ?? error;
  } finally {
    probe?.close();
  }
}

/** Open the system of record: refuse what we cannot read safely, back up, then migrate. */
export async function openDatabase(opts: OpenOptions): Promise<OpenedDatabase> {
  const migrations = opts.migrations ?? registry;
  const LATEST_VERSION = migrations.length;
  const version = probeVersion(opts);
  if (version > LATEST_VERSION) {
    throw new AppError('db_newer_version', {
      zh: `数据库文件来自更新版本的 DrainDesk（数据版本 ${version}，本程序支持到 ${LATEST_VERSION}）：${opts.file}。文件未被改动，请升级程序后再打开。`,
      en: `The database was written by a newer DrainDesk (schema ${version}; this app knows up to ${LATEST_VERSION}): ${opts.file}. It was not modified; update the app to open it.`,
    });
  }
  let db: Database.Database;
  try {
    db = new Database(opts.file, sqliteOptions(opts));
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    db.pragma('synchronous = NORMAL');
  } catch (error) {
    throw classifySqliteError(error, opts.file) ?? error;
  }
  try {
    if (version > 0 && version < LATEST_VERSION) await createBackup(db, opts.backupsDir, 'pre-migration');
    const { from, to } = applyMigrations(db, migrations);
    return { db, migratedFrom: from, schemaVersion: to };
  } catch (error) {
    db.close();
    throw classifySqliteError(error, opts.file) ?? error;
  }
}
