/**
 * dispatch.accept: the chosen assignments become normal lifecycle events (上报 → 已派工 with the
 * team and machines, undoable one by one with the desk's undo), and each team's row in the
 * sheet's 明日安排 is written, all in one transaction: a refused assignment writes nothing.
 */
import type { z } from 'zod';
import type { dispatchAcceptSchema } from '../../../../shared/contract/dispatch';
import { AppError } from '../../../../shared/contract/errors';
import { sheetDraftInputSchema } from '../../../../shared/contract/sheets';
import { parseInput } from '../../../../shared/contract/validation';
import { BLOCKAGE_CAUSE_LABELS, describeNeeds, MACHINE_KINDS, MACHINE_LABELS, machinesCover } from '../../../../shared/domain/blockageCause';
import { BLOCKAGE_STATUS_LABELS } from '../../../../shared/domain/network';
import type { CoreContext } from '../../context';
import { TeamRepository, type TeamDbRow } from '../../db/repositories/teamRepository';
import { appendEvent, deskActor } from '../blockages/lifecycle';
import { blockageRepo, liveBlockage } from '../blockages/views';
import { reportDate } from '../capacity/inputs';
import { getSettings } from '../settings/settingsService';
import { getDraft, saveDraft } from '../sheets/draft';
import { jobNeeds } from './problem';
import { rowTag, teamRow } from './sheetRows';

type AcceptInput = z.output<typeof dispatchAcceptSchema>;

function teamMachines(t: TeamDbRow) {
  return { excavators: t.excavators, longArmExcavators: t.long_arm_excavators, dumpTrucks: t.dump_trucks, pumps: t.pumps };
}

/** Write the assignments and the sheet rows; returns what was written. */
export function acceptPlan(ctx: CoreContext, input: AcceptInput): { assigned: number; blockageIds: string[]; sheetDate: string; planRows: number } {
  const settings = getSettings(ctx).dispatch;
  const teams = new TeamRepository(ctx.db, ctx.townshipId);
  const sheetDate = reportDate(ctx, input.date);
  const at = ctx.now().toISOString();
  return ctx.db.transaction(() => {
    const touched = new Map<string, TeamDbRow>();
    for (const a of input.assignments) {
      const b = liveBlockage(ctx, a.blockageId);
      const name = b.name || '未命名堵点';
      if (b.status !== 'reported') {
        const s = BLOCKAGE_STATUS_LABELS[b.status];
        throw new AppError('conflict', { zh: `堵点“${name}”已是“${s.zh}”，不能再按调度建议派工：请重新生成调度建议`, en: `Blockage "${name}" is already "${s.en}"; make a new plan` }, { blockageId: b.id });
      }
      const team = teams.get(a.teamId);
      if (!team || team.deleted_at) throw new AppError('not_found', { zh: `找不到作业队（${a.teamId}），可能已被删除`, en: `No such team (${a.teamId}); it may have been deleted` });
      const need = jobNeeds(b, settings);
      const have = teamMachines(team);
      if (!machinesCover(have, need.needs)) {
        const short = MACHINE_KINDS.filter((k) => have[k] < need.needs[k]);
        throw new AppError(
          'invalid_input',
          {
            zh: `作业队“${team.name}”没有堵点“${name}”（${BLOCKAGE_CAUSE_LABELS[need.cause].zh}）所需的${short.map((k) => MACHINE_LABELS[k].zh).join('、')}：需要 ${describeNeeds(need.needs, 'zh')}`,
            en: `Team "${team.name}" lacks the ${short.map((k) => MACHINE_LABELS[k].en).join(', ')} blockage "${name}" (${BLOCKAGE_CAUSE_LABELS[need.cause].en}) needs: ${describeNeeds(need.needs, 'en')}`,
          },
          { blockageId: b.id, teamId: team.id },
        );
      }
      appendEvent(ctx, deskActor(ctx), b, {
        kind: 'assign',
        to: 'assigned',
        team: team.id,
        machines: { excavators: need.needs.excavators, longArmExcavators: need.needs.longArmExcavators, pumps: need.needs.pumps },
        note: `调度建议：${BLOCKAGE_CAUSE_LABELS[need.cause].zh}，需 ${describeNeeds(need.needs, 'zh')}，约 ${need.hours} 小时`,
        at,
      });
      touched.set(team.id, team);
    }
    const planRows = writeSheetRows(ctx, sheetDate, [...touched.values()], settings);
    return { assigned: input.assignments.length, blockageIds: input.assignments.map((a) => a.blockageId), sheetDate, planRows };
  })();
}

/** Replace each touched team's 明日安排 row with one covering all its dispatched blockages. */
function writeSheetRows(ctx: CoreContext, date: string, teams: readonly TeamDbRow[], settings: ReturnType<typeof getSettings>['dispatch']): number {
  const draft = getDraft(ctx, date);
  const mine = new Set(teams.map((t) => rowTag(t.name)));
  const kept = draft.planRows.filter((r) => ![...mine].some((tag) => r.note === tag || r.note.startsWith(`${tag}，`)));
  const all = blockageRepo(ctx).list();
  const rows = teams.map((t) =>
    teamRow(
      t.name,
      all.filter((b) => b.team_id === t.id && b.status === 'assigned').map((b) => ({ name: b.name || '未命名堵点', village: b.village, ...jobNeeds(b, settings) })),
    ),
  );
  const next = parseInput(sheetDraftInputSchema, { date, planText: draft.planText, planRows: [...kept, ...rows], signatures: draft.signatures });
  saveDraft(ctx, next);
  return rows.length;
}
