import type { CapacityReport } from '../../../../shared/contract/capacity';
import { DITCH_KIND_LABELS } from '../../../../shared/domain/network';
import { useI18n } from '../../i18n/I18n';
import { flow, num } from './format';

const SHOWN = 30;

/** Ditches left out for incomplete sections, each with what is wrong, and the culverts' capacity. */
export function DataProblems({ report }: { report: CapacityReport }) {
  const { t, locale } = useI18n();
  const invalid = report.invalidDitches;
  const c = report.culverts;
  return (
    <div className="cap-data">
      <section className="card" data-testid="invalid-ditches">
        <h2>
          {t('cap.invalid')}（{num(invalid.count, locale)}）
        </h2>
        {invalid.count === 0 ? (
          <p className="muted">{t('cap.kpi.invalidNone')}</p>
        ) : (
          <>
            <p className="muted">{t('cap.invalid.hint')}</p>
            <table className="table compact">
              <tbody>
                {invalid.shown.slice(0, SHOWN).map((d) => (
                  <tr key={d.id}>
                    <th scope="row">{d.name || DITCH_KIND_LABELS[d.kind][locale]}</th>
                    <td className="nowrap">
                      {d.village} · {DITCH_KIND_LABELS[d.kind][locale]} · {num(d.lengthM, locale)} {t('cap.unit.m')}
                    </td>
                    <td className="warn-text">{d.problems.map((p) => p.message[locale]).join(locale === 'zh' ? '；' : '; ')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {invalid.count > SHOWN && <p className="muted">{t('cap.invalid.more', { n: invalid.count - SHOWN })}</p>}
          </>
        )}
      </section>
      <section className="card" data-testid="culverts">
        <h2>{t('cap.culverts')}</h2>
        <p>{t('cap.culverts.summary', { n: num(c.valid, locale), q: flow(c.totalM3s, locale) })}</p>
        {c.excluded > 0 && (
          <>
            <p className="warn-text">{t('cap.culverts.excluded', { n: c.excluded })}</p>
            <table className="table compact">
              <tbody>
                {c.rows
                  .filter((r) => r.capacityM3s === null)
                  .slice(0, SHOWN)
                  .map((r) => (
                    <tr key={r.id}>
                      <th scope="row">{r.name || '—'}</th>
                      <td>{r.village}</td>
                      <td className="warn-text">{r.problems.map((p) => p.message[locale]).join(locale === 'zh' ? '；' : '; ')}</td>
                    </tr>
                  ))}
              </tbody>
            </table>
          </>
        )}
      </section>
    </div>
  );
}
