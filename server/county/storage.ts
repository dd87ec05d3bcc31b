import type { CoreContext } from '../../electron/core/context';
import { getCapacitySettings } from '../../electron/core/services/capacity/settings';
import { evaluateDitches } from '../../electron/core/services/capacity/sections';
import { sumTotals } from '../../electron/core/services/capacity/totals';
import type { ServerContext } from '../context';
import { FeedRepository } from '../db/repositories/feedRepository';

/**
 * The township's ditch storage now (rivers left out, silted ditches reduced), by the desk's own
 * capacity code: the same figure as 全乡沟渠（按现状） on the township's daily sheet. The ditches'
 * section columns come straight from the replica (no geometry), the capacity settings from the
 * township's projection.
 */
export async function townshipStorage(ctx: ServerContext, townshipId: string, core: CoreContext): Promise<{ storageM3: number; fullStorageM3: number; excluded: number }> {
  const rows = await new FeedRepository(ctx.pool).ditchSections(townshipId);
  const overall = sumTotals(evaluateDitches(rows, getCapacitySettings(core))).overall;
  return { storageM3: Math.round(overall.storageM3), fullStorageM3: Math.round(overall.fullStorageM3), excluded: overall.excluded };
}
