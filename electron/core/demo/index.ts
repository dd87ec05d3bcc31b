import { randomUUID } from 'node:crypto';
import { AppError } from '../../../shared/contract/errors';
import { LAYERS } from '../../../shared/domain/network';
import type { Core } from '../app';
import type { CoreContext } from '../context';
import { insertFeatures } from '../services/network/networkService';
import { updateSettings } from '../services/settings/settingsService';
import { DEMO } from './constants';
import { seedNetwork } from './network';
import { seedSeason } from './season';

/** What the demo wrote, for the CLI to print. */
export interface DemoResult {
  features: number;
  blockageEvents: number;
}

/**
 * Fill an EMPTY data folder with the demo township: settings, network, and the season's rain and
 * deployments, all in one transaction. Refuses a folder that already holds network data, so sample
 * data never mixes into a real township's records.
 */
export function seedDemo(core: Core): DemoResult {
  return seedDemoInto(core.ctx);
}

/** The same, for a handler that has only the context (the first-run setup's 打开示例). */
export function seedDemoInto(ctx: CoreContext): DemoResult {
  const existing = LAYERS.reduce((n, l) => n + (ctx.db.prepare(`SELECT count(*) AS n FROM ${l} WHERE township_id = ?`).get(ctx.townshipId) as { n: number }).n, 0);
  if (existing > 0) {
    throw new AppError('conflict', {
      zh: `数据文件夹 ${ctx.dataDir} 已有 ${existing} 个沟渠/涵管/堵点/片区，示例数据只能写入空的数据文件夹。`,
      en: `The data folder ${ctx.dataDir} already holds ${existing} network features; the demo only goes into an empty data folder.`,
    });
  }
  const demoCtx: CoreContext = { ...ctx, source: 'demo', now: () => new Date(`${DEMO.today}T18:00:00+08:00`) };
  return ctx.db.transaction(() => {
    updateSettings(demoCtx, { townshipName: DEMO.townshipName, issuingOffice: DEMO.issuingOffice, seasonStart: DEMO.seasonStart });
    const batchId = randomUUID();
    const network = seedNetwork(demoCtx, (features) =>
      insertFeatures(demoCtx, features, { batchId, action: 'import', source: 'demo', at: `${DEMO.seasonStart}T00:00:00.000Z` }),
    );
    seedSeason(demoCtx);
    return { features: network.features.length, blockageEvents: network.blockageEvents.length };
  })();
}
