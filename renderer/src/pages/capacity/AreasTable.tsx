import type { AreaDrain, CapacityReport } from '../../../../shared/contract/capacity';
import { AREA_KIND_LABELS } from '../../../../shared/domain/network';
import { useI18n, type MessageKey } from '../../i18n/I18n';
import { useApp } from '../../shell/AppContext';
import { flow, hours, mu, num, volume } from './format';

function Grade({ grade }: { grade: AreaDrain['grade']['dry'] }) {
  const { t } = useI18n();
  if (grade === null) return <span className="muted">—</span>;
  const tone = grade === 'meets_strict' || grade === 'meets' ? 'ok' : 'bad';
  return <span className={`cap-badge ${tone}`}>{t(`cap.grade.${grade}` as MessageKey)}</span>;
}

/** Per-area runoff against free ditch storage and what takes the water out, with hours to drain. */
export function AreasTable({ report }: { report: CapacityReport }) {
  const { t, locale } = useI18n();
  const { units } = useApp().settings;
  const drainText = (a: AreaDrain) => {
    if (a.drain.status === 'unknown') return '—';
    if (a.drain.status === 'none') return t('cap.areas.noExcess');
    if (a.drain.status === 'no_outflow' || a.drain.hours === null) return t('cap.areas.never');
    return hours(a.drain.hours, locale);
  };
  const note = (a: AreaDrain) => {
    const parts: string[] = [];
    if (a.problem) parts.push(a.problem[locale]);
    else if (a.method === 'coefficient' && a.coefficientIsDefault && a.runoffCoefficient !== null) parts.push(t('cap.areas.defaultC', { c: a.runoffCoefficient }));
    if (a.exits.length === 0) parts.push(t('cap.areas.noExit'));
    for (const e of a.exits) if (e.note) parts.push(`${e.name}：${e.note[locale]}`);
    return parts.join('；');
  };
  return (
    <section className="card cap-areas">
      <h2>{t('cap.areas')}</h2>
      <p className="muted">{t('cap.areas.hint')}</p>
      {report.areas.length === 0 ? (
        <p className="muted">{t('cap.areas.none')}</p>
      ) : (
        <div className="cap-table-wrap">
          <table className="table cap-table" data-testid="capacity-areas">
            <thead>
              <tr>
                <th>{t('cap.areas.name')}</th>
                <th className="num">{t('cap.areas.area')}</th>
                <th className="num">{t('cap.areas.runoff')}</th>
                <th className="num">{t('cap.areas.free')}</th>
                <th className="num">{t('cap.areas.outflow')}</th>
                <th className="num">{t('cap.areas.pumps')}</th>
                <th className="num">{t('cap.areas.hours')}</th>
                <th>{t('cap.areas.dry')}</th>
                <th>{t('cap.areas.rice')}</th>
                <th>{t('cap.areas.note')}</th>
              </tr>
            </thead>
            <tbody>
              {report.areas.map((a) => (
                <tr key={a.id} data-testid="area-row">
                  <th scope="row">
                    {a.name || AREA_KIND_LABELS[a.kind][locale]}
                    <div className="cap-subnote">{AREA_KIND_LABELS[a.kind][locale]}</div>
                  </th>
                  <td className="num">{mu(a.areaM2, locale)}</td>
                  <td className="num">{a.runoffM3 === null ? '—' : volume(a.runoffM3, locale, units)}</td>
                  <td className="num">{volume(a.freeStorageM3, locale, units)}</td>
                  <td className="num">{flow(a.outflowM3s, locale)}</td>
                  <td className="num">{a.pumps > 0 ? num(a.pumps, locale) : '—'}</td>
                  <td className="num nowrap">
                    <strong>{drainText(a)}</strong>
                  </td>
                  <td>
                    <Grade grade={a.grade.dry} />
                  </td>
                  <td>
                    <Grade grade={a.grade.rice} />
                  </td>
                  <td className="cap-subnote">{note(a)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
