import { spawn } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { BACKUP_STEP_PAGES, createBackup, steppedProgress } from '../../../electron/core/db/backups';
import { openDatabase } from '../../../electron/core/db/connection';
import { tempDir } from '../../helpers/tempDir';

// Another process keeps writing to the database (the running app) while this one backs it up
// (the CLI): the copy must finish, and the writer must not wait on it.
const WRITER = `
const Database = require('better-sqlite3');
const db = new Database(process.argv[1]);
db.pragma('busy_timeout = 5000');
const insert = db.prepare('INSERT INTO load (at, payload) VALUES (?, ?)');
let worst = 0, writes = 0;
let stop = false;
process.stdin.on('data', () => (stop = true));
const stopAt = Date.now() + Number(process.argv[2]);
(function loop() {
  const t = process.hrtime.bigint();
  insert.run(Date.now(), 'x'.repeat(200));
  worst = Math.max(worst, Number(process.hrtime.bigint() - t) / 1e6);
  writes++;
  if (!stop && Date.now() < stopAt) setImmediate(loop);
  else { db.close(); process.stdout.write(JSON.stringify({ worst, writes }), () => process.exit(0)); }
})();
`;

describe('the online backup in steps', () => {
  it('doubles its step each time another writer restarts the copy, so the copy always ends', () => {
    const steps: number[] = [];
    const progress = steppedProgress((n) => steps.push(n));
    progress({ totalPages: 5000, remainingPages: 4900 });
    progress({ totalPages: 5000, remainingPages: 4644 });
    progress({ totalPages: 5000, remainingPages: 4900 }); // restarted
    progress({ totalPages: 5000, remainingPages: 4388 });
    progress({ totalPages: 5000, remainingPages: 4950 }); // restarted again
    expect(steps).toEqual([BACKUP_STEP_PAGES, BACKUP_STEP_PAGES, BACKUP_STEP_PAGES * 2, BACKUP_STEP_PAGES * 2, BACKUP_STEP_PAGES * 4]);
  });

  it('finishes while another process writes, and that writer is never held up', { timeout: 60_000 }, async () => {
    const dir = tempDir();
    const file = join(dir, 'draindesk.sqlite');
    const { db } = await openDatabase({ file, backupsDir: join(dir, 'backups') });
    db.exec('CREATE TABLE load (at INTEGER, payload TEXT)');
    // About 24 MB, so the copy takes many steps.
    const fill = db.prepare('INSERT INTO load (at, payload) VALUES (?, ?)');
    db.transaction(() => {
      for (let i = 0; i < 24_000; i++) fill.run(i, 'y'.repeat(1000));
    })();

    // The writer stops when told to, or after 20 s: a copy that only ends when writing stops fails.
    const writer = spawn(process.execPath, ['-e', WRITER, file, '20000'], { cwd: process.cwd() });
    let out = '';
    writer.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((resolve) => writer.on('exit', resolve));
    await new Promise((r) => setTimeout(r, 300)); // the writer is writing

    // In this process, writes keep going between the steps too.
    let ownWrites = 0;
    const own = setInterval(() => {
      fill.run(-1, 'own');
      ownWrites++;
    }, 2);
    const t0 = Date.now();
    const backup = await createBackup(db, join(dir, 'backups'), 'manual');
    const took = Date.now() - t0;
    clearInterval(own);
    expect(writer.exitCode).toBeNull(); // still writing when the copy was done
    writer.stdin.write('stop\n');
    expect(await exited).toBe(0);
    const writerStats = JSON.parse(out) as { worst: number; writes: number };

    const copy = new Database(join(dir, 'backups', backup.fileName), { readonly: true });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    expect((copy.prepare('SELECT count(*) AS n FROM load WHERE at >= 0 AND payload LIKE ?').get('y%') as { n: number }).n).toBe(24_000);
    copy.close();
    db.close();

    console.log(`backup under load: ${took} ms; other process ${writerStats.writes} writes, worst ${writerStats.worst.toFixed(1)} ms; ${ownWrites} own writes during the copy`);
    expect(took).toBeLessThan(10_000);
    expect(writerStats.writes).toBeGreaterThan(100);
    expect(writerStats.worst).toBeLessThan(1000); // never waited out a lock
    expect(ownWrites).toBeGreaterThan(0);
  });
});
