import { useMemo, useState } from 'react';
import { OLD_DATUMS, PROJECTED_SYSTEMS, projectedSystem, type DatumShift, type SourceCrs } from '../../../../shared/geo/projected';
import { useI18n, type MessageKey } from '../../i18n/I18n';
import { pick } from './labels';

interface Props {
  crs: SourceCrs;
  detected: SourceCrs | null;
  reason: { zh: string; en: string };
  shift: DatumShift | null;
  onChange(crs: SourceCrs): void;
  onShift(shift: DatumShift | null): void;
}

const GEOGRAPHIC = ['wgs84', 'gcj02', 'bd09'] as const;
const SHIFT_KEYS: (keyof DatumShift)[] = ['dx', 'dy', 'dz', 'rx', 'ry', 'rz', 'ppm'];
const MAX_SHOWN = 60;

/** The coordinate system of an import: lon/lat systems as radios, projected ones from a searchable list. */
export function CrsPicker({ crs, detected, reason, shift, onChange, onShift }: Props) {
  const { t, locale } = useI18n();
  const [query, setQuery] = useState('');
  const projected = !(GEOGRAPHIC as readonly string[]).includes(crs);
  const matches = useMemo(() => {
    const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
    return PROJECTED_SYSTEMS.filter((s) => {
      const text = `${s.code} ${s.label.zh} ${s.label.en}`.toLowerCase();
      return words.every((w) => text.includes(w));
    });
  }, [query]);
  const system = projected ? projectedSystem(crs) : undefined;
  const oldDatum = system !== undefined && OLD_DATUMS.includes(system.datum);
  const shown = matches.slice(0, MAX_SHOWN);
  if (system && !shown.includes(system)) shown.unshift(system);

  return (
    <fieldset className="field">
      <legend>{t('import.crs')}</legend>
      {GEOGRAPHIC.map((c) => (
        <label key={c} className="radio">
          <input type="radio" name="crs" value={c} checked={crs === c} onChange={() => onChange(c)} />
          {t(`import.crs.${c}` as MessageKey)}
          {detected === c && <span className="badge">{t('import.crs.detected')}</span>}
        </label>
      ))}
      <label className="radio">
        <input type="radio" name="crs" value="projected" checked={projected} onChange={() => onChange(detected && !(GEOGRAPHIC as readonly string[]).includes(detected) ? detected : 'EPSG:4550')} />
        {t('import.crs.projected')}
        {projected && detected === crs && <span className="badge">{t('import.crs.detected')}</span>}
      </label>
      {projected && (
        <div className="crs-projected">
          <input
            type="search"
            aria-label={t('import.crs.search')}
            placeholder={t('import.crs.search')}
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            data-testid="crs-search"
          />
          <select aria-label={t('import.crs.projected')} size={6} value={crs} onChange={(e) => onChange(e.target.value as SourceCrs)} data-testid="crs-select">
            {shown.map((s) => (
              <option key={s.code} value={s.code}>
                {s.code} {pick(s.label, locale)}
              </option>
            ))}
          </select>
          {matches.length > MAX_SHOWN && <div className="field-hint">{t('import.crs.more')}</div>}
          {oldDatum && (
            <div className="banner banner-warn" data-testid="datum-warning">
              <p>{t('import.crs.oldDatum')}</p>
              <label className="radio">
                <input type="checkbox" checked={shift !== null} onChange={(e) => onShift(e.target.checked ? { dx: 0, dy: 0, dz: 0, rx: 0, ry: 0, rz: 0, ppm: 0 } : null)} />
                {t('import.crs.shift')}
              </label>
              {shift && (
                <div className="shift-grid">
                  {SHIFT_KEYS.map((k) => (
                    <label key={k}>
                      {t(`import.crs.shift.${k}` as MessageKey)}
                      <input type="number" step="any" value={shift[k]} onChange={(e) => onShift({ ...shift, [k]: Number(e.target.value) || 0 })} />
                    </label>
                  ))}
                </div>
              )}
            </div>
          )}
        </div>
      )}
      <div className="field-hint">{pick(reason, locale)}</div>
    </fieldset>
  );
}
