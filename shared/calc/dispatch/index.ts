/** Suggested dispatch (issue 13): the problem model, greedy planner, MIP formulation and routes. */
export * from './types';
export { buildCandidates, DEFAULT_CANDIDATES_PER_JOB, type CandidateSet } from './candidates';
export { greedyAssign, releasedBy } from './greedy';
export { buildAssignmentModel, decodeChosen, startVector, type AssignmentModel } from './model';
export { orderStops } from './route';
export { reasonFor, volumeText } from './reasons';
export { leftOutOf } from './leftOut';
export { roadKm, straightKm, travelHours } from './travel';
export { planDispatch, type MipSolver } from './plan';
