import type { Totals } from '../../../../shared/contract/totals';
import { useI18n, type MessageKey } from '../../i18n/I18n';
import { dec, int, volume } from '../dashboard/format';

/** Effort and works from the season start to the day shown: person-days, machine-days, works. */
export function SeasonPanel({ totals }: { totals: Totals | null }) {
  const { t, locale } = useI18n();
  if (!totals) return null;
  const s = totals.season;
  const w = totals.works;
  const line = (label: MessageKey, value: string, unit: MessageKey | 'm') => (
    <>
      <dt>{t(label)}</dt>
      <dd className="num">
        <strong>{value}</strong> {unit === 'm' ? 'm' : t(unit)}
      </dd>
    </>
  );
  return (
    <section className="card" data-testid="season-panel">
      <h2>{t('dep.season', { from: totals.seasonStart, to: totals.date })}</h2>
      <div className="dep-season">
        <dl className="facts">
          {line('dep.season.days', int(s.daysWithDeployments, locale), 'dep.unit.days')}
          {line('dep.season.personDays', int(s.personDays, locale), 'dep.unit.personDays')}
          {line('dep.season.excavatorDays', int(s.excavatorDays, locale), 'dep.unit.machineDays')}
          {line('dep.season.longArmDays', int(s.longArmExcavatorDays, locale), 'dep.unit.machineDays')}
          {line('dep.season.dumpTruckDays', int(s.dumpTruckDays, locale), 'dep.unit.machineDays')}
          {line('dep.season.pumpDays', int(s.pumpDays, locale), 'dep.unit.machineDays')}
          {line('dep.season.machineDays', int(s.machineDays, locale), 'dep.unit.machineDays')}
        </dl>
        <dl className="facts">
          <dt>{t('dep.season.culverts')}</dt>
          <dd className="num">
            <strong>{int(w.culvertsLaid, locale)}</strong> {t('dep.unit.pieces')} / <strong>{dec(w.culvertMeters, locale)}</strong> m
          </dd>
          {line('dep.season.fieldDitch', dec(w.fieldDitchMeters, locale), 'm')}
          {line('dep.season.cleared', dec(w.clearedDitchMeters, locale), 'm')}
          <dt>{t('dep.season.pumped')}</dt>
          <dd className="num">
            <strong>{volume(w.pumpedM3, locale)}</strong>
          </dd>
        </dl>
      </div>
    </section>
  );
}
