/** The plan as the table and map use it: one row per planned job, with the leader's changes. */
import type { DispatchPlanOutput, PlannedJobRow, TeamPlanRow } from '../../../../../shared/contract/dispatch';

export interface PlanRow {
  job: PlannedJobRow;
  /** The team the plan suggested. */
  plannedTeamId: string;
  /** The team the leader chose (the planned one unless changed). */
  teamId: string;
  checked: boolean;
}

/** Rows in plan order: teams by water released, each team's jobs by route order. */
export function rowsOf(plan: DispatchPlanOutput): PlanRow[] {
  return plan.teams.flatMap((t) => t.jobs.map((job) => ({ job, plannedTeamId: t.teamId, teamId: t.teamId, checked: true })));
}

/** Each team's route as the rows now stand: its position, then its jobs (moved-in ones last). */
export function routesOf(plan: DispatchPlanOutput, rows: readonly PlanRow[]): { team: TeamPlanRow | { teamId: string; name: string; position: [number, number] }; stops: PlannedJobRow[] }[] {
  const positions = new Map<string, { teamId: string; name: string; position: [number, number] }>();
  for (const t of plan.teams) positions.set(t.teamId, t);
  const byTeam = new Map<string, PlanRow[]>();
  for (const r of rows) byTeam.set(r.teamId, [...(byTeam.get(r.teamId) ?? []), r]);
  const out = [];
  for (const [teamId, list] of byTeam) {
    const team = positions.get(teamId) ?? fallbackTeam(plan, teamId, list);
    const own = list.filter((r) => r.plannedTeamId === teamId).sort((a, b) => a.job.order - b.job.order);
    const moved = list.filter((r) => r.plannedTeamId !== teamId);
    out.push({ team, stops: [...own, ...moved].map((r) => r.job) });
  }
  return out;
}

/** A team the plan gave no work but the leader chose: drawn from its first job (position unknown here). */
function fallbackTeam(plan: DispatchPlanOutput, teamId: string, list: readonly PlanRow[]) {
  const name = plan.allTeams.find((t) => t.id === teamId)?.name ?? teamId;
  return { teamId, name, position: list[0]!.job.position };
}
