import type { SyncConflict } from '../../../../shared/contract/syncDesk';
import { useI18n, type MessageKey } from '../../i18n/I18n';
import { shortTime } from '../../shell/SyncChip';

/** Columns shown first when present; the rest follow alphabetically. Ids and stamps go last. */
const FIRST = ['name', 'kind', 'condition', 'village', 'status', 'note', 'bottom_width_m', 'depth_m', 'side_slope', 'roughness_n', 'slope'];
const LAST = ['id', 'township_id', 'created_at', 'updated_at', 'deleted_at'];

/** The table a conflict is about, as the office names it. */
function tableLabel(table: string): MessageKey {
  const known = ['ditch', 'culvert', 'blockage', 'team', 'area', 'deployment', 'setting'];
  return (known.includes(table) ? `conflicts.table.${table}` : 'conflicts.table.other') as MessageKey;
}

function columnsOf(c: SyncConflict): string[] {
  const all = [...new Set([...Object.keys(c.winner.row ?? {}), ...Object.keys(c.loser.row ?? {})])];
  const rank = (k: string) => (FIRST.includes(k) ? FIRST.indexOf(k) : LAST.includes(k) ? 1000 + LAST.indexOf(k) : 100);
  return all.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

function show(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string') return value.length > 160 ? `${value.slice(0, 160)}…` : value;
  return JSON.stringify(value);
}

/** One conflict: why the winner won, and both versions side by side with the differing fields marked. */
export function ConflictCard({ conflict: c, busy, onResolve }: { conflict: SyncConflict; busy: boolean; onResolve(reapplyLoser: boolean): void }) {
  const { t, locale } = useI18n();
  const differs = new Set(c.differences);
  const cols = columnsOf(c);
  return (
    <article className={c.reviewedAt ? 'conflict reviewed' : 'conflict'} data-testid="conflict" data-conflict-id={c.id}>
      <header>
        <h2>
          {t(tableLabel(c.table))}：{c.label}
        </h2>
        <span className="muted">
          {c.differences.length} {t('conflicts.differences')}
        </span>
        {c.reviewedAt && c.resolution && (
          <span className="ok">
            {t('conflicts.reviewed')} {shortTime(c.reviewedAt, locale)} · {t(`conflicts.${c.resolution}` as MessageKey)}
          </span>
        )}
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
        <tbody>
          {cols.map((col) => (
            <tr key={col} className={differs.has(col) ? 'differs' : undefined} data-column={col}>
              <td>{col}</td>
              <td>{c.winner.row ? show(c.winner.row[col]) : t('conflicts.deleted')}</td>
              <td className="loser">{c.loser.row ? show(c.loser.row[col]) : t('conflicts.deleted')}</td>
            </tr>
          ))}
        </tbody>
      </table>
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
