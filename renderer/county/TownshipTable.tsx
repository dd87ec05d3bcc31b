import type { CountyReport } from '../../shared/contract/county';
import { ROLLUP_COLUMNS } from '../../shared/domain/countyRollup';
import { dec } from '../src/pages/dashboard/format';
import { useI18n } from '../src/i18n/I18n';

/** The townships for a day with the county total row; the same columns as the roll-up sheet. */
export function TownshipTable({ report, colors, onOpen }: { report: CountyReport; colors: Record<string, string>; onOpen(id: string): void }) {
  const { t, locale } = useI18n();
  const show = (v: string | number | null) => (v === null ? '—' : typeof v === 'number' ? dec(v, locale, Number.isInteger(v) ? 0 : 1) : v);
  return (
    <div className="county-table-wrap">
      <h2>
        {t('county.table.title')} <small className="muted">{t('county.table.hint')}</small>
      </h2>
      {report.townships.length === 0 ? (
        <p className="banner banner-warn">{t('county.table.none')}</p>
      ) : (
        <table className="county-table" data-testid="county-table">
          <thead>
            <tr>
              <th scope="col">{t('county.table.township')}</th>
              {ROLLUP_COLUMNS.map((c) => (
                <th scope="col" key={c.zh}>
                  {locale === 'en' ? c.en : c.zh}
                  {c.unit && <small> {c.unit}</small>}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {report.townships.map((tw) => (
              <tr key={tw.township.id} data-township={tw.township.id}>
                <th scope="row">
                  <button type="button" className="link" onClick={() => onOpen(tw.township.id)}>
                    <span className="swatch" style={{ background: colors[tw.township.id] }} aria-hidden="true" />
                    {tw.township.name}
                  </button>
                </th>
                {ROLLUP_COLUMNS.map((c) => (
                  <td key={c.zh}>{show(c.town(tw))}</td>
                ))}
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr data-testid="county-total">
              <th scope="row">{t('county.table.total')}</th>
              {ROLLUP_COLUMNS.map((c) => (
                <td key={c.zh}>{show(c.county(report.total))}</td>
              ))}
            </tr>
          </tfoot>
        </table>
      )}
    </div>
  );
}
