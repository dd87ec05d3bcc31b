/**
 * Suggested dispatch (issue 13): which team, with which machines, to which blockage, in what
 * order; the leader accepts all, some, or changes a team, and accepting writes normal lifecycle
 * events and the sheet's 明日安排.
 */
import { z } from 'zod';
import { BLOCKAGE_CAUSES } from '../domain/blockageCause';
import { id, isoDate } from './common';
import { jobHoursSchema, machineNeedsSchema } from './dispatchSettings';
import { bilingual } from './validation';

const lonLat = z.tuple([z.number(), z.number()]);
const bilingualText = z.object({ zh: z.string(), en: z.string() });

export const plannedJobSchema = z.object({
  blockageId: id,
  name: z.string(),
  village: z.string(),
  position: lonLat,
  cause: z.enum(BLOCKAGE_CAUSES),
  /** Whether the desk set the cause (else it was read from the report's words). */
  causeSet: z.boolean(),
  needs: machineNeedsSchema,
  jobHours: z.number(),
  impactM3: z.number(),
  order: z.int(),
  legKm: z.number(),
  legMinutes: z.number(),
  doneAfterHours: z.number(),
  capableTeamIds: z.array(id),
  reason: bilingualText,
});
export type PlannedJobRow = z.infer<typeof plannedJobSchema>;

export const teamPlanSchema = z.object({
  teamId: id,
  name: z.string(),
  machines: machineNeedsSchema,
  position: lonLat,
  positionFrom: z.enum(['gps', 'village', 'township']),
  hoursLeft: z.number(),
  hoursUsed: z.number(),
  releasedM3: z.number(),
  jobs: z.array(plannedJobSchema),
});
export type TeamPlanRow = z.infer<typeof teamPlanSchema>;

export const LEFT_OUT_KINDS = [
  'no_teams',
  'no_open_blockages',
  'team_no_machines',
  'team_no_hours',
  'blockage_no_team',
  'blockage_too_long',
  'blockage_no_impact',
  'blockage_not_chosen',
] as const;

export const dispatchPlanSchema = z.object({
  /** The sheet day whose 明日安排 the plan fills; the work is for the day after. */
  date: isoDate,
  workDate: isoDate,
  producedBy: z.enum(['solver', 'greedy']),
  solver: z.object({ name: z.string(), status: z.enum(['optimal', 'time_limit', 'failed', 'not_run']), detail: z.string(), ms: z.number(), releasedM3: z.number().nullable() }),
  greedy: z.object({ ms: z.number(), releasedM3: z.number() }),
  /** Whether "water released" is the runoff held back (a day with rain) or the storage cut off. */
  impactBasis: z.enum(['runoff', 'storage']),
  candidates: z.int(),
  releasedM3: z.number(),
  hoursUsed: z.number(),
  /** Total planning time, ms. */
  ms: z.number(),
  settings: z.object({ detourFactor: z.number(), speedKmh: z.number(), workdayHours: z.number() }),
  teams: z.array(teamPlanSchema),
  leftOut: z.array(z.object({ kind: z.enum(LEFT_OUT_KINDS), ids: z.array(z.string()), names: z.array(z.string()), message: bilingualText })),
  /** Every live team (for the "change team" select), with its machines. */
  allTeams: z.array(z.object({ id, name: z.string(), machines: machineNeedsSchema, hoursLeft: z.number() })),
});
export type DispatchPlanOutput = z.infer<typeof dispatchPlanSchema>;

export const dispatchAssignmentSchema = z.strictObject({ blockageId: id, teamId: id });

export const dispatchAcceptSchema = z.strictObject({
  /** The sheet day whose 明日安排 gets the plan (default: the plan's default day). */
  date: isoDate.optional(),
  assignments: z
    .array(dispatchAssignmentSchema)
    .min(1, { error: bilingual('请至少选择一项派工', 'choose at least one assignment') })
    .max(500, { error: bilingual('一次最多接受 500 项派工', 'at most 500 assignments at once') })
    .refine((a) => new Set(a.map((x) => x.blockageId)).size === a.length, { error: bilingual('同一个堵点只能派给一个作业队', 'a blockage can go to one team only') }),
});

export const dispatchNeedsInputSchema = z.strictObject({
  blockageId: id,
  /** null: read the cause from the report again. */
  cause: z.enum(BLOCKAGE_CAUSES, { error: bilingual('成因应为 涵管堵塞、淤积、积水、秸秆杂草、塌陷、土坝截流、其他 之一', 'unknown cause') }).nullable(),
  /** null: the cause's default hours. */
  jobHours: jobHoursSchema.nullable(),
});

export const dispatchProcedures = {
  /** The suggested plan for the day after `date` (default: the latest day with data). Nothing is written. */
  'dispatch.plan': { input: z.strictObject({ date: isoDate.optional() }), output: dispatchPlanSchema },
  /** Write the chosen assignments as lifecycle events and fill 明日安排, all or nothing. */
  'dispatch.accept': {
    input: dispatchAcceptSchema,
    output: z.object({ assigned: z.int(), blockageIds: z.array(id), sheetDate: isoDate, planRows: z.int() }),
  },
  /** Set a blockage's cause and job hours for the planner (history: a note event). */
  'dispatch.setNeeds': {
    input: dispatchNeedsInputSchema,
    output: z.object({ blockageId: id, cause: z.enum(BLOCKAGE_CAUSES), causeSet: z.boolean(), jobHours: z.number(), needs: machineNeedsSchema }),
  },
};
