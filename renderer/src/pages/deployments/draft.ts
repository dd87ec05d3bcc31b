import type { DeploymentRow, DeploymentRowInput, DeploymentTask, PlaceKind } from '../../../../shared/contract/deployments';

/** The number columns of the grid, in order, with the row field each edits. */
export const NUMBER_COLUMNS = [
  { field: 'people', label: 'dep.col.people', decimals: false },
  { field: 'excavators', label: 'dep.col.excavators', decimals: false },
  { field: 'longArmExcavators', label: 'dep.col.longArm', decimals: false },
  { field: 'dumpTrucks', label: 'dep.col.dumpTrucks', decimals: false },
  { field: 'pumps', label: 'dep.col.pumps', decimals: false },
  { field: 'hours', label: 'dep.col.hours', decimals: true },
  { field: 'culvertsLaid', label: 'dep.col.culverts', decimals: false },
  { field: 'culvertMeters', label: 'dep.col.culvertM', decimals: true },
  { field: 'fieldDitchMeters', label: 'dep.col.fieldDitch', decimals: true },
  { field: 'clearedDitchMeters', label: 'dep.col.cleared', decimals: true },
  { field: 'pumpedM3', label: 'dep.col.pumped', decimals: true },
] as const;
export type NumberField = (typeof NUMBER_COLUMNS)[number]['field'];

/** One grid row as typed: numbers stay text until saved, so a typo can be shown as typed. */
export interface DraftRow {
  key: string;
  id?: string;
  placeKind: PlaceKind;
  place: string;
  blockageId: string | null;
  task: DeploymentTask;
  numbers: Record<NumberField, string>;
  note: string;
}

let counter = 0;
const newKey = () => `r${++counter}`;

const emptyNumbers = (): Record<NumberField, string> =>
  Object.fromEntries(NUMBER_COLUMNS.map((c) => [c.field, ''])) as Record<NumberField, string>;

/** A blank row for typing into (village, pumping: the commonest line). */
export function blankRow(): DraftRow {
  return { key: newKey(), placeKind: 'village', place: '', blockageId: null, task: 'pump', numbers: emptyNumbers(), note: '' };
}

/** A saved row as a draft; `copy` drops the id so saving creates a new row (copying a day). */
export function fromRow(r: DeploymentRow, copy = false): DraftRow {
  const numbers = emptyNumbers();
  for (const c of NUMBER_COLUMNS) {
    const v = r[c.field];
    numbers[c.field] = v === null || v === 0 ? '' : String(v);
  }
  const draft: DraftRow = { key: newKey(), placeKind: r.placeKind, place: r.place, blockageId: r.blockageId, task: r.task, numbers, note: r.note };
  if (!copy) draft.id = r.id;
  return draft;
}

/** A row nobody has typed into is left out when saving. */
export function isBlank(r: DraftRow): boolean {
  return !r.id && r.place.trim() === '' && r.blockageId === null && r.note.trim() === '' && Object.values(r.numbers).every((v) => v.trim() === '');
}

/** Text as a number: blank is 0 (null for water pumped); anything else that is not a number is an error. */
export function parseCell(text: string): number | null | 'bad' {
  const t = text.trim().replace(/[,，\s]/g, '').replace(/．/g, '.');
  if (t === '') return null;
  const n = Number(t.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)));
  return Number.isFinite(n) ? n : 'bad';
}

export interface LocalIssue {
  key: string;
  field: string;
  row: number;
  column: string;
  text: string;
}

/** The rows to send (blank ones left out) and where each came from, or the cells that are not numbers. */
export function toInput(rows: DraftRow[]): { input: DeploymentRowInput[]; keys: string[]; issues: LocalIssue[] } {
  const input: DeploymentRowInput[] = [];
  const keys: string[] = [];
  const issues: LocalIssue[] = [];
  rows.forEach((r, i) => {
    if (isBlank(r)) return;
    const numbers: Partial<Record<NumberField, number | null>> = {};
    for (const c of NUMBER_COLUMNS) {
      const v = parseCell(r.numbers[c.field]);
      if (v === 'bad') issues.push({ key: r.key, field: c.field, row: i + 1, column: c.label, text: r.numbers[c.field] });
      else numbers[c.field] = c.field === 'pumpedM3' ? v : (v ?? 0);
    }
    const row: DeploymentRowInput = {
      placeKind: r.placeKind,
      place: r.placeKind === 'blockage' ? '' : r.place.trim(),
      blockageId: r.placeKind === 'blockage' ? r.blockageId : null,
      task: r.task,
      note: r.note,
      ...(numbers as Record<NumberField, number>),
      pumpedM3: numbers.pumpedM3 ?? null,
    };
    if (r.id) row.id = r.id;
    input.push(row);
    keys.push(r.key);
  });
  return { input, keys, issues };
}

/** Sums of the typed numbers, for the grid's footer (non-numbers count as 0). */
export function draftSums(rows: DraftRow[]): Record<NumberField, number> {
  const s = Object.fromEntries(NUMBER_COLUMNS.map((c) => [c.field, 0])) as Record<NumberField, number>;
  for (const r of rows) {
    for (const c of NUMBER_COLUMNS) {
      const v = parseCell(r.numbers[c.field]);
      if (typeof v === 'number') s[c.field] += v;
    }
  }
  return s;
}

/** A comparable form of the grid, to tell whether anything changed since loading. */
export function fingerprint(rows: DraftRow[]): string {
  return JSON.stringify(rows.filter((r) => !isBlank(r)).map(({ key: _key, ...rest }) => rest));
}
