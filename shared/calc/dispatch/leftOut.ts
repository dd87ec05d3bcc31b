/** What the plan leaves out, and why, named so the leader can act on it. */
import { MACHINE_KINDS } from '../../domain/blockageCause';
import type { CandidateSet } from './candidates';
import type { DispatchProblem, LeftOut, LeftOutKind } from './types';

const LIST_MAX = 8;

function named(names: readonly string[], lang: 'zh' | 'en'): string {
  const shown = names.slice(0, LIST_MAX).map((n) => (lang === 'zh' ? `“${n}”` : `"${n}"`));
  const more = names.length > LIST_MAX ? (lang === 'zh' ? ` 等 ${names.length} 处` : ` and ${names.length - LIST_MAX} more`) : '';
  return shown.join(lang === 'zh' ? '、' : ', ') + more;
}

const TEXT: Record<LeftOutKind, (names: string) => { zh: string; en: string }> = {
  no_teams: () => ({ zh: '还没有作业队：请先在“堵点 → 作业队”里添加作业队和它们的机械', en: 'There are no teams yet: add teams and their machines under Blockages → Teams' }),
  no_open_blockages: () => ({ zh: '没有待派工的堵点（所有未疏通的堵点都已派工）', en: 'No blockage is waiting for dispatch (every open one is assigned)' }),
  team_no_machines: (n) => ({ zh: `作业队${n}没有登记任何机械，没有给它安排堵点：请在作业队里填写机械台数`, en: `Team ${n} has no machines on record and got no work: enter its machines under Teams` }),
  team_no_hours: (n) => ({ zh: `作业队${n}当天工时已被已派的堵点占满，没有再安排`, en: `Team ${n} has no hours left after its open dispatches and got no more work` }),
  blockage_no_team: (n) => ({ zh: `堵点${n}所需的机械没有哪个作业队具备，未安排：请给作业队补充机械，或改这些堵点的成因`, en: `No team has the machines blockage ${n} needs; left out: add machines to a team or change the cause` }),
  blockage_too_long: (n) => ({ zh: `堵点${n}连同路程超过了能作业的队剩余的工时，未安排`, en: `Blockage ${n} takes longer, with the travel, than any capable team has left; left out` }),
  blockage_no_impact: (n) => ({ zh: `堵点${n}算不出能释放的水量（不在沟渠上或沟渠缺断面数据），未参与调度`, en: `Blockage ${n} has no computable water released (not on a ditch, or its ditch lacks section data); not planned` }),
  blockage_not_chosen: (n) => ({ zh: `堵点${n}能做的作业队当天工时已排满，留待下次安排`, en: `Teams able to take blockage ${n} are fully booked for the day; left for the next plan` }),
};

function entry(kind: LeftOutKind, items: readonly { id: string; name: string }[]): LeftOut {
  const names = items.map((i) => i.name);
  return { kind, ids: items.map((i) => i.id), names, message: { zh: TEXT[kind](named(names, 'zh')).zh, en: TEXT[kind](named(names, 'en')).en } };
}

/** The left-out lists for a problem and its chosen jobs (indices into problem.jobs). */
export function leftOutOf(problem: DispatchProblem, set: CandidateSet, chosenJobs: ReadonlySet<number>): LeftOut[] {
  const out: LeftOut[] = [];
  const { teams, jobs } = problem;
  if (teams.length === 0) out.push(entry('no_teams', []));
  if (jobs.length === 0) out.push(entry('no_open_blockages', []));
  const noMachines = teams.filter((t) => MACHINE_KINDS.every((k) => t.machines[k] === 0));
  if (noMachines.length) out.push(entry('team_no_machines', noMachines));
  const noHours = teams.filter((t) => t.hoursLeft <= 0 && !noMachines.includes(t));
  if (noHours.length) out.push(entry('team_no_hours', noHours));
  if (teams.length === 0) return out;
  const by = (pick: (j: number) => boolean) => jobs.filter((_b, j) => !chosenJobs.has(j) && pick(j));
  const noTeam = by((j) => set.capable[j]!.length === 0);
  const tooLong = by((j) => set.capable[j]!.length > 0 && !set.fits[j]);
  const noImpact = by((j) => set.capable[j]!.length > 0 && set.fits[j]! && jobs[j]!.impactM3 <= 0);
  const notChosen = by((j) => set.capable[j]!.length > 0 && set.fits[j]! && jobs[j]!.impactM3 > 0);
  if (noTeam.length) out.push(entry('blockage_no_team', noTeam));
  if (tooLong.length) out.push(entry('blockage_too_long', tooLong));
  if (noImpact.length) out.push(entry('blockage_no_impact', noImpact));
  if (notChosen.length) out.push(entry('blockage_not_chosen', notChosen));
  return out;
}
