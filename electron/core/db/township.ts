import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { ChangeFeed } from './feed/changeFeed';

/**
 * The township this database belongs to. One database holds one township; its id goes on every
 * row so a county roll-up can tell townships apart. Its creation is the first entry of the feed.
 */
export function ensureTownship(db: Database, now: Date, defaultName: string): string {
  const row = db.prepare('SELECT id FROM township WHERE deleted_at IS NULL ORDER BY created_at LIMIT 1').get() as
    | { id: string }
    | undefined;
  if (row) return row.id;
  const id = randomUUID();
  const at = now.toISOString();
  db.transaction(() => {
    new ChangeFeed(db, id).write('township', id, { batchId: randomUUID(), source: 'desk', at, action: 'create' }, () => {
      db.prepare('INSERT INTO township (id, name, created_at, updated_at) VALUES (?, ?, ?, ?)').run(id, defaultName, at, at);
    });
  })();
  return id;
}
