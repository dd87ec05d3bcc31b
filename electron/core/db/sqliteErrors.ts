import { AppError } from '../../../shared/contract/errors';

interface SqliteError extends Error {
  code?: string;
}

/**
 * Classify a SQLite failure so the UI can say something useful (Signal-Desktop does the same):
 * a corrupt file, a read-only folder and a locked database each need a different action.
 */
export function classifySqliteError(error: unknown, file: string): AppError | null {
  const code = (error as SqliteError)?.code;
  if (typeof code !== 'string' || !code.startsWith('SQLITE_')) return null;
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') {
    return new AppError('db_corrupt', {
      zh: `数据库文件已损坏或不是 DrainDesk 数据库：${file}。文件未被改动；请从备份恢复。`,
      en: `The database file is corrupt or not a DrainDesk database: ${file}. It was not modified; restore it from a backup.`,
    });
  }
  if (code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_CANTOPEN') || code.startsWith('SQLITE_PERM')) {
    return new AppError('db_readonly', {
      zh: `无法写入数据库文件：${file}。请检查该文件夹是否可写、磁盘是否已满。`,
      en: `Cannot write the database file: ${file}. Check that its folder is writable and the disk is not full.`,
    });
  }
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return new AppError('db_busy', {
      zh: '数据库正被另一个程序占用，请稍后重试。',
      en: 'The database is busy in another program; try again in a moment.',
    });
  }
  if (code.startsWith('SQLITE_FULL')) {
    return new AppError('db_readonly', {
      zh: `磁盘已满，无法写入：${file}`,
      en: `The disk is full; cannot write ${file}`,
    });
  }
  return null;
}
