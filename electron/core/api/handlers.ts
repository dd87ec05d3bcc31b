import { settingsHandlers } from '../services/settings/handlers';
import { systemHandlers } from '../services/system/handlers';
import { backupHandlers } from '../services/backups/handlers';
import { networkHandlers } from '../services/network/handlers';
import { tileHandlers } from '../services/tiles/handlers';
import { importHandlers } from '../services/imports/handlers';
import { basemapHandlers } from '../services/basemap/handlers';
import { deploymentHandlers } from '../services/deployments/handlers';
import { rainfallHandlers } from '../services/rainfall/handlers';
import { totalsHandlers } from '../services/totals/handlers';
import { capacityHandlers } from '../services/capacity/handlers';
import { sheetHandlers } from '../services/sheets/handlers';
import { blockageHandlers } from '../services/blockages/handlers';
import { teamHandlers } from '../services/teams/handlers';
import { fieldHandlers } from '../field/handlers';
import { setupHandlers } from '../services/setup/handlers';
import { patrolHandlers } from '../services/patrol/handlers';
import { syncHandlers } from '../services/sync/handlers';
import { dispatchHandlers } from '../services/dispatch/handlers';
import type { Handlers } from './handlerTypes';

/** Every procedure's handler. A procedure in the contract without one here fails to compile. */
export const handlers: Handlers = {
  ...settingsHandlers,
  ...systemHandlers,
  ...backupHandlers,
  ...networkHandlers,
  ...tileHandlers,
  ...importHandlers,
  ...basemapHandlers,
  ...deploymentHandlers, ...rainfallHandlers, ...totalsHandlers,
  ...capacityHandlers,
  ...sheetHandlers,
  ...blockageHandlers,
  ...teamHandlers,
  ...fieldHandlers,
  ...setupHandlers,
  ...patrolHandlers,
  ...syncHandlers,
  ...dispatchHandlers,
};
