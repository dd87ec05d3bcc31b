import type { CapacityReport } from '../../../../shared/contract/capacity';
import { useI18n } from '../../i18n/I18n';
import { useApp } from '../../shell/AppContext';
import { length, num, volume } from './format';

/** The five figures a leader reads first. */
export function CapacityKpis({ report }: { report: CapacityReport }) {
  const { t, locale } = useI18n();
  const { units } = useApp().settings;
  const o = report.overall;
  const cleared = report.byWork.cleared;
  const worst = report.ranking[0];
  return (
    <div className="cap-kpis" data-testid="capacity-kpis">
      <section className="kpi">
        <h3>{t('cap.kpi.storage')}</h3>
        <p className="kpi-value" data-testid="kpi-storage">{volume(o.storageM3, locale, units)}</p>
        <p className="kpi-note">{t('cap.kpi.storageNote', { n: num(o.ditches, locale), len: num(o.lengthM, locale) })}</p>
      </section>
      <section className="kpi">
        <h3>{t('cap.kpi.cleared')}</h3>
        <p className="kpi-value" data-testid="kpi-cleared-length">{length(cleared.lengthM, locale, units)}</p>
        <p className="kpi-note" data-testid="kpi-cleared-storage">{t('cap.kpi.clearedNote', { v: volume(cleared.storageM3, locale, units) })}</p>
      </section>
      <section className="kpi">
        <h3>{t('cap.kpi.pumping')}</h3>
        <p className="kpi-value">
          {num(report.pumping.totalM3h, locale)} <small>{t('cap.unit.m3h')}</small>
        </p>
        <p className="kpi-note">{t('cap.kpi.pumpingNote', { n: num(report.pumping.pumps, locale), rated: num(report.pumping.ratedM3h, locale) })}</p>
      </section>
      <section className={report.openBlockages > 0 ? 'kpi kpi-alert' : 'kpi'}>
        <h3>{t('cap.kpi.blockages')}</h3>
        <p className="kpi-value">
          {num(report.openBlockages, locale)} <small>{t('cap.unit.pieces')}</small>
        </p>
        <p className="kpi-note">{worst ? t('cap.kpi.blockagesNote', { name: worst.name || worst.ditchName }) : t('cap.kpi.blockagesNone')}</p>
      </section>
      <section className={report.invalidDitches.count > 0 ? 'kpi kpi-warn' : 'kpi'}>
        <h3>{t('cap.kpi.invalid')}</h3>
        <p className="kpi-value">
          {num(report.invalidDitches.count, locale)} <small>{t('cap.unit.items')}</small>
        </p>
        <p className="kpi-note">{report.invalidDitches.count > 0 ? t('cap.kpi.invalidNote') : t('cap.kpi.invalidNone')}</p>
      </section>
    </div>
  );
}
