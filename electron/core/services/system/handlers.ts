import { mirrorAttachments } from '../../db/attachments';
import { createBackup, listBackups } from '../../db/backups';
import { schemaVersion } from '../../db/migrate';
import type { HandlersFor } from '../../api/handlerTypes';

export const systemHandlers: HandlersFor<'system.info' | 'backup.create' | 'backup.list'> = {
  'system.info': (_input, ctx) => ({
    appVersion: ctx.appVersion,
    schemaVersion: schemaVersion(ctx.db),
    dataDir: ctx.dataDir,
    databaseFile: ctx.databaseFile,
    transport: ctx.transport,
  }),
  'backup.create': async (_input, ctx) => {
    const backup = await createBackup(ctx.db, ctx.backupsDir, 'manual', ctx.now());
    mirrorAttachments(ctx.dataDir, ctx.backupsDir);
    return backup;
  },
  'backup.list': (_input, ctx) => listBackups(ctx.backupsDir),
};
