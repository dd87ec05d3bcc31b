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

/** Pages copied per step at first (1 MiB of 4 KiB pages): short enough that other work runs between steps. */
export const BACKUP_STEP_PAGES = 256;

/**
 * The online backup's step size. Between steps the event loop runs (this process's writers go on)
 * and other processes write freely (WAL). A write from another connection restarts the copy, which
 * under steady load (the CLI beside the running app) could go on for ever, so each restart doubles
 * the step: the copy always ends, at worst in one step that reads a consistent snapshot.
 */
export function steppedProgress(onStep?: (pages: number) => void): (p: { totalPages: number; remainingPages: number }) => number {
  let step = BACKUP_STEP_PAGES;
  let lastRemaining = Infinity;
  return ({ remainingPages }) => {
    if (remainingPages > lastRemaining) step *= 2;
    lastRemaining = remainingPages;
    onStep?.(step);
    return step;
  };
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
  await db.backup(join(dir, fileName), { progress: steppedProgress() });
  pruneBackups(dir, now);
  return { fileName, createdAt: parseName(fileName)!.createdAt, sizeBytes: statSync(join(dir, fileName)).size, reason };
}

/** The routine kinds, each kept on its own schedule so a burst of one never evicts another. */
const ROUTINE: readonly Reason[] = ['manual', 'daily'];
/** Safety copies taken before a migration or a restore: the last few of each. */
const SAFETY: readonly Reason[] = ['pre-migration', 'pre-restore'];
export const RETENTION = { today: 3, total: 10, safety: 5 } as const;

/**
 * Retention (as actualbudget does it), counted for each kind apart: of manual and of daily
 * backups keep up to 3 from today and 1 per earlier day, 10 in all; of the safety copies taken
 * before a migration or a restore the last 5 each. Ten manual backups in a day therefore leave
 * that day's daily one alone.
 */
export function pruneBackups(dir: string, now = new Date()): string[] {
  const all = listBackups(dir);
  const today = now.toISOString().slice(0, 10);
  const kept = new Set<string>();
  for (const reason of ROUTINE) {
    const seenDays = new Set<string>();
    let todayCount = 0;
    const keep: string[] = [];
    for (const b of all.filter((x) => x.reason === reason)) {
      const day = b.createdAt.slice(0, 10);
      if (day === today ? todayCount++ < RETENTION.today : !seenDays.has(day)) keep.push(b.fileName);
      seenDays.add(day);
    }
    keep.slice(0, RETENTION.total).forEach((name) => kept.add(name));
  }
  for (const reason of SAFETY) {
    all.filter((b) => b.reason === reason).slice(0, RETENTION.safety).forEach((b) => kept.add(b.fileName));
  }
  const removed = all.filter((b) => !kept.has(b.fileName)).map((b) => b.fileName);
  for (const name of removed) unlinkSync(join(dir, name));
  return removed;
}
