import { copyFileSync, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Folders beside the database whose files the database points at (by name and hash). */
export const ATTACHMENT_FOLDERS = ['photos', 'sheets'] as const;

/** Copy every attachment under `fromRoot` that `toRoot` lacks; returns how many were copied. */
function copyMissing(fromRoot: string, toRoot: string): number {
  let copied = 0;
  const walk = (from: string, to: string) => {
    if (!existsSync(from)) return;
    for (const name of readdirSync(from)) {
      const src = join(from, name);
      const dst = join(to, name);
      if (statSync(src).isDirectory()) walk(src, dst);
      else if (!existsSync(dst)) {
        mkdirSync(to, { recursive: true });
        copyFileSync(src, dst);
        copied++;
      }
    }
  };
  for (const folder of ATTACHMENT_FOLDERS) walk(join(fromRoot, folder), join(toRoot, folder));
  return copied;
}

/**
 * Copy attachments the backups folder does not have yet. Photos and issued sheets are never
 * changed once written (their names are made by the server, issued PDFs are frozen), so an
 * additive mirror is a complete backup of them and never needs pruning with the database copies.
 */
export function mirrorAttachments(dataDir: string, backupsDir: string): number {
  return copyMissing(dataDir, backupsDir);
}

/**
 * After a restore: bring back the mirrored photos and issued PDFs the data folder lacks. Files the
 * restored database does not name stay (they are harmless, and 撤销恢复 needs them again).
 */
export function restoreAttachments(backupsDir: string, dataDir: string): number {
  return copyMissing(backupsDir, dataDir);
}
