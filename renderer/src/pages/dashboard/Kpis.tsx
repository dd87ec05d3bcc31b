import type { Totals } from '../../../../shared/contract/totals';
import { useI18n } from '../../i18n/I18n';
import { dec, int, mm, pct, volume } from './format';

/** The figures a leader reads first: the day's rain and force, the season's rain against last year, works, blockages. */
export function Kpis({ totals }: { totals: Totals }) {
  const { t, locale } = useI18n();
  const r = totals.rain;
  const d = totals.deployment;
  const w = totals.works;
  const b = totals.blockages;
  const change = r.changePct;
  const machines: [string, number][] = [
    [t('dash.series.excavators'), d.excavators],
    [t('dash.series.longArm'), d.longArmExcavators],
    [t('dash.series.dumpTrucks'), d.dumpTrucks],
    [t('dash.series.pumps'), d.pumps],
  ];
  return (
    <div className="dash-kpis" data-testid="dashboard-kpis">
      <section className="kpi">
        <h3>{t('dash.kpi.dayRain')}</h3>
        <p className="kpi-value">
          <span data-testid="kpi-day-rain">{r.stationsReported === 0 ? '—' : mm(r.dayMm)}</span> <small>{t('dash.unit.mm')}</small>
        </p>
        <p className="kpi-note">
          {r.stationsReported === 0 && <>{t('dash.kpi.noReport')} · </>}
          {t('dash.kpi.lastYearDay', { mm: mm(r.lastYearDayMm) })}
        </p>
      </section>
      <section className="kpi kpi-wide">
        <h3>{t('dash.kpi.seasonRain')}</h3>
        <p className="kpi-value">
          <span data-testid="kpi-season-rain">{mm(r.seasonMm)}</span> <small>{t('dash.unit.mm')}</small>
          {change !== null && (
            <span className={change >= 0 ? 'kpi-change up' : 'kpi-change down'} data-testid="kpi-change">
              {change >= 0 ? '▲' : '▼'} {pct(change)}
            </span>
          )}
        </p>
        <p className="kpi-note">
          {change === null
            ? t('dash.kpi.noBaseline')
            : t('dash.kpi.vsLastYear', { mm: mm(r.lastYearSeasonMm), dir: t(change >= 0 ? 'dash.more' : 'dash.less'), pct: `${Math.abs(change).toFixed(1)}%` })}
        </p>
      </section>
      <section className="kpi kpi-wide">
        <h3>{t('dash.kpi.force')}</h3>
        <p className="kpi-value">
          <span data-testid="kpi-people">{int(d.people, locale)}</span> <small>{t('dash.unit.people')}</small>
        </p>
        <p className="kpi-machines">
          {machines.map(([label, n]) => (
            <span key={label}>
              {label} <strong>{int(n, locale)}</strong>
              {t('dash.unit.machines')}
            </span>
          ))}
        </p>
      </section>
      <section className="kpi kpi-wide">
        <h3>{t('dash.kpi.works')}</h3>
        <ul className="kpi-list">
          <li>
            {t('dep.season.culverts')} <strong>{int(w.culvertsLaid, locale)}</strong> {t('dash.unit.pieces')} · <strong>{dec(w.culvertMeters, locale)}</strong> {t('dash.unit.m')}
          </li>
          <li>
            {t('dep.season.fieldDitch')} <strong>{dec(w.fieldDitchMeters, locale)}</strong> {t('dash.unit.m')}
          </li>
          <li>
            {t('dep.season.cleared')} <strong data-testid="kpi-cleared">{dec(w.clearedDitchMeters, locale)}</strong> {t('dash.unit.m')}
          </li>
          <li>
            {t('dash.kpi.pumped')} <strong>{volume(w.pumpedM3, locale)}</strong>
          </li>
        </ul>
      </section>
      <section className="kpi">
        <h3>{t('dash.kpi.blockages')}</h3>
        <p className="kpi-value">
          <span data-testid="kpi-open">{b.open}</span> <small>{t('dash.kpi.open')}</small>
        </p>
        <p className="kpi-note">
          {t('dash.kpi.clearedToday')} {b.clearedToday} · {t('dash.kpi.clearedSeason')} {b.clearedSeason}
        </p>
      </section>
    </div>
  );
}
