import { useEffect, useState } from 'react';
import type { TownshipDashboard } from '../../shared/contract/county';
import { BlockageChart, ForceChart, RainChart, WorksChart } from '../src/pages/dashboard/Charts';
import { Kpis } from '../src/pages/dashboard/Kpis';
import { useI18n } from '../src/i18n/I18n';
import { CountyApiError, countyApi } from './api';

/** One township's 总览 as the township sees it (the desk's own figures and charts), read only. */
export function TownshipDashboardView({ csrf, townshipId, date, onBack }: { csrf: string; townshipId: string; date: string; onBack(): void }) {
  const { t, errorText } = useI18n();
  const [data, setData] = useState<TownshipDashboard | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    countyApi.township(csrf, townshipId, date).then(
      (d) => live && setData(d),
      (e: unknown) => live && setError(e instanceof CountyApiError ? errorText(e.wire) : String(e)),
    );
    return () => {
      live = false;
    };
  }, [csrf, townshipId, date]);
  return (
    <div className="county-dashboard dash-page" data-testid="county-dashboard">
      <button type="button" onClick={onBack} autoFocus>
        ← {t('county.dashboard.back')}
      </button>
      {error && <p className="banner banner-error">{error}</p>}
      {!data && !error && <div className="loading">{t('county.loading')}</div>}
      {data && (
        <>
          <h2>{t('dash.title', { township: data.township.name })}</h2>
          <p className="muted">{t('county.dashboard.readonly')}</p>
          <Kpis totals={data.totals} />
          <div className="dash-charts">
            <RainChart days={data.series.days} date={data.totals.date} />
            <ForceChart days={data.series.days} date={data.totals.date} />
            <WorksChart days={data.series.days} date={data.totals.date} />
            <BlockageChart days={data.series.days} date={data.totals.date} />
          </div>
        </>
      )}
    </div>
  );
}
