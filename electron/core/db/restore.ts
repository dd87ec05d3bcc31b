import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import Database from 'better-sqlite3';
import { AppError, type Bilingual } from '../../../shared/contract/errors';
import type { BackupContents } from '../../../shared/contract/system';
import { BackupContentsRepository, DRAINDESK_TABLES } from './repositories/backupContents';

/** A backup copied beside the live database and checked, ready to be swapped in. */
export interface StagedBackup {
  file: string;
  schemaVersion: number;
  contents: BackupContents;
  /** Remove the staged copy (after a swap it is already gone). */
  discard(): void;
}

const SIDECARS = ['-wal', '-shm'] as const;

function removeWithSidecars(file: string): void {
  for (const suffix of ['', ...SIDECARS]) rmSync(`${file}${suffix}`, { force: true });
}

function notOurs(name: string, why: Bilingual): AppError {
  return new AppError('import_invalid', {
    zh: `“${name}”不是 DrainDesk 的备份（${why.zh}），未恢复；当前数据未被改动。请选择备份文件夹中的 draindesk-….sqlite 文件。`,
    en: `“${name}” is not a DrainDesk backup (${why.en}); nothing was restored and the current data is unchanged. Choose a draindesk-….sqlite file from the backups folder.`,
  });
}

/**
 * Copy a backup beside the live database and check the copy on a read-only connection: a SQLite
 * file, `PRAGMA integrity_check` ok, DrainDesk's tables, a version this app can open. The source is
 * never opened (a live file's WAL is copied along), and on any refusal nothing else is touched.
 */
export function stageBackup(source: string, opts: { databaseFile: string; latestVersion: number; nativeBinding?: string | undefined }): StagedBackup {
  const name = basename(source);
  if (!existsSync(source) || !statSync(source).isFile()) {
    throw new AppError('not_found', { zh: `找不到备份文件：${source}；当前数据未被改动`, en: `No such backup file: ${source}; the current data is unchanged` });
  }
  if (statSync(source).size === 0) throw notOurs(name, { zh: '文件是空的', en: 'the file is empty' });
  const staged = `${opts.databaseFile}.restoring-${randomBytes(4).toString('hex')}`;
  const discard = () => removeWithSidecars(staged);
  try {
    copyFileSync(source, staged);
    if (existsSync(`${source}-wal`)) copyFileSync(`${source}-wal`, `${staged}-wal`);
    const checked = checkStaged(staged, name, opts);
    if (existsSync(`${staged}-wal`)) foldWal(staged, opts.nativeBinding);
    return { file: staged, ...checked, discard };
  } catch (error) {
    discard();
    throw error;
  }
}

function open(file: string, nativeBinding: string | undefined, readonly: boolean): Database.Database {
  return new Database(file, { readonly, fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
}

function checkStaged(staged: string, name: string, opts: { latestVersion: number; nativeBinding?: string | undefined }): Omit<StagedBackup, 'file' | 'discard'> {
  let db: Database.Database | undefined;
  try {
    try {
      db = open(staged, opts.nativeBinding, true);
      db.prepare('SELECT count(*) FROM sqlite_master').get();
    } catch {
      throw notOurs(name, { zh: '不是 SQLite 数据库文件', en: 'not a SQLite database file' });
    }
    const repo = new BackupContentsRepository(db);
    let findings: string[];
    try {
      findings = repo.integrity();
    } catch (error) {
      findings = [error instanceof Error ? error.message : String(error)];
    }
    if (findings.length !== 1 || findings[0] !== 'ok') {
      throw new AppError('db_corrupt', {
        zh: `备份“${name}”已损坏（完整性检查：${findings.slice(0, 3).join('；')}），未恢复；当前数据未被改动。请选另一份备份。`,
        en: `The backup “${name}” is damaged (integrity check: ${findings.slice(0, 3).join('; ')}); nothing was restored and the current data is unchanged. Choose another backup.`,
      });
    }
    const tables = repo.tables();
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version === 0 || DRAINDESK_TABLES.some((t) => !tables.has(t))) {
      throw notOurs(name, { zh: '其中没有 DrainDesk 的数据表', en: 'it has no DrainDesk tables' });
    }
    if (version > opts.latestVersion) {
      throw new AppError('db_newer_version', {
        zh: `备份“${name}”来自更新版本的 DrainDesk（数据版本 ${version}，本程序支持到 ${opts.latestVersion}），未恢复；当前数据未被改动。请先升级程序。`,
        en: `The backup “${name}” was written by a newer DrainDesk (schema ${version}; this app knows up to ${opts.latestVersion}); nothing was restored and the current data is unchanged. Update the app first.`,
      });
    }
    return { schemaVersion: version, contents: repo.contents() };
  } finally {
    db?.close();
  }
}

/** A copied live file came with its WAL: fold it into the staged copy so the copy stands alone. */
function foldWal(staged: string, nativeBinding: string | undefined): void {
  const db = open(staged, nativeBinding, false);
  try {
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
  for (const suffix of SIDECARS) rmSync(`${staged}${suffix}`, { force: true });
}

/**
 * Put a staged backup in place of the database file. Call with the live connection closed; a file
 * another program still has open is refused. Its WAL and shared-memory files go first (a stale WAL beside the new file would be replayed into
 * it), the old file is kept aside until `reopen` succeeds and put back if it fails.
 */
export async function swapDatabaseFile<T>(databaseFile: string, staged: StagedBackup, reopen: () => Promise<T>, reopenOld: () => Promise<unknown>): Promise<T> {
  // SQLite removes the WAL when its last connection closes: one still there means another program
  // (the desk app beside the CLI, or a second CLI) has the file open and would go on writing to
  // the replaced file. Refuse, and carry on with the file as it was.
  if (existsSync(`${databaseFile}-wal`)) {
    await reopenOld();
    throw new AppError('db_busy', {
      zh: '数据库正被另一个程序打开（例如另开的排涝调度台或命令行），未恢复；当前数据未被改动。请在该程序中恢复，或先关闭它。',
      en: 'The database is open in another program (another DrainDesk window or a command line); nothing was restored and the current data is unchanged. Restore from that program, or close it first.',
    });
  }
  const aside = `${databaseFile}.replaced-${randomBytes(4).toString('hex')}`;
  for (const suffix of SIDECARS) rmSync(`${databaseFile}${suffix}`, { force: true });
  renameSync(databaseFile, aside);
  try {
    renameSync(staged.file, databaseFile);
    const opened = await reopen();
    rmSync(aside, { force: true });
    return opened;
  } catch (error) {
    removeWithSidecars(databaseFile);
    renameSync(aside, databaseFile);
    await reopenOld();
    throw error;
  }
}
