import type { Database } from 'better-sqlite3';
import type { Migration } from './migrations/types';

/** Read the schema version SQLite keeps in the file header. */
export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Apply every migration newer than the file's version, all in one transaction: either the file
 * reaches the latest version or it stays exactly as it was.
 */
export function applyMigrations(db: Database, list: readonly Migration[]): { from: number; to: number } {
  const from = schemaVersion(db);
  const pending = list.filter((m) => m.version > from);
  db.transaction(() => {
    for (const m of pending) {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    }
  })();
  return { from, to: schemaVersion(db) };
}
