import type { BlockageRow } from '../../../../shared/contract/blockages';
import { BLOCKAGE_STATUS_LABELS } from '../../../../shared/domain/network';
import { useI18n, type MessageKey } from '../../i18n/I18n';
import { formatAge } from './format';
import { townshipClock } from '../../../../shared/domain/dates';

/** The table: unassigned rows and overdue ages stand out, and the oldest open one is tagged. */
export function BlockageTable({ rows, total, selected, flash, onSelect }: { rows: BlockageRow[]; total: number; selected: string | null; flash: Set<string>; onSelect(id: string): void }) {
  const { t, locale } = useI18n();
  if (total === 0) return <div className="bk-empty">{t('bk.none')}</div>;
  if (rows.length === 0) return <div className="bk-empty">{t('bk.empty')}</div>;
  const oldest = rows.filter((r) => r.open).reduce<BlockageRow | null>((a, r) => (!a || r.ageHours > a.ageHours ? r : a), null);
  return (
    <table className="table bk-table" data-testid="blockage-table">
      <thead>
        <tr>
          <th>{t('bk.col.status')}</th>
          <th>{t('bk.col.name')}</th>
          <th>{t('bk.col.village')}</th>
          <th>{t('bk.col.team')}</th>
          <th className="num">{t('bk.col.age')}</th>
          <th>{t('bk.col.last')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => {
          const cls = [
            'bk-row',
            r.id === selected ? 'selected' : '',
            r.status === 'reported' ? 'unassigned' : '',
            r.overdue ? 'overdue' : '',
            r.open ? '' : 'closed',
            flash.has(r.id) ? 'flash' : '',
          ].filter(Boolean).join(' ');
          return (
            <tr
              key={r.id}
              className={cls}
              onClick={() => onSelect(r.id)}
              onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ' ? onSelect(r.id) : undefined)}
              tabIndex={0}
              aria-selected={r.id === selected}
              data-testid="blockage-row"
              data-status={r.status}
            >
              <td>
                <span className={`bk-status bk-status-${r.status}`}>{BLOCKAGE_STATUS_LABELS[r.status][locale]}</span>
              </td>
              <td>
                <div className="bk-name">
                  {r.name}
                  {r.id === oldest?.id ? <span className="bk-tag bk-tag-oldest">{t('bk.oldest')}</span> : null}
                </div>
                {r.ditchName ? <div className="bk-sub">{r.ditchName}</div> : null}
              </td>
              <td>{r.village}</td>
              <td>{r.teamName ?? (r.status === 'reported' ? <span className="bk-noteam">{t('bk.unassigned')}</span> : '—')}</td>
              <td className="num nowrap">{r.open ? <span className={r.overdue ? 'bk-age overdue' : 'bk-age'}>{formatAge(r.ageHours, locale)}</span> : <span className="muted">{formatAge(r.ageHours, locale)}</span>}</td>
              <td className="nowrap">
                <span className="bk-sub">{townshipClock(r.lastEventAt, false)}</span> <span className={`bk-src bk-src-${r.lastEventSource}`}>{t(`bk.source.${r.lastEventSource}` as MessageKey) ?? r.lastEventSource}</span>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
