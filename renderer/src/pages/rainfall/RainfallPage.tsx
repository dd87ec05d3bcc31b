import { useCallback, useEffect, useState } from 'react';
import type { RainChange, RainOptions, RainStation } from '../../../../shared/contract/rainfall';
import type { Totals } from '../../../../shared/contract/totals';
import type { WireError } from '../../../../shared/contract/errors';
import { ApiError, invoke } from '../../api/client';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useI18n, type MessageKey } from '../../i18n/I18n';
import { longDay, mm, pct } from '../dashboard/format';
import { ImportCard } from './ImportCard';
import { RainGridCard } from './RainGridCard';
import { StationsCard } from './StationsCard';
import { townshipClock } from '../../../../shared/domain/dates';

/** 雨情: the season's rainfall against last year, stations, a typing grid, file import, history. */
export function RainfallPage() {
  const { t, locale } = useI18n();
  const [totals, setTotals] = useState<Totals | null>(null);
  const [stations, setStations] = useState<RainStation[]>([]);
  const [options, setOptions] = useState<RainOptions>({ townshipValue: 'mean', stationId: null });
  const [history, setHistory] = useState<RainChange[]>([]);
  const [version, setVersion] = useState(0);
  const [error, setError] = useState<WireError | null>(null);
  const [undone, setUndone] = useState<number | null>(null);

  const refresh = useCallback(() => setVersion((v) => v + 1), []);
  useEffect(() => {
    invoke('totals.get', {}).then(setTotals, () => undefined);
    invoke('rainfall.stations', {}).then(setStations, () => undefined);
    invoke('rainfall.options', {}).then(setOptions, () => undefined);
    invoke('rainfall.history', { limit: 12 }).then(setHistory, () => undefined);
  }, [version]);

  const undo = async () => {
    setError(null);
    try {
      setUndone((await invoke('rainfall.undo', {})).changed);
      refresh();
    } catch (e) {
      setError(e instanceof ApiError ? e.wire : null);
    }
  };

  if (!totals) return <div className="loading">{t('common.loading')}</div>;
  const r = totals.rain;
  const names = new Map(stations.map((s) => [s.id, s.name]));
  const describe = (c: RainChange) => {
    const v = (c.after ?? c.before) as { date?: string; station_id?: string; mm?: number; name?: string } | null;
    if (!v) return '';
    if (c.entity === 'station') return `${t('rain.stations')} ${v.name ?? ''}`;
    if (c.entity === 'baseline') return `${t('rain.col.lastYear')} ${v.date} ${c.after ? mm((c.after as { mm: number }).mm) : '—'} mm`;
    if (c.entity === 'reading') return `${names.get(v.station_id ?? '') ?? ''} ${v.date} ${c.after ? mm((c.after as { mm: number }).mm) : '—'} mm`;
    return t('rain.townshipValue');
  };

  return (
    <div className="rain-page">
      <section className="card rain-summary" data-testid="rain-summary">
        <h1>{t('rain.title')}</h1>
        <div className="rain-figures">
          <div>
            <span className="muted">{t('rain.summary.day', { date: longDay(totals.date, locale) })}</span>
            <span>
              <strong>{mm(r.dayMm)}</strong> mm
            </span>
          </div>
          <div>
            <span className="muted">{t('rain.summary.season')}</span>
            <span>
              <strong data-testid="rain-season">{mm(r.seasonMm)}</strong> mm
            </span>
          </div>
          <div>
            <span className="muted">{t('rain.summary.lastYear')}</span>
            <span>
              <strong>{mm(r.lastYearSeasonMm)}</strong> mm
            </span>
          </div>
          <div>
            <span className="muted">{t('rain.summary.change')}</span>
            <span>
              <strong className={r.changePct !== null && r.changePct >= 0 ? 'up' : 'down'}>{r.changePct === null ? '—' : pct(r.changePct)}</strong>
              {r.changePct !== null && <span className="muted"> {t(r.changePct >= 0 ? 'rain.more' : 'rain.less')}</span>}
            </span>
          </div>
        </div>
      </section>
      <div className="rain-body">
        <RainGridCard seasonStart={totals.seasonStart} today={totals.today} latest={totals.latestDataDate} version={version} onSaved={refresh} />
        <div className="stack">
          <StationsCard stations={stations} options={options} onChanged={refresh} />
          <ImportCard onImported={refresh} />
          <section className="card">
            <div className="rain-history-head">
              <h2>{t('rain.history')}</h2>
              <button type="button" onClick={() => void undo()}>
                {t('common.undo')}
              </button>
            </div>
            {undone !== null && (
              <p className="ok" role="status">
                {t('rain.undone', { n: undone })}
              </p>
            )}
            <ErrorBanner error={error} />
            {history.length === 0 ? (
              <p className="muted">{t('rain.history.empty')}</p>
            ) : (
              <table className="table compact">
                <tbody>
                  {history.map((c) => (
                    <tr key={c.id}>
                      <td className="nowrap">{townshipClock(c.at, false)}</td>
                      <td className="nowrap">{t(`dep.action.${c.action}` as MessageKey) ?? c.action}</td>
                      <td>{describe(c)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
        </div>
      </div>
    </div>
  );
}
