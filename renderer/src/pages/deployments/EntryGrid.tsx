import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import {
  DEPLOYMENT_TASK_LABELS,
  DEPLOYMENT_TASKS,
  PLACE_KIND_LABELS,
  PLACE_KINDS,
  type DeploymentPlaces,
} from '../../../../shared/contract/deployments';
import { useI18n, type MessageKey } from '../../i18n/I18n';
import { dec, int } from '../dashboard/format';
import { blankRow, NUMBER_COLUMNS, parseCell, type DraftRow, type NumberField } from './draft';
import type { CellIssue } from './useDeploymentDay';

const NOTE_COL = 3 + NUMBER_COLUMNS.length;

interface Props {
  /** The day shown (also on the table as data-date, so tests can wait for it). */
  date: string;
  rows: DraftRow[];
  setRows(update: (rows: DraftRow[]) => DraftRow[]): void;
  places: DeploymentPlaces;
  ratedPumpM3h: number;
  issues: CellIssue[];
  badCells: Set<string>;
}

/**
 * The day's entry grid, made for the keyboard: Tab moves right, Enter moves down (adding a row at
 * the bottom), Shift+Enter up, Ctrl+Delete removes the row; the kind and task pickers take digits.
 */
export function EntryGrid({ date, rows, setRows, places, ratedPumpM3h, issues, badCells }: Props) {
  const { t, locale } = useI18n();
  const table = useRef<HTMLTableElement>(null);
  const [focusAt, setFocusAt] = useState<[number, number] | null>(null);

  useEffect(() => {
    if (!focusAt) return;
    const el = table.current?.querySelector<HTMLElement>(`[data-cell="${focusAt[0]}-${focusAt[1]}"]`);
    if (el) {
      el.focus();
      if (el instanceof HTMLInputElement) el.select();
      setFocusAt(null);
    }
  }, [focusAt, rows]);

  const update = (key: string, change: (r: DraftRow) => DraftRow) => setRows((list) => list.map((r) => (r.key === key ? change(r) : r)));
  const hasIssue = (key: string, field: string) => badCells.has(`${key}.${field}`) || issues.some((i) => i.key === key && i.field === field);

  const onKeyDown = (e: KeyboardEvent<HTMLTableElement>) => {
    const cell = (e.target as HTMLElement).dataset.cell;
    if (!cell) return;
    const [row, col] = cell.split('-').map(Number) as [number, number];
    if (e.key === 'Enter' && !e.ctrlKey && !e.altKey) {
      e.preventDefault();
      const next = e.shiftKey ? row - 1 : row + 1;
      if (next < 0) return;
      if (next >= rows.length) setRows((list) => [...list, blankRow()]);
      setFocusAt([next, col]);
    } else if (e.key === 'Delete' && e.ctrlKey) {
      e.preventDefault();
      setRows((list) => {
        const left = list.filter((_, i) => i !== row);
        return left.length === 0 ? [blankRow()] : left;
      });
      setFocusAt([Math.max(0, Math.min(row, rows.length - 2)), col]);
    }
  };

  /** Digits pick an option in the kind and task selects (a closed select has no typing in Chinese). */
  const digitPick = <T extends string>(e: KeyboardEvent<HTMLSelectElement>, options: readonly T[], pick: (v: T) => void) => {
    const n = Number(e.key);
    if (Number.isInteger(n) && n >= 1 && n <= options.length) {
      e.preventDefault();
      pick(options[n - 1]!);
    }
  };

  const kindLabel = (k: (typeof PLACE_KINDS)[number]) => PLACE_KIND_LABELS[k][locale];
  const taskLabel = (k: (typeof DEPLOYMENT_TASKS)[number]) =>
    locale === 'zh' ? `${DEPLOYMENT_TASK_LABELS[k].short} ${DEPLOYMENT_TASK_LABELS[k].zh}` : DEPLOYMENT_TASK_LABELS[k].en;

  const pumped = (r: DraftRow) => {
    const pumps = parseCell(r.numbers.pumps);
    const hours = parseCell(r.numbers.hours);
    return typeof pumps === 'number' && typeof hours === 'number' ? pumps * hours * ratedPumpM3h : 0;
  };
  const sums = Object.fromEntries(NUMBER_COLUMNS.map((c) => [c.field, 0])) as Record<NumberField, number>;
  for (const r of rows) {
    for (const c of NUMBER_COLUMNS) {
      const v = parseCell(r.numbers[c.field]);
      if (typeof v === 'number') sums[c.field] += v;
      else if (c.field === 'pumpedM3' && v === null) sums.pumpedM3 += pumped(r);
    }
  }

  return (
    <div className="dep-grid-wrap">
      <datalist id="dep-villages">
        {places.villages.map((v) => (
          <option key={v} value={v} />
        ))}
      </datalist>
      <table className="dep-grid" ref={table} onKeyDown={onKeyDown} data-testid="deployment-grid" data-date={date}>
        <colgroup>
          <col className="w-no" />
          <col className="w-kind" />
          <col className="w-place" />
          <col className="w-task" />
          {NUMBER_COLUMNS.map((c) => (
            <col key={c.field} className={c.field === 'pumpedM3' ? 'w-num-wide' : 'w-num'} />
          ))}
          <col className="w-note" />
          <col className="w-del" />
        </colgroup>
        <thead>
          <tr className="dep-groups">
            <th colSpan={4} />
            <th colSpan={6}>{t('dep.group.force')}</th>
            <th colSpan={5}>{t('dep.group.works')}</th>
            <th colSpan={2} />
          </tr>
          <tr>
            <th>{t('dep.col.no')}</th>
            <th>{t('dep.col.kind')}</th>
            <th>{t('dep.col.place')}</th>
            <th>{t('dep.col.task')}</th>
            {NUMBER_COLUMNS.map((c) => (
              <th key={c.field} className="num">
                {t(c.label as MessageKey)}
              </th>
            ))}
            <th>{t('dep.col.note')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={r.key}>
              <td className="num muted">{i + 1}</td>
              <td>
                <select
                  data-cell={`${i}-0`}
                  aria-label={`${t('dep.col.kind')} ${i + 1}`}
                  value={r.placeKind}
                  onKeyDown={(e) => digitPick(e, PLACE_KINDS, (v) => update(r.key, (x) => ({ ...x, placeKind: v })))}
                  onChange={(e) => update(r.key, (x) => ({ ...x, placeKind: e.target.value as DraftRow['placeKind'] }))}
                >
                  {PLACE_KINDS.map((k) => (
                    <option key={k} value={k}>
                      {kindLabel(k)}
                    </option>
                  ))}
                </select>
              </td>
              <td className={hasIssue(r.key, 'place') || hasIssue(r.key, 'blockageId') ? 'cell-error' : undefined}>
                {r.placeKind === 'blockage' ? (
                  <select
                    data-cell={`${i}-1`}
                    aria-label={`${t('dep.col.place')} ${i + 1}`}
                    value={r.blockageId ?? ''}
                    onChange={(e) => update(r.key, (x) => ({ ...x, blockageId: e.target.value || null }))}
                  >
                    <option value="">{t('dep.pickBlockage')}</option>
                    {places.blockages.map((b) => (
                      <option key={b.id} value={b.id}>
                        {b.label}
                      </option>
                    ))}
                  </select>
                ) : (
                  <input
                    data-cell={`${i}-1`}
                    aria-label={`${t('dep.col.place')} ${i + 1}`}
                    list={r.placeKind === 'village' ? 'dep-villages' : undefined}
                    placeholder={t(r.placeKind === 'village' ? 'dep.placeholder.village' : 'dep.placeholder.site')}
                    value={r.place}
                    autoComplete="off"
                    onChange={(e) => update(r.key, (x) => ({ ...x, place: e.target.value }))}
                  />
                )}
              </td>
              <td>
                <select
                  data-cell={`${i}-2`}
                  aria-label={`${t('dep.col.task')} ${i + 1}`}
                  value={r.task}
                  onKeyDown={(e) => digitPick(e, DEPLOYMENT_TASKS, (v) => update(r.key, (x) => ({ ...x, task: v })))}
                  onChange={(e) => update(r.key, (x) => ({ ...x, task: e.target.value as DraftRow['task'] }))}
                >
                  {DEPLOYMENT_TASKS.map((k) => (
                    <option key={k} value={k}>
                      {taskLabel(k)}
                    </option>
                  ))}
                </select>
              </td>
              {NUMBER_COLUMNS.map((c, k) => (
                <td key={c.field} className={hasIssue(r.key, c.field) ? 'cell-error' : undefined}>
                  <input
                    data-cell={`${i}-${3 + k}`}
                    aria-label={`${t(c.label as MessageKey)} ${i + 1}`}
                    aria-invalid={hasIssue(r.key, c.field) || undefined}
                    className="num"
                    inputMode={c.decimals ? 'decimal' : 'numeric'}
                    autoComplete="off"
                    value={r.numbers[c.field]}
                    placeholder={c.field === 'pumpedM3' && pumped(r) > 0 ? `≈${int(pumped(r), locale)}` : undefined}
                    title={c.field === 'pumpedM3' ? t('dep.computed') : undefined}
                    onChange={(e) => update(r.key, (x) => ({ ...x, numbers: { ...x.numbers, [c.field]: e.target.value } }))}
                  />
                </td>
              ))}
              <td>
                <input
                  data-cell={`${i}-${NOTE_COL}`}
                  aria-label={`${t('dep.col.note')} ${i + 1}`}
                  value={r.note}
                  autoComplete="off"
                  onChange={(e) => update(r.key, (x) => ({ ...x, note: e.target.value }))}
                />
              </td>
              <td>
                <button
                  type="button"
                  className="icon dep-del"
                  tabIndex={-1}
                  title={t('dep.deleteRow')}
                  aria-label={`${t('dep.deleteRow')} ${i + 1}`}
                  onClick={() => setRows((list) => (list.length <= 1 ? [blankRow()] : list.filter((x) => x.key !== r.key)))}
                >
                  ×
                </button>
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr data-testid="day-total">
            <th colSpan={4}>{t('dep.dayTotal')}</th>
            {NUMBER_COLUMNS.map((c) => (
              <td key={c.field} className="num" data-field={c.field}>
                {c.field === 'hours' ? '' : c.decimals ? dec(sums[c.field], locale) : int(sums[c.field], locale)}
              </td>
            ))}
            <td colSpan={2} />
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
