import { useEffect, useState } from 'react';
import { RAIN_SOURCES, type CapacityQuery, type RainSource, type RunoffMethod } from '../../../../shared/contract/capacity';
import { useI18n, type MessageKey } from '../../i18n/I18n';

export interface QueryState {
  date: string | undefined;
  rainSource: RainSource;
  typedMm: string;
  method: RunoffMethod;
  fillPct: string;
}

/** The query the controls describe, or null while a typed number is not a number yet. */
export function toQuery(s: QueryState): CapacityQuery | null {
  const q: CapacityQuery = { rainSource: s.rainSource, method: s.method };
  if (s.date) q.date = s.date;
  const fill = Number(s.fillPct);
  if (s.fillPct.trim() === '' || !Number.isFinite(fill)) return null;
  q.initialFillPct = fill;
  if (s.rainSource === 'typed') {
    const mm = Number(s.typedMm);
    if (s.typedMm.trim() === '' || !Number.isFinite(mm)) return null;
    q.rainMm = mm;
  }
  return q;
}

/** Day, rain, runoff method and how full the ditches already are; export buttons on the right. */
export function Controls(props: {
  state: QueryState;
  shownDate: string;
  onChange(next: QueryState): void;
  onExport(format: 'xlsx' | 'csv'): void;
  exporting: boolean;
}) {
  const { t } = useI18n();
  const { state, onChange } = props;
  // Typed numbers are edited locally and applied as they become valid.
  const [mm, setMm] = useState(state.typedMm);
  const [fill, setFill] = useState(state.fillPct);
  useEffect(() => setMm(state.typedMm), [state.typedMm]);
  useEffect(() => setFill(state.fillPct), [state.fillPct]);
  return (
    <div className="cap-controls" role="group" aria-label={t('cap.rain')}>
      <label className="cap-control">
        <span>{t('cap.date')}</span>
        <input type="date" value={props.shownDate} onChange={(e) => onChange({ ...state, date: e.target.value || undefined })} />
      </label>
      <fieldset className="cap-control cap-segmented">
        <legend>{t('cap.rain')}</legend>
        {RAIN_SOURCES.map((source) => (
          <label key={source} className={state.rainSource === source ? 'active' : ''}>
            <input type="radio" name="cap-rain" value={source} checked={state.rainSource === source} onChange={() => onChange({ ...state, rainSource: source })} />
            {t(`cap.rain.${source}` as MessageKey)}
          </label>
        ))}
        {state.rainSource === 'typed' && (
          <span className="cap-mm">
            <input
              aria-label={t('cap.rain.typed')}
              inputMode="decimal"
              value={mm}
              onChange={(e) => {
                setMm(e.target.value);
                onChange({ ...state, typedMm: e.target.value });
              }}
            />
            {t('cap.rain.mm')}
          </span>
        )}
      </fieldset>
      <label className="cap-control">
        <span>{t('cap.method')}</span>
        <select value={state.method} onChange={(e) => onChange({ ...state, method: e.target.value as RunoffMethod })}>
          <option value="coefficient">{t('cap.method.coefficient')}</option>
          <option value="scs">{t('cap.method.scs')}</option>
        </select>
      </label>
      <label className="cap-control cap-fill">
        <span>{t('cap.fill')}</span>
        <span>
          <input
            inputMode="decimal"
            value={fill}
            onChange={(e) => {
              setFill(e.target.value);
              onChange({ ...state, fillPct: e.target.value });
            }}
          />
          %
        </span>
      </label>
      <div className="actions cap-export">
        <button type="button" className="primary" disabled={props.exporting} onClick={() => props.onExport('xlsx')}>
          {props.exporting ? t('cap.exporting') : t('cap.export.xlsx')}
        </button>
        <button type="button" disabled={props.exporting} onClick={() => props.onExport('csv')}>
          {t('cap.export.csv')}
        </button>
      </div>
    </div>
  );
}
