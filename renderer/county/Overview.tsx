import { lazy, useEffect, useState } from 'react';
import type { CountyReport, CountySession } from '../../shared/contract/county';
import { localToday } from '../src/pages/dashboard/format';
import { useI18n } from '../src/i18n/I18n';
import { PageBoundary } from '../src/shell/PageBoundary';
import { CountyApiError, countyApi, type CountyExtent } from './api';
import { CountyMap } from './CountyMap';
import { TownshipTable } from './TownshipTable';

// A township's dashboard (its charts: recharts) loads when one is opened, not with the map (issue 15).
const TownshipDashboardView = lazy(() => import('./TownshipDashboard').then((m) => ({ default: m.TownshipDashboardView })));

/** One colour per township, in table order, on the map and in the table alike. */
export const TOWNSHIP_COLORS = ['#1f6feb', '#d9480f', '#2b8a3e', '#9c36b5', '#c92a2a', '#0b7285', '#e67700', '#5f3dc4', '#a61e4d', '#364fc7'];

/** 全县总览: the map of every township, the table for a day, the roll-up downloads; a township opens read only. */
export function Overview({ session, extent, onLogout }: { session: CountySession; extent?: Promise<CountyExtent> | undefined; onLogout(): void }) {
  const { t, locale, setLocale, errorText } = useI18n();
  const [date, setDate] = useState(() => new URLSearchParams(location.search).get('date') ?? localToday());
  const [report, setReport] = useState<CountyReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    setError(null);
    countyApi.report(session.csrf, date).then(
      (r) => live && setReport(r),
      (e: unknown) => {
        if (!live) return;
        if (e instanceof CountyApiError && e.status === 401) onLogout();
        setError(e instanceof CountyApiError ? errorText(e.wire) : String(e));
      },
    );
    return () => {
      live = false;
    };
  }, [date, session.csrf]);

  const colors = Object.fromEntries((report?.townships ?? []).map((tw, i) => [tw.township.id, TOWNSHIP_COLORS[i % TOWNSHIP_COLORS.length]!]));
  const logout = () => void countyApi.logout(session.csrf).finally(onLogout);

  return (
    <div className="county-page">
      <header className="county-head">
        <h1>{t('county.title')}</h1>
        <label className="county-date">
          {t('county.date')}
          <input type="date" value={date} max={localToday()} onChange={(e) => e.target.value && setDate(e.target.value)} data-testid="county-date" />
        </label>
        <a className="button" href={`/county/api/rollup.pdf?date=${date}`} target="_blank" rel="noreferrer" data-testid="county-pdf">
          {t('county.pdf')}
        </a>
        <a className="button" href={`/county/api/rollup.xlsx?date=${date}`} data-testid="county-xlsx">
          {t('county.xlsx')}
        </a>
        <span className="spacer" />
        <span className="muted">{session.name}</span>
        <button type="button" className="link" onClick={() => setLocale(locale === 'zh' ? 'en' : 'zh')}>
          {locale === 'zh' ? 'English' : '中文'}
        </button>
        <button type="button" onClick={logout}>
          {t('county.logout')}
        </button>
      </header>
      {error && (
        <p className="banner banner-error" role="alert">
          {error}
        </p>
      )}
      <div className="county-body">
        <section className="county-map-panel" aria-label={t('county.map.title')}>
          <CountyMap colors={report ? colors : error ? {} : null} extent={extent} />
        </section>
        <section className="county-side">
          {open && report ? (
            <PageBoundary>
              <TownshipDashboardView csrf={session.csrf} townshipId={open} date={date} onBack={() => setOpen(null)} />
            </PageBoundary>
          ) : report ? (
            <TownshipTable report={report} colors={colors} onOpen={setOpen} />
          ) : (
            !error && <div className="loading">{t('county.loading')}</div>
          )}
        </section>
      </div>
    </div>
  );
}
