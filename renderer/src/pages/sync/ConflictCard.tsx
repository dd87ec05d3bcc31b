import type { SyncConflict } from '../../../../shared/contract/syncDesk';
import { useI18n, type MessageKey } from '../../i18n/I18n';
import { shortTime } from '../../shell/SyncChip';
import { columnLabel, isTechnical, orderColumns, showValue } from './columns';

/** The table a conflict is about, as the office names it. */
function tableLabel(table: string): MessageKey {
  const known = ['ditch', 'culvert', 'blockage', 'team', 'area', 'deployment', 'setting'];
  return (known.includes(table) ? `conflicts.table.${table}` : 'conflicts.table.other') as MessageKey;
}

/** A shape is shown in words; its stored text stays one hover away (a moved middle vertex changes neither end). */
function rawTitle(col: string, value: unknown): string | undefined {
  return col === 'geometry' && typeof value === 'string' ? value.slice(0, 4000) : undefined;
}

function columnsOf(c: SyncConflict): string[] {
  return orderColumns([...new Set([...Object.keys(c.winner.row ?? {}), ...Object.keys(c.loser.row ?? {})])]);
}

/** One conflict: why the winner won, and both versions side by side with the differing fields marked. */
export function ConflictCard({ conflict: c, busy, onResolve }: { conflict: SyncConflict; busy: boolean; onResolve(reapplyLoser: boolean): void }) {
  const { t, locale } = useI18n();
  const differs = new Set(c.differences);
  const cols = columnsOf(c);
  // What a person compares; bookkeeping columns that agree wait behind 其他字段.
  const main = cols.filter((col) => differs.has(col) || !isTechnical(col));
  const rest = cols.filter((col) => !main.includes(col));
  const row = (col: string) => (
    <tr key={col} className={differs.has(col) ? 'differs' : undefined} data-column={col}>
      <td title={col}>{columnLabel(col, locale)}</td>
      <td title={rawTitle(col, c.winner.row?.[col])}>{c.winner.row ? showValue(c.table, col, c.winner.row[col], locale) : t('conflicts.deleted')}</td>
      <td className="loser" title={rawTitle(col, c.loser.row?.[col])}>
        {c.loser.row ? showValue(c.table, col, c.loser.row[col], locale) : t('conflicts.deleted')}
      </td>
    </tr>
  );
  return (
    <article className={c.reviewedAt ? 'conflict reviewed' : 'conflict'} data-testid="conflict" data-conflict-id={c.id}>
      <header>
        <h2>
          {t(tableLabel(c.table))}：{c.label}
        </h2>
        <span className="muted">
          {c.differences.length} {t('conflicts.differences')}
        </span>
        {c.reviews.map((r) => (
          <span className="ok" key={`${r.by}-${r.at}`} data-testid="conflict-review">
            {t('conflicts.reviewed')} {shortTime(r.at, locale)} · {t(`conflicts.${r.resolution}` as MessageKey)} ·{' '}
            {r.byThisDesk ? t('conflicts.byThisDesk') : `${t('conflicts.byOtherDesk')}（${r.by.slice(-6)}）`}
          </span>
        ))}
      </header>
      <p className="reason">{locale === 'en' ? c.reasonEn : c.reason}</p>
      <table className="conflict-table">
        <thead>
          <tr>
            <th>{t('conflicts.column')}</th>
            <th>
              {t('conflicts.winner')} {c.winner.at ? shortTime(c.winner.at, locale) : ''}
            </th>
            <th>
              {t('conflicts.loser')} {c.loser.at ? shortTime(c.loser.at, locale) : ''}
            </th>
          </tr>
        </thead>
        <tbody>{main.map(row)}</tbody>
      </table>
      {rest.length > 0 && (
        <details className="conflict-more">
          <summary>
            {t('conflicts.more')} ({rest.length})
          </summary>
          <table className="conflict-table">
            <tbody>{rest.map(row)}</tbody>
          </table>
        </details>
      )}
      {!c.reviewedAt && (
        <div className="actions end">
          <button type="button" className="primary" disabled={busy} onClick={() => onResolve(false)}>
            {t('conflicts.keep')}
          </button>
          <button type="button" disabled={busy} onClick={() => onResolve(true)}>
            {t('conflicts.reapply')}
          </button>
        </div>
      )}
    </article>
  );
}
