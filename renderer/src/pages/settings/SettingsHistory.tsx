import { useEffect, useState } from 'react';
import type { SettingsChange } from '../../../../shared/contract/settings';
import { invoke } from '../../api/client';
import { useI18n, type MessageKey } from '../../i18n/I18n';
import { townshipClock } from '../../../../shared/domain/dates';

function show(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'object') return Object.entries(value).map(([k, v]) => `${k}: ${String(v)}`).join(', ');
  return String(value);
}

/** Who changed which setting when, newest first; refreshes whenever `version` changes. */
export function SettingsHistory({ version }: { version: number }) {
  const { t } = useI18n();
  const [changes, setChanges] = useState<SettingsChange[]>([]);
  useEffect(() => {
    invoke('settings.history', { limit: 20 }).then(setChanges, () => setChanges([]));
  }, [version]);
  return (
    <section className="card">
      <h2>{t('settings.history')}</h2>
      {changes.length === 0 ? (
        <p className="muted">{t('settings.history.empty')}</p>
      ) : (
        <table className="table compact" data-testid="settings-history">
          <tbody>
            {changes.map((c) => (
              <tr key={c.id}>
                <td className="nowrap">{townshipClock(c.changedAt)}</td>
                <td>{t(`field.${c.key}` as MessageKey) ?? c.key}</td>
                <td>
                  {show(c.oldValue)} → <strong>{show(c.newValue)}</strong>
                </td>
                <td className="muted">{t(`source.${c.source}` as MessageKey)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
