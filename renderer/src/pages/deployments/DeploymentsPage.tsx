import { useCallback, useEffect, useState } from 'react';
import type { DeploymentPlaces } from '../../../../shared/contract/deployments';
import type { Totals } from '../../../../shared/contract/totals';
import { addDays } from '../../../../shared/domain/dates';
import { invoke } from '../../api/client';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useI18n, type MessageKey } from '../../i18n/I18n';
import { EntryGrid } from './EntryGrid';
import { HistoryPanel } from './HistoryPanel';
import { OptionsPanel } from './OptionsPanel';
import { SeasonPanel } from './SeasonPanel';
import { useDeploymentDay } from './useDeploymentDay';

/** 出动: one day's deployments typed into a keyboard grid, with the season's effort beside it. */
export function DeploymentsPage() {
  const { t } = useI18n();
  const [today, setToday] = useState<string | null>(null);
  const [date, setDate] = useState<string | null>(null);
  const [places, setPlaces] = useState<DeploymentPlaces>({ villages: [], blockages: [] });
  const [rated, setRated] = useState(100);
  const [totals, setTotals] = useState<Totals | null>(null);
  const day = useDeploymentDay(date);

  const loadPlaces = useCallback(() => {
    invoke('deployments.places', {}).then(setPlaces, () => undefined);
    invoke('deployments.options', {}).then((o) => setRated(o.ratedPumpM3h), () => undefined);
  }, []);

  useEffect(() => {
    loadPlaces();
    invoke('totals.get', {}).then((tot) => {
      setToday(tot.today);
      setDate((d) => d ?? tot.today);
    }, () => undefined);
  }, [loadPlaces]);

  useEffect(() => {
    if (!date) return;
    invoke('totals.get', { date }).then(setTotals, () => setTotals(null));
  }, [date, day.version]);

  const go = (next: string) => {
    if (next === date) return;
    if (day.dirty && !window.confirm(t('dep.discard'))) return;
    setDate(next);
  };

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
        e.preventDefault();
        void day.save();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  if (!date) return <div className="loading">{t('common.loading')}</div>;
  const badCells = new Set(day.localIssues.map((i) => `${i.key}.${i.field}`));

  return (
    <div className="dep-page">
      <section className="card">
        <div className="dep-head">
          <h1>{t('dep.title')}</h1>
          <div className="dep-datebar">
            <button type="button" onClick={() => go(addDays(date, -1))}>
              {t('dep.prevDay')}
            </button>
            <label className="sr-only" htmlFor="dep-date">
              {t('dep.date')}
            </label>
            <input id="dep-date" type="date" value={date} max={today ?? undefined} onChange={(e) => e.target.value && go(e.target.value)} />
            <button type="button" onClick={() => go(addDays(date, 1))} disabled={today !== null && date >= today}>
              {t('dep.nextDay')}
            </button>
            {today && date !== today && (
              <button type="button" onClick={() => go(today)}>
                {t('dep.today')}
              </button>
            )}
          </div>
          <div className="actions">
            <button type="button" onClick={() => void day.copyPrevious()}>
              {t('dep.copyYesterday')}
            </button>
            <button type="button" className="primary" onClick={() => void day.save()} disabled={day.busy} title="Ctrl+S">
              {day.busy ? t('common.saving') : `${t('common.save')} (Ctrl+S)`}
            </button>
            <button type="button" onClick={() => void day.undo()} disabled={day.busy}>
              {t('common.undo')}
            </button>
          </div>
        </div>
        <p className="muted dep-keys">{t('dep.keys')}</p>
        <div className="dep-status" aria-live="polite">
          {day.dirty ? (
            <span className="warn-text">{t('dep.unsaved')}</span>
          ) : day.notice ? (
            <span className="ok" role="status">
              {t(day.notice.key as MessageKey, day.notice.values)}
            </span>
          ) : null}
          {day.dirty && day.notice && <span className="muted"> · {t(day.notice.key as MessageKey, day.notice.values)}</span>}
        </div>
        {day.localIssues.length > 0 && (
          <div className="banner banner-error" role="alert">
            {day.localIssues.map((i) => (
              <div key={`${i.key}.${i.field}`}>{t('dep.notNumber', { row: i.row, col: t(i.column as MessageKey), text: i.text })}</div>
            ))}
          </div>
        )}
        <ErrorBanner error={day.error} />
        {day.saved?.date !== date ? (
          <p className="muted">{t('common.loading')}</p>
        ) : (
          <>
            {day.saved.rows.length === 0 && !day.dirty && <p className="muted">{t('dep.empty')}</p>}
            <EntryGrid date={date} rows={day.rows} setRows={day.setRows} places={places} ratedPumpM3h={rated} issues={day.cellIssues} badCells={badCells} />
          </>
        )}
      </section>
      <div className="dep-side">
        <SeasonPanel totals={totals} />
        <HistoryPanel date={date} version={day.version} />
        <OptionsPanel
          onSaved={(o) => {
            setRated(o.ratedPumpM3h);
            loadPlaces();
          }}
        />
      </div>
    </div>
  );
}
