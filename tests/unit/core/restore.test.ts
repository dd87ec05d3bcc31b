import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { Backup, BackupCheck, RestoreResult } from '../../../shared/contract/system';
import type { Settings } from '../../../shared/contract/settings';
import { openDatabase } from '../../../electron/core/db/connection';
import { LATEST_VERSION, migrations } from '../../../electron/core/db/migrations';
import { listBackups } from '../../../electron/core/db/backups';
import { tempCore, tempDir } from '../../helpers/tempDir';

type Core = Awaited<ReturnType<typeof tempCore>>;

async function ok<T>(core: Core, procedure: string, input: unknown): Promise<T> {
  const r = await core.dispatch(procedure, input);
  if (!r.ok) throw new Error(`${procedure}: ${r.error.code} ${r.error.message}`);
  return r.value as T;
}

const township = async (core: Core) => (await ok<Settings>(core, 'settings.get', {})).townshipName;
const hash = (file: string) => (existsSync(file) ? createHash('sha256').update(readFileSync(file)).digest('hex') : 'absent');
/** The live database's files, hashed: a refused restore leaves every one as it was. */
const liveHashes = (core: Core) => ['', '-wal', '-shm'].map((s) => hash(`${core.ctx.databaseFile}${s}`));

/** Put a file into the backups folder under a backup's name, so the UI's procedures can name it. */
function plant(core: Core, bytes: Buffer | string, at = '20260101-000000'): string {
  const name = `draindesk-${at}-manual.sqlite`;
  mkdirSync(core.ctx.backupsDir, { recursive: true });
  writeFileSync(join(core.ctx.backupsDir, name), bytes);
  return name;
}

describe('restore while the app runs', () => {
  it('brings a backup back in place, keeps a pre-restore copy, and 撤销恢复 brings the newer data back', async () => {
    const core = await tempCore();
    await ok(core, 'settings.update', { townshipName: '旧乡' });
    const backup = await ok<Backup>(core, 'backup.create', {});
    await ok(core, 'settings.update', { townshipName: '新乡' });

    const check = await ok<BackupCheck>(core, 'backup.inspect', { fileName: backup.fileName });
    expect(check).toMatchObject({ schemaVersion: LATEST_VERSION, needsMigration: false, contents: { townshipName: '旧乡' } });
    expect(await township(core)).toBe('新乡'); // inspecting changes nothing

    const restored = await ok<RestoreResult>(core, 'backup.restore', { fileName: backup.fileName });
    expect(restored.safetyCopy.reason).toBe('pre-restore');
    expect(await township(core)).toBe('旧乡');
    // The same core goes on writing to the restored file.
    await ok(core, 'settings.update', { seasonStart: '2026-05-20' });
    expect((await ok<Settings>(core, 'settings.get', {})).seasonStart).toBe('2026-05-20');

    await ok<RestoreResult>(core, 'backup.undoRestore', { safetyFileName: restored.safetyCopy.fileName });
    expect(await township(core)).toBe('新乡');
    // Everything went through the file on disk: a fresh connection sees the same.
    const fresh = new Database(core.ctx.databaseFile, { readonly: true });
    expect(fresh.prepare("SELECT value_json FROM setting WHERE key = 'townshipName'").get()).toEqual({ value_json: '"新乡"' });
    expect(fresh.pragma('integrity_check', { simple: true })).toBe('ok');
    fresh.close();
  });

  it('waits for a running call and holds new ones back until the new file is open', async () => {
    const core = await tempCore();
    await ok(core, 'settings.update', { townshipName: '旧乡' });
    const backup = await ok<Backup>(core, 'backup.create', {});
    await ok(core, 'settings.update', { townshipName: '新乡' });
    // A long call (an import, a print) is running when the restore is asked for.
    const leaveLongCall = await core.ctx.database.enter();
    let restored = false;
    const restoring = core.dispatch('backup.restore', { fileName: backup.fileName }).then((r) => ((restored = true), r));
    while (!core.ctx.database.swapping) await new Promise((r) => setTimeout(r, 5));
    const during = core.dispatch('settings.get', {});
    await new Promise((r) => setTimeout(r, 100));
    expect(restored).toBe(false); // waiting for the long call
    leaveLongCall();
    expect(await restoring).toMatchObject({ ok: true });
    expect(await during).toMatchObject({ ok: true, value: { townshipName: '旧乡' } });
  });

  it('brings back the mirrored photos and issued sheets', async () => {
    const core = await tempCore();
    mkdirSync(join(core.ctx.dataDir, 'photos'), { recursive: true });
    writeFileSync(join(core.ctx.dataDir, 'photos', 'p1.jpg'), 'photo');
    mkdirSync(join(core.ctx.dataDir, 'sheets', '2026'), { recursive: true });
    writeFileSync(join(core.ctx.dataDir, 'sheets', '2026', 's1.pdf'), 'pdf');
    const backup = await ok<Backup>(core, 'backup.create', {});
    rmSync(join(core.ctx.dataDir, 'photos'), { recursive: true });
    rmSync(join(core.ctx.dataDir, 'sheets'), { recursive: true });
    const restored = await ok<RestoreResult>(core, 'backup.restore', { fileName: backup.fileName });
    expect(restored.attachmentsRestored).toBe(2);
    expect(readFileSync(join(core.ctx.dataDir, 'photos', 'p1.jpg'), 'utf8')).toBe('photo');
    expect(readFileSync(join(core.ctx.dataDir, 'sheets', '2026', 's1.pdf'), 'utf8')).toBe('pdf');
  });

  it('migrates an older backup after the swap, as opening an older file does', async () => {
    const core = await tempCore();
    const dir = tempDir();
    const old = await openDatabase({ file: join(dir, 'old.sqlite'), backupsDir: join(dir, 'b'), migrations: migrations.slice(0, LATEST_VERSION - 1) });
    old.db.prepare("INSERT INTO township (id, name, created_at, updated_at) VALUES ('t-old', '老乡', '2025-01-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z')").run();
    old.db.close();
    const name = plant(core, readFileSync(join(dir, 'old.sqlite')));
    expect(await ok<BackupCheck>(core, 'backup.inspect', { fileName: name })).toMatchObject({ schemaVersion: LATEST_VERSION - 1, needsMigration: true });
    const restored = await ok<RestoreResult>(core, 'backup.restore', { fileName: name });
    expect(restored).toMatchObject({ migratedFrom: LATEST_VERSION - 1, schemaVersion: LATEST_VERSION });
    expect(core.ctx.townshipId).toBe('t-old');
    expect(await ok(core, 'system.info', {})).toMatchObject({ schemaVersion: LATEST_VERSION });
  });
});

describe('restore refuses what it cannot use, leaving the live data byte for byte', () => {
  async function refused(core: Core, name: string): Promise<{ code: string; message: string; messageEn: string }> {
    const before = liveHashes(core);
    const backupsBefore = listBackups(core.ctx.backupsDir).length;
    for (const procedure of ['backup.inspect', 'backup.restore'] as const) {
      const r = await core.dispatch(procedure, { fileName: name });
      if (r.ok) throw new Error(`${procedure} should have refused ${name}`);
      if (procedure === 'backup.restore') {
        expect(liveHashes(core)).toEqual(before);
        expect(listBackups(core.ctx.backupsDir)).toHaveLength(backupsBefore); // not even a safety copy
        expect(await township(core)).toBe('现乡');
        return r.error;
      }
    }
    throw new Error('unreachable');
  }

  async function liveCore(): Promise<Core> {
    const core = await tempCore();
    await ok(core, 'settings.update', { townshipName: '现乡' });
    return core;
  }

  it('a corrupt backup', async () => {
    const core = await liveCore();
    const good = await ok<Backup>(core, 'backup.create', {});
    const bytes = readFileSync(join(core.ctx.backupsDir, good.fileName));
    // Keep the header (so it opens as SQLite), scramble the pages behind it.
    for (let i = 4096 + 16; i < bytes.length; i += 7) bytes[i] = (bytes[i]! * 31 + 17) & 0xff;
    const error = await refused(core, plant(core, bytes));
    expect(['db_corrupt', 'import_invalid']).toContain(error.code);
    expect(error.message).toContain('当前数据未被改动');
    expect(error.messageEn).toContain('the current data is unchanged');
  });

  it('a backup from a newer DrainDesk', async () => {
    const core = await liveCore();
    const good = await ok<Backup>(core, 'backup.create', {});
    const file = join(tempDir(), 'newer.sqlite');
    copyFileSync(join(core.ctx.backupsDir, good.fileName), file);
    const db = new Database(file);
    db.pragma(`user_version = ${LATEST_VERSION + 1}`);
    db.close();
    const error = await refused(core, plant(core, readFileSync(file)));
    expect(error.code).toBe('db_newer_version');
    expect(error.message).toContain('更新版本');
    expect(error.messageEn).toContain('newer DrainDesk');
  });

  it('a SQLite file that is not DrainDesk, and a file that is not a database at all', async () => {
    const core = await liveCore();
    const file = join(tempDir(), 'other.sqlite');
    const db = new Database(file);
    db.exec('CREATE TABLE recipes (name TEXT)');
    db.pragma('user_version = 1');
    db.close();
    const other = await refused(core, plant(core, readFileSync(file), '20260101-000001'));
    expect(other.message).toContain('不是 DrainDesk 的备份');
    expect(other.messageEn).toContain('not a DrainDesk backup');
    const text = await refused(core, plant(core, 'name,length\n排水沟,120\n'.repeat(200), '20260101-000002'));
    expect(text.message).toContain('不是 SQLite 数据库文件');
  });

  it('a database another program has open (the desk app beside the CLI)', async () => {
    const core = await liveCore();
    const good = await ok<Backup>(core, 'backup.create', {});
    const other = new Database(core.ctx.databaseFile);
    other.prepare('SELECT count(*) FROM township').get();
    try {
      const r = await core.dispatch('backup.restore', { fileName: good.fileName });
      expect(r).toMatchObject({ ok: false, error: { code: 'db_busy' } });
      expect(JSON.stringify(r)).toContain('另一个程序');
      expect(await township(core)).toBe('现乡');
      await ok(core, 'settings.update', { issuingOffice: '仍可写入' }); // the core goes on with its file
    } finally {
      other.close();
    }
  });

  it('a name that is not in the backups list, or a path', async () => {
    const core = await liveCore();
    const r = await core.dispatch('backup.restore', { fileName: '../draindesk.sqlite' });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });
});

describe('npm run cli -- backup --restore', () => {
  const cli = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'electron/core/cli/main.ts', ...args], { cwd: process.cwd(), encoding: 'utf8' });

  it('restores a file from anywhere and refuses a bad one with the data unchanged', () => {
    const data = tempDir();
    expect(cli('settings', '--data', data, '--township', '旧乡').status).toBe(0);
    const backup = JSON.parse(cli('backup', '--data', data, '--json').stdout) as { path: string };
    const elsewhere = join(tempDir(), 'usb-stick.sqlite');
    copyFileSync(backup.path, elsewhere);
    expect(cli('settings', '--data', data, '--township', '新乡').status).toBe(0);

    const restored = cli('backup', '--data', data, '--restore', elsewhere, '--json');
    expect(restored.status, restored.stderr).toBe(0);
    const result = JSON.parse(restored.stdout) as RestoreResult & { safetyCopyPath: string };
    expect(result.contents.townshipName).toBe('旧乡');
    expect(JSON.parse(cli('settings', '--data', data, '--json').stdout)).toMatchObject({ townshipName: '旧乡' });

    const junk = join(tempDir(), 'junk.sqlite');
    writeFileSync(junk, 'not a database'.repeat(100));
    const before = hash(join(data, 'draindesk.sqlite'));
    const bad = cli('backup', '--data', data, '--restore', junk);
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toContain('不是 DrainDesk 的备份');
    expect(hash(join(data, 'draindesk.sqlite'))).toBe(before);

    // Undo: restore the pre-restore copy.
    expect(cli('backup', '--data', data, '--restore', result.safetyCopyPath).status).toBe(0);
    expect(JSON.parse(cli('settings', '--data', data, '--json').stdout)).toMatchObject({ townshipName: '新乡' });
  }, 90_000);
});
