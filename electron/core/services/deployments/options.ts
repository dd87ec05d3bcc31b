import { randomUUID } from 'node:crypto';
import { deploymentOptionsSchema, type DeploymentOptions } from '../../../../shared/contract/deployments';
import type { CoreContext } from '../../context';
import { ChangeLog } from '../../db/repositories/changeLog';
import { WorkOptionRepository } from '../../db/repositories/workOptionRepository';

/** Rated flow of one field pump when the office has not set its own, m³/h (a common 6-inch portable pump). */
export const DEFAULT_RATED_PUMP_M3H = 100;

const KEYS = { villages: 'deployments.villages', ratedPumpM3h: 'deployments.ratedPumpM3h' } as const;

/** The village list and the rated pump flow. */
export function getDeploymentOptions(ctx: CoreContext): DeploymentOptions {
  const repo = new WorkOptionRepository(ctx.db, ctx.townshipId);
  return deploymentOptionsSchema.parse({
    villages: repo.get(KEYS.villages) ?? [],
    ratedPumpM3h: repo.get(KEYS.ratedPumpM3h) ?? DEFAULT_RATED_PUMP_M3H,
  });
}

/** Trimmed, without repeats, in the order given. */
export function cleanVillages(list: readonly string[]): string[] {
  return [...new Set(list.map((v) => v.trim()).filter((v) => v.length > 0))];
}

/**
 * Change options, each change a history row in the deployments' log (so undo covers them). Runs in
 * the caller's transaction when there is one.
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
  const repo = new WorkOptionRepository(ctx.db, ctx.townshipId);
  const log = new ChangeLog(ctx.db, 'deployment_change', ctx.townshipId);
  const at = ctx.now().toISOString();
  const batchId = opts.batchId ?? randomUUID();
  ctx.db.transaction(() => {
    for (const key of Object.keys(KEYS) as (keyof typeof KEYS)[]) {
      if (JSON.stringify(next[key]) === JSON.stringify(current[key])) continue;
      const stored = repo.get(KEYS[key]);
      repo.set(KEYS[key], next[key], at);
      log.add({ batchId, entity: 'option', entityId: KEYS[key], action: 'set', before: stored ?? null, after: next[key], source: opts.source ?? ctx.source, at });
    }
  })();
  return next;
}

/** Put an option back to a value from history (undo); null returns it to its default. */
export function restoreDeploymentOption(ctx: CoreContext, key: string, value: unknown, at: string): void {
  new WorkOptionRepository(ctx.db, ctx.townshipId).set(key, value ?? undefined, at);
}

/** The stored value of an option key (for undo's "before"). */
export function storedDeploymentOption(ctx: CoreContext, key: string): unknown {
  return new WorkOptionRepository(ctx.db, ctx.townshipId).get(key) ?? null;
}
