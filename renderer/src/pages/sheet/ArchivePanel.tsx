import type { SheetRecord } from '../../../../shared/contract/sheets';
import { useI18n } from '../../i18n/I18n';
import { townshipClock } from '../../../../shared/domain/dates';

export interface ArchiveList {
  season: string | null;
  seasons: string[];
  records: SheetRecord[];
  nextNumber: number;
}

/** 第1期, 第1期（更正）, 第1期（更正2） — or No. 1 (correction 1) in English. */
export const issueName = (r: Pick<SheetRecord, 'number' | 'correction'>, locale: 'zh' | 'en') =>
  locale === 'zh' ? `第${r.number}期${r.correction > 0 ? `（更正${r.correction > 1 ? r.correction : ''}）` : ''}` : `No. ${r.number}${r.correction > 0 ? ` (correction ${r.correction})` : ''}`;

/** The season's issued sheets, newest first: open one (its frozen data), or take its PDF or tables. */
export function ArchivePanel(props: {
  list: ArchiveList | null;
  selectedId: string | null;
  onSeason(season: string): void;
  onView(record: SheetRecord): void;
}) {
  const { t, locale } = useI18n();
  const list = props.list;
  return (
    <section className="card sheet-archive" data-testid="sheet-archive">
      <header className="sheet-archive-head">
        <h2>{t('sheet.archive')}</h2>
        {list && list.seasons.length > 1 && (
          <label>
            {t('sheet.archive.season')}{' '}
            <select value={list.season ?? ''} onChange={(e) => props.onSeason(e.target.value)}>
              {list.seasons.map((s) => (
                <option key={s}>{s}</option>
              ))}
            </select>
          </label>
        )}
      </header>
      {list && list.records.length === 0 && <p className="muted">{t('sheet.archive.empty')}</p>}
      {list && list.records.length > 0 && (
        <table className="table compact">
          <tbody>
            {list.records.map((r) => (
              <tr key={r.id} className={r.id === props.selectedId ? 'selected' : ''} data-testid="archive-row">
                <td className="nowrap">
                  <strong>{issueName(r, locale)}</strong>
                </td>
                <td className="nowrap">{r.date}</td>
                <td className="nowrap muted">{townshipClock(r.issuedAt)}</td>
                <td className={r.superseded ? 'muted' : 'ok'}>{r.superseded ? t('sheet.archive.superseded') : t('sheet.archive.current')}</td>
                <td>
                  <button type="button" onClick={() => props.onView(r)}>
                    {t('sheet.archive.view')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {list && <p className="muted">{t('sheet.archive.next', { n: list.nextNumber })}</p>}
    </section>
  );
}
