import { useEffect, useState } from 'react';
import type { Backup, SystemInfo } from '../../../../shared/contract/system';
import type { WireError } from '../../../../shared/contract/errors';
import { ApiError, invoke } from '../../api/client';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useI18n, type MessageKey } from '../../i18n/I18n';

/** Where the data lives, its backups, and a button to take one now. */
export function BackupPanel() {
  const { t } = useI18n();
  const [info, setInfo] = useState<SystemInfo | null>(null);
  const [backups, setBackups] = useState<Backup[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<WireError | null>(null);
  const [last, setLast] = useState<Backup | null>(null);

  const refresh = () => {
    invoke('system.info', {}).then(setInfo, () => undefined);
    invoke('backup.list', {}).then(setBackups, () => undefined);
  };
  useEffect(refresh, []);

  const backUp = async () => {
    setBusy(true);
    setError(null);
    try {
      setLast(await invoke('backup.create', {}));
      refresh();
    } catch (e) {
      if (e instanceof ApiError) setError(e.wire);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card">
      <h2>{t('settings.backups')}</h2>
      {info && (
        <dl className="facts">
          <dt>{t('settings.dataDir')}</dt>
          <dd className="mono">{info.dataDir}</dd>
          <dt>{t('settings.version')}</dt>
          <dd>
            {info.appVersion} / {info.schemaVersion}
          </dd>
        </dl>
      )}
      <p className="muted">{t('settings.backups.hint')}</p>
      <button type="button" onClick={backUp} disabled={busy}>
        {t('settings.backups.create')}
      </button>
      {last && (
        <p className="ok" role="status">
          {t('settings.backups.done')} <span className="mono">{last.fileName}</span>
        </p>
      )}
      <ErrorBanner error={error} />
      {backups.length === 0 ? (
        <p className="muted">{t('settings.backups.empty')}</p>
      ) : (
        <table className="table compact">
          <tbody>
            {backups.slice(0, 10).map((b) => (
              <tr key={b.fileName}>
                <td className="mono">{b.fileName}</td>
                <td>{t(`backup.reason.${b.reason}` as MessageKey)}</td>
                <td className="num">{(b.sizeBytes / 1024).toFixed(0)} KB</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
