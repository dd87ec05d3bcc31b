import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createBackup, listBackups, pruneBackups } from '../../../electron/core/db/backups';
import { tempCore, tempDir } from '../../helpers/tempDir';

describe('backups', () => {
  it('copies the live database with the online backup API into a readable file', async () => {
    const core = await tempCore();
    await core.dispatch('settings.update', { townshipName: '三合乡' });
    const backup = await createBackup(core.db, core.ctx.backupsDir, 'manual');
    const copy = new Database(join(core.ctx.backupsDir, backup.fileName), { readonly: true });
    expect(copy.prepare("SELECT value_json FROM setting WHERE key = 'townshipName'").get()).toEqual({ value_json: '"三合乡"' });
    copy.close();
  });

  it('never overwrites a backup taken in the same second', async () => {
    const core = await tempCore();
    const at = new Date('2026-07-20T08:00:00Z');
    const a = await createBackup(core.db, core.ctx.backupsDir, 'manual', at);
    const b = await createBackup(core.db, core.ctx.backupsDir, 'manual', at);
    expect(a.fileName).not.toBe(b.fileName);
    expect(listBackups(core.ctx.backupsDir)).toHaveLength(2);
  });

  it('keeps, for each kind apart, 3 from today, 1 per earlier day, 10 in all, and the last 5 safety copies', () => {
    const dir = tempDir();
    const names: string[] = [];
    for (let day = 1; day <= 15; day++) {
      for (const hour of ['080000', '120000']) names.push(`draindesk-202607${String(day).padStart(2, '0')}-${hour}-daily.sqlite`);
    }
    for (const hour of ['090000', '100000', '110000', '130000']) names.push(`draindesk-20260716-${hour}-manual.sqlite`);
    for (let i = 1; i <= 7; i++) names.push(`draindesk-2026070${i}-070000-pre-migration.sqlite`);
    for (let i = 1; i <= 7; i++) names.push(`draindesk-2026071${i}-060000-pre-restore.sqlite`);
    for (const n of names) writeFileSync(join(dir, n), 'x');
    pruneBackups(dir, new Date('2026-07-16T15:00:00Z'));
    const left = listBackups(dir).map((b) => b.fileName);
    const ofKind = (kind: string) => left.filter((n) => n.endsWith(`-${kind}.sqlite`));
    expect(ofKind('manual')).toEqual(['draindesk-20260716-130000-manual.sqlite', 'draindesk-20260716-110000-manual.sqlite', 'draindesk-20260716-100000-manual.sqlite']);
    expect(ofKind('daily')).toHaveLength(10);
    expect(ofKind('daily').slice(0, 3)).toEqual(['draindesk-20260715-120000-daily.sqlite', 'draindesk-20260714-120000-daily.sqlite', 'draindesk-20260713-120000-daily.sqlite']);
    expect(left).not.toContain('draindesk-20260715-080000-daily.sqlite');
    expect(ofKind('pre-migration')).toHaveLength(5);
    expect(ofKind('pre-restore')).toHaveLength(5);
    expect(existsSync(join(dir, 'draindesk-20260707-070000-pre-migration.sqlite'))).toBe(true);
    expect(existsSync(join(dir, 'draindesk-20260701-070000-pre-migration.sqlite'))).toBe(false);
  });

  it('ten manual backups in a day leave that day\'s daily backup and the earlier days alone', async () => {
    const core = await tempCore();
    const dir = core.ctx.backupsDir;
    const yesterday = await createBackup(core.db, dir, 'daily', new Date('2026-07-15T01:00:00Z'));
    const daily = await createBackup(core.db, dir, 'daily', new Date('2026-07-16T01:00:00Z'));
    for (let i = 0; i < 10; i++) await createBackup(core.db, dir, 'manual', new Date(`2026-07-16T0${Math.floor(i / 5) + 2}:${String((i % 5) * 10).padStart(2, '0')}:00Z`));
    const left = listBackups(dir);
    expect(left.filter((b) => b.reason === 'daily').map((b) => b.fileName)).toEqual([daily.fileName, yesterday.fileName]);
    expect(left.filter((b) => b.reason === 'manual')).toHaveLength(3);
  });
});

describe('backups of attachments', () => {
  it('copies photos and issued sheets beside the database copies, adding only what is new', async () => {
    const { mkdirSync, readFileSync } = await import('node:fs');
    const core = await tempCore();
    mkdirSync(join(core.ctx.dataDir, 'photos'), { recursive: true });
    mkdirSync(join(core.ctx.dataDir, 'sheets', '2026'), { recursive: true });
    writeFileSync(join(core.ctx.dataDir, 'photos', 'a.jpg'), 'photo');
    writeFileSync(join(core.ctx.dataDir, 'sheets', '2026', '1.pdf'), 'pdf');
    expect(await core.dispatch('backup.create', {})).toMatchObject({ ok: true });
    expect(readFileSync(join(core.ctx.backupsDir, 'photos', 'a.jpg'), 'utf8')).toBe('photo');
    expect(readFileSync(join(core.ctx.backupsDir, 'sheets', '2026', '1.pdf'), 'utf8')).toBe('pdf');
  });
});
