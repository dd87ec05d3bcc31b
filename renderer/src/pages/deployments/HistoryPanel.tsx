import { useEffect, useState } from 'react';
import { DEPLOYMENT_TASK_LABELS, type DeploymentChange, type DeploymentRow } from '../../../../shared/contract/deployments';
import { invoke } from '../../api/client';
import { useI18n, type MessageKey } from '../../i18n/I18n';
import { NUMBER_COLUMNS } from './draft';
import { townshipClock } from '../../../../shared/domain/dates';

/** What changed in a row, as "人数 12 → 15". */
function difference(before: DeploymentRow | null, after: DeploymentRow | null, t: (k: MessageKey) => string): string {
  if (!before || !after) return '';
  const parts: string[] = [];
  if (before.placeLabel !== after.placeLabel) parts.push(`${t('dep.col.place')} ${before.placeLabel} → ${after.placeLabel}`);
  if (before.task !== after.task) parts.push(`${t('dep.col.task')} ${DEPLOYMENT_TASK_LABELS[before.task].short} → ${DEPLOYMENT_TASK_LABELS[after.task].short}`);
  for (const c of NUMBER_COLUMNS) {
    if (before[c.field] !== after[c.field]) parts.push(`${t(c.label as MessageKey)} ${before[c.field] ?? '—'} → ${after[c.field] ?? '—'}`);
  }
  if (before.note !== after.note) parts.push(`${t('dep.col.note')} ${before.note || '—'} → ${after.note || '—'}`);
  return parts.join('，');
}

/** The day's changes, newest first; refreshes when `version` changes. */
export function HistoryPanel({ date, version }: { date: string; version: number }) {
  const { t, locale } = useI18n();
  const [changes, setChanges] = useState<DeploymentChange[]>([]);
  useEffect(() => {
    invoke('deployments.history', { date, limit: 30 }).then(setChanges, () => setChanges([]));
  }, [date, version]);
  return (
    <section className="card">
      <h2>{t('dep.history')}</h2>
      {changes.length === 0 ? (
        <p className="muted">{t('dep.history.empty')}</p>
      ) : (
        <table className="table compact" data-testid="deployment-history">
          <tbody>
            {changes.map((c) => {
              const before = c.before as DeploymentRow | null;
              const after = c.after as DeploymentRow | null;
              const row = after ?? before;
              return (
                <tr key={c.id}>
                  <td className="nowrap">{townshipClock(c.at).slice(11)}</td>
                  <td className="nowrap">{t(`dep.action.${c.action === 'undo' ? 'undo' : c.action}` as MessageKey)}</td>
                  <td>
                    {row ? `${row.placeLabel} ${DEPLOYMENT_TASK_LABELS[row.task][locale]} ${row.people}${locale === 'zh' ? '人' : ' people'}` : ''}
                    {c.action === 'update' || (c.action === 'undo' && before && after) ? <span className="muted">（{difference(before, after, t)}）</span> : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
