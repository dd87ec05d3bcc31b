// The core's write path against raw better-sqlite3 in the same run: 100k history rows written
// through the settings repository vs the same INSERTs with one prepared statement.
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

  const ours = await median(3, () => {
    db.exec('DELETE FROM setting_change; DELETE FROM setting');
    const batchId = randomUUID();
    db.transaction(() => {
      for (let i = 0; i < ROWS; i++) repo.write({ key: `k${i % 50}`, oldValue: i - 1, newValue: i, batchId, source: 'cli', at });
    })();
  });

  const upsert = db.prepare(
    `INSERT INTO setting (township_id, key, value_json, created_at, updated_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (township_id, key) DO UPDATE SET value_json = excluded.value_json, updated_at = excluded.updated_at`,
  );
  const insert = db.prepare(
    `INSERT INTO setting_change (id, township_id, batch_id, key, old_json, new_json, source, changed_at, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const baseline = await median(3, () => {
    db.exec('DELETE FROM setting_change; DELETE FROM setting');
    const batchId = randomUUID();
    db.transaction(() => {
      for (let i = 0; i < ROWS; i++) {
        const key = `k${i % 50}`;
        upsert.run(townshipId, key, String(i), at, at);
        insert.run(randomUUID(), townshipId, batchId, key, String(i - 1), String(i), 'cli', at, at, at);
      }
    })();
  });
  report(`write path: ${ROWS.toLocaleString()} setting changes`, ours, baseline, 1.5);
  db.close();
  rmSync(dir, { recursive: true, force: true });
}
