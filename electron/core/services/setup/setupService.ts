import type { Settings } from '../../../../shared/contract/settings';
import type { SetupApply, SetupStatus } from '../../../../shared/contract/setup';
import { AppError } from '../../../../shared/contract/errors';
import { townshipDay } from '../../../../shared/domain/dates';
import type { CoreContext } from '../../context';
import { getDay } from '../deployments/deploymentService';
import { setDeploymentOptions } from '../deployments/options';
import { networkSummary } from '../network/networkQueries';
import { listStations } from '../rainfall/stations';
import { getSettings, updateSettings } from '../settings/settingsService';
import { DEFAULT_TOWNSHIP_NAME } from '../settings/defaults';
import { listTeams } from '../teams/teamService';

/**
 * Where a new office stands: whether the first-run setup should open (an empty, unnamed data folder
 * that has not been set up or skipped) and the map page's checklist of first things to enter.
 */
export function setupStatus(ctx: CoreContext): SetupStatus {
  const settings = getSettings(ctx);
  const network = Object.values(networkSummary(ctx).counts).reduce((n, c) => n + c, 0);
  return {
    state: settings.setupState,
    needed: settings.setupState === 'pending' && settings.townshipName === DEFAULT_TOWNSHIP_NAME && network === 0,
    checklist: {
      network,
      teams: listTeams(ctx).length,
      deploymentsToday: getDay(ctx, townshipDay(ctx.now())).rows.length,
      rainStations: listStations(ctx).length,
    },
  };
}

/** A township of the division list by code, or a clear error naming the code. */
export function knownTownship(ctx: CoreContext, code: string) {
  const township = ctx.divisions().township(code);
  if (!township) {
    throw new AppError('not_found', {
      zh: `全国行政区划表中没有乡镇代码 ${code}；请在列表中查找，或检查代码是否为 9 位`,
      en: `No township has the code ${code} in the national division list; search the list, or check that the code has 9 digits`,
    });
  }
  return township;
}

/** Save everything the setup asked for together: settings and the village list, or nothing. */
export function applySetup(ctx: CoreContext, input: SetupApply): Settings {
  knownTownship(ctx, input.townshipCode);
  return ctx.db.transaction(() => {
    setDeploymentOptions(ctx, { villages: input.villages });
    return updateSettings(ctx, {
      townshipCode: input.townshipCode,
      townshipName: input.townshipName,
      seasonStart: input.seasonStart,
      issuingOffice: input.issuingOffice,
      basemap: input.basemap,
      setupState: 'done',
    });
  })();
}

/** Leave the setup for later (设置 still offers it). */
export function skipSetup(ctx: CoreContext): SetupStatus {
  if (getSettings(ctx).setupState === 'pending') updateSettings(ctx, { setupState: 'skipped' });
  return setupStatus(ctx);
}

/** The issuing office a township's sheet is signed by, as offices name it. */
export function defaultIssuingOffice(townshipName: string): string {
  return `${townshipName}防汛抗旱指挥部办公室`;
}
