import type { Database, Statement } from 'better-sqlite3';
import { ShapeCache } from './tables';

/**
 * Prepared statements and table shapes of one connection. A cache of what can be derived from the
 * connection alone (never application state): repositories are made per call, and preparing the
 * feed's statements and reading table shapes on every write tripled the cost of a field update.
 */
export interface ConnectionCache {
  shapes: ShapeCache;
  stmt(key: string, sql: () => string): Statement;
}

const caches = new WeakMap<Database, ConnectionCache>();

export function connectionCache(db: Database): ConnectionCache {
  let cache = caches.get(db);
  if (!cache) {
    const statements = new Map<string, Statement>();
    cache = {
      shapes: new ShapeCache(db),
      stmt(key, sql) {
        let s = statements.get(key);
        if (!s) statements.set(key, (s = db.prepare(sql())));
        return s;
      },
    };
    caches.set(db, cache);
  }
  return cache;
}
