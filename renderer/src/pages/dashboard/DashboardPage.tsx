import { useEffect, useState } from 'react';
import type { WireError } from '../../../../shared/contract/errors';
import type { Series, Totals } from '../../../../shared/contract/totals';
import { daysBetween } from '../../../../shared/domain/dates';
import { ApiError, invoke } from '../../api/client';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useI18n } from '../../i18n/I18n';
import { useApp } from '../../shell/AppContext';
import { BlockageChart, ForceChart, RainChart, WorksChart } from './Charts';
import { Kpis } from './Kpis';

/**
 * 总览: the day's and the season's figures with the season's charts. It reads totals.get and
 * totals.series, the same procedures the CLI and the daily sheet read, so the numbers agree.
 */
export function DashboardPage() {
  const { t } = useI18n();
  const { settings } = useApp();
  const [date, setDate] = useState<string | null>(null);
  const [totals, setTotals] = useState<Totals | null>(null);
  const [series, setSeries] = useState<Series | null>(null);
  const [error, setError] = useState<WireError | null>(null);

  useEffect(() => {
    let live = true;
    setError(null);
    (async () => {
      const tot = await invoke('totals.get', date ? { date } : {});
      // Charts run to the latest day with data (or the day chosen, if later), with the day marked.
      const latest = tot.latestDataDate && tot.latestDataDate > tot.date && tot.latestDataDate <= tot.today ? tot.latestDataDate : tot.date;
      const s = await invoke('totals.series', { to: latest });
      if (!live) return;
      setTotals(tot);
      setSeries(s);
    })().catch((e: unknown) => live && setError(e instanceof ApiError ? e.wire : { code: 'internal', message: String(e), messageEn: String(e) }));
    return () => {
      live = false;
    };
  }, [date]);

  if (error) return <ErrorBanner error={error} />;
  if (!totals || !series) return <div className="loading">{t('common.loading')}</div>;
  const noData = totals.latestDataDate === null;

  return (
    <div className="dash-page">
      <header className="dash-head">
        <div>
          <h1>{t('dash.title', { township: settings.townshipName })}</h1>
          <p className="muted" data-testid="dashboard-as-of">
            {t('dash.asOf', { date: totals.date, start: totals.seasonStart, n: daysBetween(totals.seasonStart, totals.date) + 1 })}
          </p>
        </div>
        <div className="dash-date">
          <label htmlFor="dash-date">{t('dash.date')}</label>
          <input id="dash-date" type="date" value={totals.date} min={totals.seasonStart} max={totals.today} onChange={(e) => e.target.value && setDate(e.target.value)} />
          {totals.latestDataDate && totals.date !== totals.latestDataDate && (
            <button type="button" onClick={() => setDate(totals.latestDataDate)}>
              {t('dash.latest')}
            </button>
          )}
        </div>
      </header>
      {noData && <p className="banner banner-warn">{t('dash.empty')}</p>}
      <Kpis totals={totals} />
      <div className="dash-charts">
        <RainChart days={series.days} date={totals.date} />
        <ForceChart days={series.days} date={totals.date} />
        <WorksChart days={series.days} date={totals.date} />
        <BlockageChart days={series.days} date={totals.date} />
      </div>
    </div>
  );
}
