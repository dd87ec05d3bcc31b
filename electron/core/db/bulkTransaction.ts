import type { Database } from 'better-sqlite3';

/**
 * Page cache for a bulk write, in KiB: room for a 200,000-segment import's changed pages (about
 * 1 KB of table, feed and index pages per row). Pages are allocated as used, and the connection's
 * own size comes back when the transaction ends.
 */
const BULK_CACHE_KIB = 512 * 1024;

/**
 * Run fn in one transaction (all or nothing) with a page cache that holds every page the write
 * touches. With the default 2 MB cache a 50,000-row import spills dirty pages to the WAL and
 * reads them back over and over; held in memory they are written once, at the commit.
 */
export function bulkTransaction<T>(db: Database, fn: () => T): T {
  const before = db.pragma('cache_size', { simple: true }) as number;
  db.pragma(`cache_size = -${BULK_CACHE_KIB}`);
  try {
    return db.transaction(fn)();
  } finally {
    db.pragma(`cache_size = ${before}`);
  }
}
