import { randomUUID } from 'node:crypto';
/** dispatch.setNeeds: the desk sets a blockage's cause and job hours; a note event records it. */
import { BLOCKAGE_CAUSE_LABELS, type BlockageCause } from '../../../../shared/domain/blockageCause';
import type { CoreContext } from '../../context';
import { appendEvent, deskActor } from '../blockages/lifecycle';
import { blockageRepo, liveBlockage } from '../blockages/views';
import { getSettings } from '../settings/settingsService';
import { jobNeeds } from './problem';

/** Set (or clear, with null) a blockage's cause and hours; returns what the planner will now use. */
export function setNeeds(ctx: CoreContext, input: { blockageId: string; cause: BlockageCause | null; jobHours: number | null }) {
  const settings = getSettings(ctx).dispatch;
  const at = ctx.now().toISOString();
  ctx.db.transaction(() => {
    const b = liveBlockage(ctx, input.blockageId);
    if (b.cause === input.cause && b.job_hours === input.jobHours) return;
    blockageRepo(ctx).setDispatchNeeds(b.id, { cause: input.cause, jobHours: input.jobHours }, { batchId: randomUUID(), source: ctx.source, at, action: 'update' });
    const now = jobNeeds({ ...b, cause: input.cause, job_hours: input.jobHours }, settings);
    const cause = `${BLOCKAGE_CAUSE_LABELS[now.cause].zh}${input.cause === null ? '（按上报内容）' : ''}`;
    const hours = `${now.hours} 小时${input.jobHours === null ? '（按成因默认）' : ''}`;
    appendEvent(ctx, deskActor(ctx), b, { kind: 'note', note: `调度需求：成因 ${cause}，作业约 ${hours}`, at });
  })();
  const n = jobNeeds(liveBlockage(ctx, input.blockageId), settings);
  return { blockageId: input.blockageId, cause: n.cause, causeSet: n.causeSet, jobHours: n.hours, needs: n.needs };
}
