import type { HandlersFor } from '../../api/handlerTypes';
import { mirrorAttachments } from '../../db/attachments';
import { createBackup, listBackups } from '../../db/backups';
import { inspectBackup, restoreBackup, undoRestore } from './restoreService';

export const backupHandlers: HandlersFor<'backup.create' | 'backup.list' | 'backup.inspect' | 'backup.restore' | 'backup.undoRestore'> = {
  'backup.create': async (_input, ctx) => {
    const backup = await createBackup(ctx.db, ctx.backupsDir, 'manual', ctx.now());
    mirrorAttachments(ctx.dataDir, ctx.backupsDir);
    return backup;
  },
  'backup.list': (_input, ctx) => listBackups(ctx.backupsDir),
  'backup.inspect': (input, ctx) => inspectBackup(ctx, input.fileName),
  'backup.restore': (input, ctx) => restoreBackup(ctx, input.fileName),
  'backup.undoRestore': (input, ctx) => undoRestore(ctx, input.safetyFileName),
};
