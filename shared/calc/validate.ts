/**
 * Section validation (issue 6). Every problem is reported (not just the first) with a stable code
 * and a message in Chinese and English, so a form can mark each bad field at once.
 */
import type { Bilingual } from '../contract/errors';
import type { Culvert, CulvertInput, DitchSection, DitchSectionInput } from './sectionTypes';

/** Manning n accepted for ditches and culverts (inclusive). */
export const MANNING_N_MIN = 0.01;
export const MANNING_N_MAX = 0.2;
/** Steepest longitudinal slope accepted (inclusive); anything steeper is a typing error here. */
export const SLOPE_MAX = 0.1;

export type SectionField = keyof DitchSectionInput | keyof CulvertInput;

export type SectionProblemCode =
  | 'missing'
  | 'not_a_number'
  | 'width_not_positive'
  | 'depth_not_positive'
  | 'side_slope_negative'
  | 'roughness_out_of_range'
  | 'slope_out_of_range'
  | 'diameter_not_positive'
  | 'barrels_not_whole'
  | 'length_not_positive';

export interface SectionProblem {
  field: SectionField;
  code: SectionProblemCode;
  /** The offending value, or null when it was missing or not a number. */
  value: number | null;
  message: Bilingual;
}

export type SectionValidation<T> = { ok: true; section: T } | { ok: false; problems: SectionProblem[] };

const FIELD_LABELS: Record<SectionField, Bilingual> = {
  bottomWidthM: { zh: '底宽 b', en: 'bottom width b' },
  depthM: { zh: '沟深 h', en: 'depth h' },
  sideSlope: { zh: '边坡系数 z', en: 'side slope z' },
  manningN: { zh: '糙率 n', en: 'Manning n' },
  slope: { zh: '纵坡 S', en: 'slope S' },
  diameterM: { zh: '管径 D', en: 'diameter D' },
  barrels: { zh: '孔数', en: 'number of barrels' },
  lengthM: { zh: '管长', en: 'length' },
};

function problem(field: SectionField, code: SectionProblemCode, value: number | null, zh: string, en: string): SectionProblem {
  const label = FIELD_LABELS[field];
  return { field, code, value, message: { zh: `${label.zh}${zh}`, en: `${label.en} ${en}` } };
}

/** Reads one value: a finite number, or records 'missing' / 'not_a_number' and returns null. */
function readNumber(field: SectionField, raw: unknown, problems: SectionProblem[]): number | null {
  if (raw === undefined || raw === null) {
    problems.push(problem(field, 'missing', null, ' 未填写', 'is missing'));
    return null;
  }
  if (typeof raw !== 'number' || !Number.isFinite(raw)) {
    problems.push(problem(field, 'not_a_number', null, ' 不是有效数字', 'is not a valid number'));
    return null;
  }
  return raw;
}

function checkRoughness(n: number | null, problems: SectionProblem[]): void {
  if (n !== null && (n < MANNING_N_MIN || n > MANNING_N_MAX)) {
    problems.push(
      problem('manningN', 'roughness_out_of_range', n, ` = ${n}，应在 ${MANNING_N_MIN}–${MANNING_N_MAX} 之间`, `= ${n}, must be between ${MANNING_N_MIN} and ${MANNING_N_MAX}`),
    );
  }
}

function checkSlope(s: number | null, problems: SectionProblem[]): void {
  if (s !== null && (s <= 0 || s > SLOPE_MAX)) {
    problems.push(
      problem('slope', 'slope_out_of_range', s, ` = ${s}，应大于 0 且不超过 ${SLOPE_MAX}`, `= ${s}, must be greater than 0 and at most ${SLOPE_MAX}`),
    );
  }
}

/** Validates a ditch cross-section; only a valid one can be used for capacity. */
export function validateDitchSection(input: DitchSectionInput): SectionValidation<DitchSection> {
  const problems: SectionProblem[] = [];
  const b = readNumber('bottomWidthM', input.bottomWidthM, problems);
  const h = readNumber('depthM', input.depthM, problems);
  const z = readNumber('sideSlope', input.sideSlope, problems);
  const n = readNumber('manningN', input.manningN, problems);
  const s = readNumber('slope', input.slope, problems);

  if (b !== null && b < 0) {
    problems.push(problem('bottomWidthM', 'width_not_positive', b, ` = ${b}，不能为负`, `= ${b}, must not be negative`));
  } else if (b === 0 && z === 0) {
    // A zero bottom width is a V-ditch, which needs sloped sides to have any area at all.
    problems.push(
      problem('bottomWidthM', 'width_not_positive', b, ' 为 0 时边坡系数 z 须大于 0（V 形沟）', 'is 0, which needs a side slope z > 0 (V-ditch)'),
    );
  }
  if (h !== null && h <= 0) {
    problems.push(problem('depthM', 'depth_not_positive', h, ` = ${h}，应大于 0`, `= ${h}, must be greater than 0`));
  }
  if (z !== null && z < 0) {
    problems.push(problem('sideSlope', 'side_slope_negative', z, ` = ${z}，不能为负`, `= ${z}, must not be negative`));
  }
  checkRoughness(n, problems);
  checkSlope(s, problems);

  if (problems.length > 0 || b === null || h === null || z === null || n === null || s === null) {
    return { ok: false, problems };
  }
  const section = { bottomWidthM: b, depthM: h, sideSlope: z, manningN: n, slope: s } as DitchSection;
  return { ok: true, section };
}

/** Validates a culvert; only a valid one can be used for capacity. */
export function validateCulvert(input: CulvertInput): SectionValidation<Culvert> {
  const problems: SectionProblem[] = [];
  const d = readNumber('diameterM', input.diameterM, problems);
  const k = readNumber('barrels', input.barrels, problems);
  const n = readNumber('manningN', input.manningN, problems);
  const s = readNumber('slope', input.slope, problems);
  // Length is optional: capacity does not need it.
  const l = input.lengthM === undefined || input.lengthM === null ? null : readNumber('lengthM', input.lengthM, problems);

  if (d !== null && d <= 0) {
    problems.push(problem('diameterM', 'diameter_not_positive', d, ` = ${d}，应大于 0`, `= ${d}, must be greater than 0`));
  }
  if (k !== null && (k < 1 || !Number.isInteger(k))) {
    problems.push(problem('barrels', 'barrels_not_whole', k, ` = ${k}，应为不小于 1 的整数`, `= ${k}, must be a whole number of at least 1`));
  }
  if (l !== null && l <= 0) {
    problems.push(problem('lengthM', 'length_not_positive', l, ` = ${l}，应大于 0`, `= ${l}, must be greater than 0`));
  }
  checkRoughness(n, problems);
  checkSlope(s, problems);

  if (problems.length > 0 || d === null || k === null || n === null || s === null) {
    return { ok: false, problems };
  }
  const culvert = { diameterM: d, barrels: k, manningN: n, slope: s, lengthM: l } as Culvert;
  return { ok: true, section: culvert };
}

/** One invalid item of a batch, for a list of "fix these first" rows. */
export interface ItemProblems {
  id: string;
  problems: SectionProblem[];
}

/** Validates many ditches/culverts; returns the valid ones by id and the problems of the rest. */
export function validateMany<I, T>(
  items: readonly { id: string; input: I }[],
  validate: (input: I) => SectionValidation<T>,
): { valid: Map<string, T>; invalid: ItemProblems[] } {
  const valid = new Map<string, T>();
  const invalid: ItemProblems[] = [];
  for (const item of items) {
    const result = validate(item.input);
    if (result.ok) valid.set(item.id, result.section);
    else invalid.push({ id: item.id, problems: result.problems });
  }
  return { valid, invalid };
}
