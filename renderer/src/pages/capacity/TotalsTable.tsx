import type { CapacityGroup, CapacityReport } from '../../../../shared/contract/capacity';
import { DITCH_CONDITION_LABELS, DITCH_CONDITIONS, DITCH_KIND_LABELS, WORK_STATE_LABELS, WORK_STATES } from '../../../../shared/domain/network';
import { useI18n, type MessageKey } from '../../i18n/I18n';
import { useApp } from '../../shell/AppContext';
import { flow, num, volume } from './format';

/** Field ditches first, as the office counts them; rivers last, set apart. */
const KIND_ORDER = ['field', 'branch', 'main'] as const;

/** Storage and conveyance by kind, work, condition and village; left-out ditches counted in their own column. */
export function TotalsTable({ report }: { report: CapacityReport }) {
  const { t, locale } = useI18n();
  const { units } = useApp().settings;
  const row = (testId: string, label: string, g: CapacityGroup, strong = false) => (
    <tr key={testId} data-testid={testId} className={strong ? 'cap-total-row' : undefined}>
      <th scope="row">{label}</th>
      <td className="num">{num(g.ditches, locale)}</td>
      <td className="num">{num(g.lengthM, locale)}</td>
      <td className="num">
        {volume(g.storageM3, locale, units)}
        {g.fullStorageM3 > g.storageM3 + 0.5 && <div className="cap-subnote">{t('cap.totals.full', { v: volume(g.fullStorageM3, locale, units) })}</div>}
      </td>
      <td className="num">
        {flow(g.conveyanceM3s, locale)}
        {g.fullConveyanceM3s > g.conveyanceM3s + 0.005 && <div className="cap-subnote">{t('cap.totals.fullFlow', { v: flow(g.fullConveyanceM3s, locale) })}</div>}
      </td>
      <td className={g.excluded > 0 ? 'num warn-text' : 'num muted'}>{g.excluded > 0 ? `${num(g.excluded, locale)} ${t('cap.unit.items')}` : '—'}</td>
    </tr>
  );
  const group = (key: MessageKey) => (
    <tr className="cap-group-row">
      <th colSpan={6} scope="rowgroup">
        {t(key)}
      </th>
    </tr>
  );
  const l = (labels: { zh: string; en: string }) => labels[locale];
  return (
    <section className="card cap-totals">
      <h2>{t('cap.totals')}</h2>
      <div className="cap-table-wrap">
        <table className="table cap-table" data-testid="capacity-totals">
          <thead>
            <tr>
              <th>{t('cap.totals.item')}</th>
              <th className="num">{t('cap.totals.count')}</th>
              <th className="num">{t('cap.totals.length')}</th>
              <th className="num">{t('cap.totals.storage')}</th>
              <th className="num">{t('cap.totals.conveyance')}</th>
              <th className="num">{t('cap.totals.excluded')}</th>
            </tr>
          </thead>
          <tbody>
            {row('cap-row-all', t('cap.totals.all'), report.overall, true)}
            {group('cap.totals.byWork')}
            {WORK_STATES.map((w) => row(`cap-row-work-${w}`, l(WORK_STATE_LABELS[w]), report.byWork[w]))}
            {group('cap.totals.byKind')}
            {KIND_ORDER.map((k) => row(`cap-row-kind-${k}`, l(DITCH_KIND_LABELS[k]), report.byKind[k]))}
            {group('cap.totals.byCondition')}
            {DITCH_CONDITIONS.map((c) => row(`cap-row-condition-${c}`, l(DITCH_CONDITION_LABELS[c]), report.byCondition[c]))}
            {group('cap.totals.byVillage')}
            {report.byVillage.map((v) => row(`cap-row-village-${v.key}`, v.key || t('cap.totals.noVillage'), v))}
            <tr className="cap-river-row">
              <td colSpan={6} />
            </tr>
            {row('cap-row-kind-river', locale === 'zh' ? `${l(DITCH_KIND_LABELS.river)}（${t('cap.totals.riverNote')}）` : `${l(DITCH_KIND_LABELS.river)} (${t('cap.totals.riverNote')})`, report.byKind.river)}
          </tbody>
        </table>
      </div>
      <p className="muted cap-note">{t('cap.totals.note', { pct: Math.round(report.settings.siltedAreaFactor * 100) })}</p>
    </section>
  );
}
