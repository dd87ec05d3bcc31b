import type { DeploymentPlaces } from '../../../../shared/contract/deployments';
import { OPEN_BLOCKAGE_STATUSES, type BlockageStatus } from '../../../../shared/domain/network';
import type { CoreContext } from '../../context';
import { blockageLabel, NetworkLookup } from '../../db/repositories/networkLookup';
import { getDeploymentOptions } from './options';

/** Villages a row may name: the office's list first, then any other village the network knows. */
export function knownVillages(ctx: CoreContext): string[] {
  const listed = getDeploymentOptions(ctx).villages;
  const network = new NetworkLookup(ctx.db, ctx.townshipId)
    .villages()
    .filter((v) => !listed.includes(v))
    .sort((a, b) => a.localeCompare(b, 'zh-CN'));
  return [...listed, ...new Set(network)];
}

/** Villages and blockage points (open ones first) for the entry grid's pickers. */
export function deploymentPlaces(ctx: CoreContext): DeploymentPlaces {
  const blockages = new NetworkLookup(ctx.db, ctx.townshipId).blockages().map((b) => ({
    id: b.id,
    label: blockageLabel(b),
    village: b.village,
    status: b.status,
    open: OPEN_BLOCKAGE_STATUSES.includes(b.status as BlockageStatus),
  }));
  blockages.sort((a, b) => Number(b.open) - Number(a.open) || a.label.localeCompare(b.label, 'zh-CN'));
  return { villages: knownVillages(ctx), blockages };
}
