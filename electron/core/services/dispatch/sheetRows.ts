/**
 * 明日安排 from the dispatch: one planned-deployment row per team, covering every blockage now
 * dispatched to it, so the sheet says where each team goes tomorrow with which machines.
 */
import { MACHINE_KINDS, type BlockageCause, type MachineNeeds } from '../../../../shared/domain/blockageCause';
import type { DeploymentTask } from '../../../../shared/contract/deployments';
import type { SheetPlanRow } from '../../../../shared/contract/sheets';

/** The deployment task a cause's job is: ponded water is pumped, earthworks dug, the rest cleared. */
const TASK_OF: Record<BlockageCause, DeploymentTask> = { culvert: 'clear', silt: 'clear', ponding: 'pump', debris: 'clear', collapse: 'dig', dam: 'dig', other: 'clear' };

/** The tag a dispatch row's note starts with, so a later accept replaces the team's row. */
export function rowTag(teamName: string): string {
  return `调度：${teamName}`;
}

function clip(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max - 1)}…`;
}

/**
 * The team's row: places are its blockages' villages, machines the most any one job needs
 * (the team moves them from job to job), people one operator per machine.
 */
export function teamRow(teamName: string, jobs: readonly { name: string; village: string; cause: BlockageCause; needs: MachineNeeds }[]): SheetPlanRow {
  const machines = Object.fromEntries(MACHINE_KINDS.map((k) => [k, Math.max(0, ...jobs.map((j) => j.needs[k]))])) as unknown as MachineNeeds;
  const counts = new Map<DeploymentTask, number>();
  for (const j of jobs) counts.set(TASK_OF[j.cause], (counts.get(TASK_OF[j.cause]) ?? 0) + 1);
  const task = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0] ?? 'clear';
  const villages = [...new Set(jobs.map((j) => j.village).filter(Boolean))];
  return {
    place: clip(villages.join('、') || jobs[0]?.name || teamName, 60),
    task,
    people: MACHINE_KINDS.reduce((s, k) => s + machines[k], 0),
    ...machines,
    note: clip(`${rowTag(teamName)}，${jobs.length} 处堵点：${jobs.map((j) => j.name).join('、')}`, 100),
  };
}
