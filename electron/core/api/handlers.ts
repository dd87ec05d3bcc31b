import { settingsHandlers } from '../services/settings/handlers';
import { systemHandlers } from '../services/system/handlers';
import { networkHandlers } from '../services/network/handlers';
import type { Handlers } from './handlerTypes';

/** Every procedure's handler. A procedure in the contract without one here fails to compile. */
export const handlers: Handlers = {
  ...settingsHandlers,
  ...systemHandlers,
  ...networkHandlers,
};
