/** The dispatch problem and plan (issue 13): pure data, no database, no solver. */
import type { BlockageCause, MachineNeeds } from '../../domain/blockageCause';

export type LonLat = [number, number];

/** A field team as the planner sees it. */
export interface PlanTeam {
  id: string;
  name: string;
  machines: MachineNeeds;
  /** Working hours still free on the planned day. */
  hoursLeft: number;
  position: LonLat;
  /** Where the position comes from: the team's last field GPS, its base village, or the township's middle. */
  positionFrom: 'gps' | 'village' | 'township';
}

/** An open, undispatched blockage as the planner sees it. */
export interface PlanJob {
  id: string;
  name: string;
  village: string;
  position: LonLat;
  /** Water released when it is opened (the ranking's impact), m³. */
  impactM3: number;
  cause: BlockageCause;
  needs: MachineNeeds;
  /** Hours of work at the site. */
  hours: number;
}

export interface TravelSettings {
  /** Road distance ÷ straight-line distance. */
  detourFactor: number;
  speedKmh: number;
}

export interface DispatchProblem {
  teams: readonly PlanTeam[];
  jobs: readonly PlanJob[];
  travel: TravelSettings;
  /** Keep each blockage's k nearest capable teams as candidates (the MIP's size); default 8. */
  candidatesPerJob?: number;
  /** Shortlist the best-paying jobs up to this many times the teams' free hours (Infinity: all); default 3. */
  shortlistFactor?: number;
}

/** One team may take one job: its travel from the team's position and what it costs in hours. */
export interface Candidate {
  team: number;
  job: number;
  /** Road km from the team's position. */
  travelKm: number;
  /**
   * Hours charged against the team's day: the job plus travel out and back. Out and back is an
   * upper bound on the routed day (triangle inequality), so any chosen set fits once routed.
   */
  costHours: number;
  value: number;
}

/** A machine need no team, or no team with hours left, can meet; or nothing to plan. */
export type LeftOutKind =
  | 'no_teams'
  | 'no_open_blockages'
  | 'team_no_machines'
  | 'team_no_hours'
  | 'blockage_no_team'
  | 'blockage_too_long'
  | 'blockage_no_impact'
  | 'blockage_not_chosen';

export interface LeftOut {
  kind: LeftOutKind;
  /** The teams' or blockages' ids and names (empty for no_teams / no_open_blockages). */
  ids: string[];
  names: string[];
  message: { zh: string; en: string };
}

/** One stop on a team's route. */
export interface PlannedJob {
  blockageId: string;
  name: string;
  village: string;
  position: LonLat;
  cause: BlockageCause;
  needs: MachineNeeds;
  jobHours: number;
  impactM3: number;
  /** 1-based order on the team's route. */
  order: number;
  /** Road km and minutes from the previous stop (the team's position for the first). */
  legKm: number;
  legMinutes: number;
  /** Hours from the start of the team's day until this job is done. */
  doneAfterHours: number;
  /** Teams whose machines cover this job (for "change team"), nearest first. */
  capableTeamIds: string[];
  reason: { zh: string; en: string };
}

export interface TeamPlan {
  teamId: string;
  name: string;
  machines: MachineNeeds;
  position: LonLat;
  positionFrom: PlanTeam['positionFrom'];
  hoursLeft: number;
  /** Routed hours: travel along the route plus the jobs. */
  hoursUsed: number;
  releasedM3: number;
  jobs: PlannedJob[];
}

export type SolverStatus = 'optimal' | 'time_limit' | 'failed' | 'not_run';

/** What a MIP solver returned: a value per candidate column, or none. */
export interface SolverOutcome {
  status: SolverStatus;
  values: ArrayLike<number> | null;
  detail: string;
}

export interface DispatchPlan {
  /** Which method's assignment the plan is: the MIP solver's, or the greedy fallback. */
  producedBy: 'solver' | 'greedy';
  solver: { name: string; status: SolverStatus; detail: string; ms: number; releasedM3: number | null };
  greedy: { ms: number; releasedM3: number };
  candidates: number;
  releasedM3: number;
  hoursUsed: number;
  teams: TeamPlan[];
  leftOut: LeftOut[];
}
