import { mkdirSync, readdirSync, statSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import type { Backup } from '../../../shared/contract/system';

type Reason = Backup['reason'];
const NAME = /^draindesk-(\d{8})-(\d{6})-(manual|daily|pre-migration|pre-restore)\.sqlite$/;

function stamp(d: Date): string {
  const iso = d.toISOString(); // UTC so names sort the same on every PC
  return `${iso.slice(0, 10).replace(/-/g, '')}-${iso.slice(11, 19).replace(/:/g, '')}`;
}

function parseName(fileName: string): { createdAt: string; reason: Reason } | null {
  const m = NAME.exec(fileName);
  if (!m) return null;
  const [, day = '', time = '', reason] = m;
  const createdAt = `${day.slice(0, 4)}-${day.slice(4, 6)}-${day.slice(6, 8)}T${time.slice(0, 2)}:${time.slice(2, 4)}:${time.slice(4, 6)}.000Z`;
  return { createdAt, reason: reason as Reason };
}

/** The backups in a folder, newest first. */
export function listBackups(dir: string): Backup[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .flatMap((fileName) => {
      const parsed = parseName(fileName);
      if (!parsed) return [];
      return [{ fileName, ...parsed, sizeBytes: statSync(join(dir, fileName)).size }];
    })
    .sort((a, b) => (a.fileName < b.fileName ? 1 : -1));
}

/**
 * Copy the live database with SQLite's online backup API (never a file copy: a copy of a WAL
 * database mid-write is not a database). Names a file that does not exist yet, so two backups in
 * the same second do not overwrite each other.
 */
export async function createBackup(db: Database, dir: string, reason: Reason, now = new Date()): Promise<Backup> {
  mkdirSync(dir, { recursive: true });
  let fileName = `draindesk-${stamp(now)}-${reason}.sqlite`;
  for (let bump = 1; listBackups(dir).some((b) => b.fileName === fileName); bump++) {
    fileName = `draindesk-${stamp(new Date(now.getTime() + bump * 1000))}-${reason}.sqlite`;
  }
  await db.backup(join(dir, fileName));
  pruneBackups(dir, now);
  return { fileName, createdAt: parseName(fileName)!.createdAt, sizeBytes: statSync(join(dir, fileName)).size, reason };
}

/**
 * Retention (as actualbudget does it): of the routine backups keep up to 3 from today and 1 per
 * earlier day, 10 in all; safety copies taken before a migration or restore are kept, last 5 each.
 */
export function pruneBackups(dir: string, now = new Date()): string[] {
  const all = listBackups(dir);
  const today = now.toISOString().slice(0, 10);
  const keep = new Set<string>();
  const routine = all.filter((b) => b.reason === 'manual' || b.reason === 'daily');
  const seenDays = new Set<string>();
  let todayCount = 0;
  for (const b of routine) {
    const day = b.createdAt.slice(0, 10);
    if (day === today ? todayCount++ < 3 : !seenDays.has(day)) keep.add(b.fileName);
    seenDays.add(day);
  }
  const keptRoutine = routine.filter((b) => keep.has(b.fileName)).slice(0, 10);
  const kept = new Set(keptRoutine.map((b) => b.fileName));
  for (const reason of ['pre-migration', 'pre-restore'] as const) {
    all.filter((b) => b.reason === reason).slice(0, 5).forEach((b) => kept.add(b.fileName));
  }
  const removed = all.filter((b) => !kept.has(b.fileName)).map((b) => b.fileName);
  for (const name of removed) unlinkSync(join(dir, name));
  return removed;
}
