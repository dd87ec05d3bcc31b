import { join } from 'node:path';
import { AppError } from '../../../../shared/contract/errors';
import type { Backup, BackupCheck, RestoreResult } from '../../../../shared/contract/system';
import type { CoreContext } from '../../context';
import { mirrorAttachments, restoreAttachments } from '../../db/attachments';
import { createBackup, listBackups } from '../../db/backups';
import { LATEST_VERSION } from '../../db/migrations';
import { stageBackup, swapDatabaseFile, type StagedBackup } from '../../db/restore';

function stage(ctx: CoreContext, file: string): StagedBackup {
  return stageBackup(file, { databaseFile: ctx.databaseFile, latestVersion: LATEST_VERSION, nativeBinding: ctx.database.nativeBinding });
}

/** A backup of the backups list by name (the list's own entry, for its date and kind). */
function listed(ctx: CoreContext, fileName: string): Backup {
  const backup = listBackups(ctx.backupsDir).find((b) => b.fileName === fileName);
  if (!backup) {
    throw new AppError('not_found', { zh: `备份文件夹中没有“${fileName}”（可能已按保留规则删除）`, en: `“${fileName}” is not in the backups folder (it may have been removed by retention)` });
  }
  return backup;
}

/** Check a listed backup for restore without touching the live data. */
export function inspectBackup(ctx: CoreContext, fileName: string): BackupCheck {
  const backup = listed(ctx, fileName);
  const staged = stage(ctx, join(ctx.backupsDir, fileName));
  staged.discard();
  return { backup, schemaVersion: staged.schemaVersion, needsMigration: staged.schemaVersion < LATEST_VERSION, contents: staged.contents };
}

/**
 * Put a backup file in place of the live data while the app runs: check a copy of it, take a
 * pre-restore safety copy (database and attachments), swap the file with every other call held
 * back, reopen (migrating an older file as opening does), and bring its photos and PDFs back.
 * Refused files leave the live data exactly as it was.
 */
export async function restoreFromFile(ctx: CoreContext, file: string): Promise<RestoreResult> {
  const staged = stage(ctx, file);
  try {
    mirrorAttachments(ctx.dataDir, ctx.backupsDir);
    const safetyCopy = await createBackup(ctx.db, ctx.backupsDir, 'pre-restore', ctx.now());
    const opened = await ctx.database.swap(async () => {
      ctx.database.current.close();
      const next = await swapDatabaseFile(ctx.databaseFile, staged, () => ctx.database.openFile(), async () => {
        const old = await ctx.database.openFile();
        ctx.database.current = old.db;
      });
      return { db: next.db, townshipId: next.townshipId, result: next };
    });
    const attachmentsRestored = restoreAttachments(ctx.backupsDir, ctx.dataDir);
    return { restored: file, safetyCopy, migratedFrom: opened.migratedFrom, schemaVersion: opened.schemaVersion, attachmentsRestored, contents: staged.contents };
  } finally {
    staged.discard();
  }
}

/** Restore a backup of the backups list. */
export function restoreBackup(ctx: CoreContext, fileName: string): Promise<RestoreResult> {
  listed(ctx, fileName);
  return restoreFromFile(ctx, join(ctx.backupsDir, fileName));
}

/** 撤销恢复: put back the safety copy a restore took (itself taking one, so this too can be undone). */
export function undoRestore(ctx: CoreContext, safetyFileName: string): Promise<RestoreResult> {
  if (listed(ctx, safetyFileName).reason !== 'pre-restore') {
    throw new AppError('invalid_input', { zh: '撤销恢复只能恢复“恢复前”的备份', en: 'Undo restore only brings back a before-restore copy' });
  }
  return restoreFromFile(ctx, join(ctx.backupsDir, safetyFileName));
}
