// The core's write path against raw better-sqlite3 in the same run: 100k setting changes written
// through the settings repository (the row, then its change-feed entry with the row read back, its
// clock and base clock) vs the same two INSERTs per change with prepared statements and a
// precomputed clock: what any append-only history costs at least.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../electron/core/db/connection';
import { ensureTownship } from '../electron/core/db/township';
import { SettingsRepository } from '../electron/core/db/repositories/settingsRepository';
import { median, report } from './lib';

const ROWS = 100_000;

export async function benchWritePath(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'draindesk-bench-'));
  const { db } = await openDatabase({ file: join(dir, 'bench.sqlite'), backupsDir: join(dir, 'backups') });
  const townshipId = ensureTownship(db, new Date(), 'bench');
  const repo = new SettingsRepository(db, townshipId);
  const at = new Date().toISOString();
  // The feed is append-only by design; each round starts from a fresh copy of its rows instead.
  const reset = () => db.exec("DROP TRIGGER IF EXISTS change_feed_no_delete; DELETE FROM change_feed WHERE table_name = 'setting'; DELETE FROM setting");

  const ours = await median(3, () => {
    reset();
    const batchId = randomUUID();
    db.transaction(() => {
      for (let i = 0; i < ROWS; i++) repo.write(`k${i % 50}`, i, { batchId, source: 'cli', at, action: 'set' });
    })();
  });

  const upsert = db.prepare(
    `INSERT INTO setting (township_id, key, value_json, created_at, updated_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (township_id, key) DO UPDATE SET value_json = excluded.value_json, updated_at = excluded.updated_at`,
  );
  const insert = db.prepare(
    `INSERT INTO change_feed (change_id, township_id, table_name, row_id, op, row_json, before_json, hlc, base_hlc, origin, batch_id, source, action, at)
     VALUES (?, ?, 'setting', ?, 'update', ?, ?, ?, NULL, 'bench', ?, 'cli', 'set', ?)`,
  );
  const baseline = await median(3, () => {
    reset();
    const batchId = randomUUID();
    db.transaction(() => {
      for (let i = 0; i < ROWS; i++) {
        const key = `k${i % 50}`;
        upsert.run(townshipId, key, String(i), at, at);
        const row = JSON.stringify({ township_id: townshipId, key, value_json: String(i), created_at: at, updated_at: at });
        insert.run(randomUUID(), townshipId, key, row, row, `${String(Date.now()).padStart(15, '0')}-${String(i).padStart(6, '0')}-bench`, batchId, at);
      }
    })();
  });
  report(`write path: ${ROWS.toLocaleString()} setting changes`, ours, baseline, 3);
  db.close();
  rmSync(dir, { recursive: true, force: true });
}
