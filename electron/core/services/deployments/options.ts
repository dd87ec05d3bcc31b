import { deploymentOptionsSchema, type DeploymentOptions } from '../../../../shared/contract/deployments';
import type { CoreContext } from '../../context';
import { DEFAULT_RATED_PUMP_M3H } from '../settings/registry';
import { readSettings, writeSettings } from '../settings/store';

export { DEFAULT_RATED_PUMP_M3H };

/** The settings keys of the deployments' options (their changes are in the deployments' history and undo). */
export const DEPLOYMENT_OPTION_KEYS = { villages: 'deployments.villages', ratedPumpM3h: 'deployments.ratedPumpM3h' } as const;

/** The village list and the rated pump flow. */
export function getDeploymentOptions(ctx: CoreContext): DeploymentOptions {
  const v = readSettings(ctx, Object.values(DEPLOYMENT_OPTION_KEYS));
  return deploymentOptionsSchema.parse({ villages: v['deployments.villages'], ratedPumpM3h: v['deployments.ratedPumpM3h'] });
}

/** Trimmed, without repeats, in the order given. */
export function cleanVillages(list: readonly string[]): string[] {
  return [...new Set(list.map((v) => v.trim()).filter((v) => v.length > 0))];
}

/**
 * Change options, each change a feed entry (so the deployments' undo covers them). Runs in the
 * caller's transaction when there is one.
 */
export function setDeploymentOptions(
  ctx: CoreContext,
  patch: Partial<DeploymentOptions>,
  opts: { batchId?: string; source?: string } = {},
): DeploymentOptions {
  const current = getDeploymentOptions(ctx);
  const next: DeploymentOptions = {
    villages: patch.villages ? cleanVillages(patch.villages) : current.villages,
    ratedPumpM3h: patch.ratedPumpM3h ?? current.ratedPumpM3h,
  };
  const changed: Record<string, unknown> = {};
  for (const key of Object.keys(DEPLOYMENT_OPTION_KEYS) as (keyof typeof DEPLOYMENT_OPTION_KEYS)[]) {
    if (JSON.stringify(next[key]) !== JSON.stringify(current[key])) changed[DEPLOYMENT_OPTION_KEYS[key]] = next[key];
  }
  writeSettings(ctx, changed, { ...opts, action: 'set' });
  return next;
}
