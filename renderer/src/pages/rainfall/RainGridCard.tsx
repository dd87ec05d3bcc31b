import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { WireError } from '../../../../shared/contract/errors';
import type { RainGrid } from '../../../../shared/contract/rainfall';
import { addDays } from '../../../../shared/domain/dates';
import { ApiError, invoke } from '../../api/client';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useI18n } from '../../i18n/I18n';
import { mm, shortDay } from '../dashboard/format';
import { parseCell } from '../deployments/draft';

/** The cell key of a station's value or last year's value on a day. */
const cellKey = (date: string, column: string) => `${date}|${column}`;
const BASELINE = 'baseline';

interface Props {
  seasonStart: string;
  today: string;
  /** The latest day with data: the grid opens on the two weeks up to the day after it. */
  latest: string | null;
  version: number;
  onSaved(): void;
}

/** Daily values per station typed into a grid (and last year's column), saved together with Ctrl+S. */
export function RainGridCard({ seasonStart, today, latest, version, onSaved }: Props) {
  const end = latest && latest >= seasonStart && latest < today ? addDays(latest, 1) : today;
  const twoWeeks = () => ({ from: addDays(end, -13) < seasonStart ? seasonStart : addDays(end, -13), to: end });
  const { t } = useI18n();
  const [range, setRangeState] = useState(twoWeeks);
  // Follow new data (an import, a new day) until the user picks a range of their own.
  const chosen = useRef(false);
  const setRange = (r: { from: string; to: string }) => {
    chosen.current = true;
    setRangeState(r);
  };
  useEffect(() => {
    if (chosen.current) return;
    const next = twoWeeks(); // derived from `end`
    setRangeState((r) => (r.from === next.from && r.to === next.to ? r : next));
  }, [end]);
  const [grid, setGrid] = useState<RainGrid | null>(null);
  const [edits, setEdits] = useState<Map<string, string>>(new Map());
  const [error, setError] = useState<WireError | null>(null);
  const [bad, setBad] = useState<string[]>([]);
  const [saved, setSaved] = useState<number | null>(null);
  const table = useRef<HTMLTableElement>(null);

  useEffect(() => {
    if (range.from > range.to) return;
    let live = true; // a slower answer for an earlier range must not replace this one
    invoke('rainfall.grid', range).then(
      (g) => {
        if (!live) return;
        setGrid(g);
        setEdits(new Map());
      },
      (e: unknown) => live && setError(e instanceof ApiError ? e.wire : null),
    );
    return () => {
      live = false;
    };
  }, [range, version]);

  const stored = (date: string, column: string): number | null => {
    const day = grid?.days.find((d) => d.date === date);
    if (!day) return null;
    return column === BASELINE ? day.lastYearMm : (day.values[column] ?? null);
  };
  const shown = (date: string, column: string) => {
    const k = cellKey(date, column);
    if (edits.has(k)) return edits.get(k)!;
    const v = stored(date, column);
    if (v === null) return '';
    return Number.isInteger(Math.round(v * 100) / 10) ? v.toFixed(1) : String(Math.round(v * 100) / 100);
  };

  const save = async () => {
    if (!grid || edits.size === 0) return;
    const readings: { date: string; stationId: string; mm: number | null }[] = [];
    const baseline: { date: string; mm: number | null }[] = [];
    const wrong: string[] = [];
    for (const [k, text] of edits) {
      const [date, column] = k.split('|') as [string, string];
      const v = parseCell(text);
      if (v === 'bad') {
        const station = column === BASELINE ? t('rain.col.lastYear') : (grid.stations.find((s) => s.id === column)?.name ?? '');
        wrong.push(t('rain.notNumber', { date, station, text }));
        continue;
      }
      const before = stored(date, column);
      if (v === before || (v !== null && before !== null && Math.abs(v - before) < 0.005)) continue;
      if (column === BASELINE) baseline.push({ date, mm: v });
      else readings.push({ date, stationId: column, mm: v });
    }
    setBad(wrong);
    setError(null);
    if (wrong.length > 0) return;
    try {
      const result = await invoke('rainfall.save', { readings, baseline });
      setSaved(result.changed);
      onSaved();
    } catch (e) {
      setError(e instanceof ApiError ? e.wire : { code: 'internal', message: String(e), messageEn: String(e) });
    }
  };

  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's' && table.current?.contains(document.activeElement)) {
        e.preventDefault();
        void save();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  const onKeyDown = (e: KeyboardEvent<HTMLTableElement>) => {
    const cell = (e.target as HTMLElement).dataset.cell;
    if (!cell || e.key !== 'Enter') return;
    e.preventDefault();
    const [row, col] = cell.split('-').map(Number) as [number, number];
    const next = table.current?.querySelector<HTMLInputElement>(`[data-cell="${row + (e.shiftKey ? -1 : 1)}-${col}"]`);
    next?.focus();
    next?.select();
  };

  const columns = grid ? [...grid.stations.map((s) => ({ id: s.id, name: s.name })), { id: BASELINE, name: t('rain.col.lastYear') }] : [];
  const dirty = [...edits.keys()].some((k) => {
    const [date, column] = k.split('|') as [string, string];
    const v = parseCell(edits.get(k)!);
    return v !== stored(date, column);
  });

  return (
    <section className="card rain-grid-card">
      <div className="rain-grid-head">
        <h2>{t('rain.grid')}</h2>
        <div className="rain-range">
          <label htmlFor="rain-from">{t('rain.from')}</label>
          <input id="rain-from" type="date" value={range.from} min={seasonStart} max={today} onChange={(e) => e.target.value && setRange({ ...range, from: e.target.value })} />
          <label htmlFor="rain-to">{t('rain.to')}</label>
          <input id="rain-to" type="date" value={range.to} min={seasonStart} max={today} onChange={(e) => e.target.value && setRange({ ...range, to: e.target.value })} />
          <button type="button" onClick={() => setRange(twoWeeks())}>
            {t('rain.lastTwoWeeks')}
          </button>
          <button type="button" onClick={() => setRange({ from: seasonStart, to: today })}>
            {t('rain.wholeSeason')}
          </button>
        </div>
        <div className="actions">
          <button type="button" className="primary" disabled={!dirty} onClick={() => void save()}>
            {t('common.save')} (Ctrl+S)
          </button>
          {dirty ? <span className="warn-text">{t('dep.unsaved')}</span> : saved !== null ? <span className="ok" role="status">{t('rain.saved', { n: saved })}</span> : null}
        </div>
      </div>
      <p className="muted">{t('rain.keys')}</p>
      {bad.length > 0 && (
        <div className="banner banner-error" role="alert">
          {bad.map((b) => (
            <div key={b}>{b}</div>
          ))}
        </div>
      )}
      <ErrorBanner error={error} />
      {grid && grid.stations.length === 0 && <p className="banner banner-warn">{t('rain.noStations')}</p>}
      {grid && (
        <div className="rain-grid-wrap">
          <table className="rain-grid" ref={table} onKeyDown={onKeyDown} data-testid="rain-grid">
            <thead>
              <tr>
                <th>{t('rain.col.date')}</th>
                {columns.map((c) => (
                  <th key={c.id} className="num">
                    {c.name}
                  </th>
                ))}
                <th className="num nowrap">{t('rain.col.township')}</th>
              </tr>
            </thead>
            <tbody>
              {[...grid.days].reverse().map((d, i) => (
                <tr key={d.date}>
                  <th scope="row" className="nowrap">
                    {shortDay(d.date)}
                    <span className="muted"> {d.date.slice(0, 4)}</span>
                  </th>
                  {columns.map((c, k) => (
                    <td key={c.id} className={c.id === BASELINE ? 'rain-lastyear' : undefined}>
                      <input
                        data-cell={`${i}-${k}`}
                        aria-label={`${d.date} ${c.name}`}
                        className="num"
                        inputMode="decimal"
                        autoComplete="off"
                        value={shown(d.date, c.id)}
                        onChange={(e) => setEdits((m) => new Map(m).set(cellKey(d.date, c.id), e.target.value))}
                      />
                    </td>
                  ))}
                  <td className="num rain-township">{d.townshipMm === null ? '—' : mm(d.townshipMm)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
