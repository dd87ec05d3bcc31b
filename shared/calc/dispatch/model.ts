/**
 * The assignment MIP in the form a solver takes (columns, rows, a sparse matrix):
 *
 *   maximise   Σ_c value_c · x_c  −  ε · Σ_c hours_c · x_c
 *   subject to Σ_{c ∈ job j}  x_c ≤ 1                  for every blockage j  (one team each)
 *              Σ_{c ∈ team t} hours_c · x_c ≤ H_t      for every team t      (its hours left)
 *              x_c ∈ {0, 1}
 *
 * One column per candidate pair (machines already checked, k nearest teams kept). ε is small
 * enough never to trade water for hours; it only picks the shorter of equally good plans.
 */
import type { Candidate, PlanTeam } from './types';

/** The model as plain arrays; `infinity` is the solver's own (HiGHS has a finite one in Wasm). */
export interface AssignmentModel {
  numCols: number;
  numRows: number;
  colCost: Float64Array;
  colLower: Float64Array;
  colUpper: Float64Array;
  rowLower: Float64Array;
  rowUpper: Float64Array;
  matrix: { format: 'csc'; numRows: number; numCols: number; starts: Int32Array; indices: Int32Array; values: Float64Array };
  /** 1 = integer for every column (with bounds 0..1: binary). */
  integrality: Int32Array;
}

/** Build the MIP for the candidates; rows are the jobs (0 … jobs−1), then the teams. */
export function buildAssignmentModel(candidates: readonly Candidate[], teams: readonly PlanTeam[], jobCount: number, infinity: number): AssignmentModel {
  const n = candidates.length;
  const numRows = jobCount + teams.length;
  const maxValue = candidates.reduce((m, c) => Math.max(m, c.value), 0);
  const maxHours = teams.reduce((s, t) => s + t.hoursLeft, 0);
  const epsilon = maxValue > 0 && maxHours > 0 ? (1e-7 * maxValue) / maxHours : 0;
  const colCost = new Float64Array(n);
  const starts = new Int32Array(n + 1);
  const indices = new Int32Array(2 * n);
  const values = new Float64Array(2 * n);
  candidates.forEach((c, i) => {
    colCost[i] = c.value - epsilon * c.costHours;
    starts[i] = 2 * i;
    indices[2 * i] = c.job;
    values[2 * i] = 1;
    indices[2 * i + 1] = jobCount + c.team;
    values[2 * i + 1] = c.costHours;
  });
  starts[n] = 2 * n;
  const rowLower = new Float64Array(numRows).fill(-infinity);
  const rowUpper = new Float64Array(numRows);
  for (let j = 0; j < jobCount; j++) rowUpper[j] = 1;
  teams.forEach((t, i) => (rowUpper[jobCount + i] = Math.max(0, t.hoursLeft)));
  return {
    numCols: n,
    numRows,
    colCost,
    colLower: new Float64Array(n),
    colUpper: new Float64Array(n).fill(1),
    rowLower,
    rowUpper,
    matrix: { format: 'csc', numRows, numCols: n, starts, indices, values },
    integrality: new Int32Array(n).fill(1),
  };
}

/** A 0/1 start vector for the chosen candidates (the greedy plan as the solver's first incumbent). */
export function startVector(n: number, chosen: readonly number[]): Float64Array {
  const x = new Float64Array(n);
  for (const i of chosen) x[i] = 1;
  return x;
}

/**
 * The chosen candidates from a solver's column values, checked against the constraints (a
 * solver's answer is never trusted blindly: an infeasible one returns null).
 */
export function decodeChosen(values: ArrayLike<number>, candidates: readonly Candidate[], teams: readonly PlanTeam[]): number[] | null {
  if (values.length !== candidates.length) return null;
  const chosen: number[] = [];
  const used = teams.map(() => 0);
  const jobs = new Set<number>();
  for (let i = 0; i < candidates.length; i++) {
    if (values[i]! < 0.5) continue;
    const c = candidates[i]!;
    if (jobs.has(c.job)) return null;
    jobs.add(c.job);
    used[c.team]! += c.costHours;
    chosen.push(i);
  }
  return used.every((h, t) => h <= teams[t]!.hoursLeft + 1e-6) ? chosen : null;
}
