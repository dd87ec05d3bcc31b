import { DEPLOYMENT_TASKS, type DeploymentTask } from '../../../../shared/contract/deployments';
import type { SheetDraft, SheetDraftInput, SheetForceRow } from '../../../../shared/contract/sheets';

/** A planned row as the form edits it: numbers stay text until saved. */
export interface PlanRowForm {
  key: number;
  place: string;
  task: DeploymentTask;
  people: string;
  excavators: string;
  longArmExcavators: string;
  dumpTrucks: string;
  pumps: string;
  note: string;
}

export const COUNT_FIELDS = ['people', 'excavators', 'longArmExcavators', 'dumpTrucks', 'pumps'] as const;

export interface DraftForm {
  date: string;
  planText: string;
  rows: PlanRowForm[];
  issuer: string;
  checker: string;
  preparer: string;
}

let nextKey = 1;

export function emptyRow(): PlanRowForm {
  return { key: nextKey++, place: '', task: DEPLOYMENT_TASKS[0], people: '', excavators: '', longArmExcavators: '', dumpTrucks: '', pumps: '', note: '' };
}

const text = (n: number) => (n === 0 ? '' : String(n));

export function toForm(d: SheetDraft): DraftForm {
  return {
    date: d.date,
    planText: d.planText,
    rows: d.planRows.map((r) => ({
      key: nextKey++,
      place: r.place,
      task: r.task,
      people: text(r.people),
      excavators: text(r.excavators),
      longArmExcavators: text(r.longArmExcavators),
      dumpTrucks: text(r.dumpTrucks),
      pumps: text(r.pumps),
      note: r.note,
    })),
    ...d.signatures,
  };
}

/** Today's deployment by place and task, as tomorrow's starting plan. */
export function rowsFromForce(force: SheetForceRow[]): PlanRowForm[] {
  return force.map((r) => ({
    key: nextKey++,
    place: r.place,
    task: r.task,
    people: text(r.people),
    excavators: text(r.excavators),
    longArmExcavators: text(r.longArmExcavators),
    dumpTrucks: text(r.dumpTrucks),
    pumps: text(r.pumps),
    note: '',
  }));
}

/** Blank counts are 0; anything else goes to the core as typed, which answers bad values by row. */
const count = (s: string): number => (s.trim() === '' ? 0 : Number(s));

export function toInput(f: DraftForm): SheetDraftInput {
  return {
    date: f.date,
    planText: f.planText,
    planRows: f.rows.map((r) => ({
      place: r.place,
      task: r.task,
      people: count(r.people),
      excavators: count(r.excavators),
      longArmExcavators: count(r.longArmExcavators),
      dumpTrucks: count(r.dumpTrucks),
      pumps: count(r.pumps),
      note: r.note,
    })),
    signatures: { issuer: f.issuer, checker: f.checker, preparer: f.preparer },
  };
}
