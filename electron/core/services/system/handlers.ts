import { schemaVersion } from '../../db/migrate';
import type { HandlersFor } from '../../api/handlerTypes';

export const systemHandlers: HandlersFor<'system.info'> = {
  'system.info': (_input, ctx) => ({
    appVersion: ctx.appVersion,
    schemaVersion: schemaVersion(ctx.db),
    dataDir: ctx.dataDir,
    databaseFile: ctx.databaseFile,
    transport: ctx.transport,
  }),
};
