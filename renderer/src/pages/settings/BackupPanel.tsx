import { useEffect, useState } from 'react';
import type { Backup, BackupCheck, RestoreResult, SystemInfo } from '../../../../shared/contract/system';
import type { WireError } from '../../../../shared/contract/errors';
import { ApiError, invoke } from '../../api/client';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useI18n, type MessageKey } from '../../i18n/I18n';
import { useApp } from '../../shell/AppContext';
import { townshipClock } from '../../../../shared/domain/dates';
import { RestoreDialog } from './RestoreDialog';

/** Where the data lives, its backups, a button to take one now, and 恢复 / 撤销恢复. */
export function BackupPanel() {
  const { t } = useI18n();
  const { setSettings } = useApp();
  const [info, setInfo] = useState<SystemInfo | null>(null);
  const [backups, setBackups] = useState<Backup[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<WireError | null>(null);
  const [last, setLast] = useState<Backup | null>(null);
  const [checking, setChecking] = useState<BackupCheck | null>(null);
  const [restored, setRestored] = useState<{ result: RestoreResult; undone: boolean; from: Backup } | null>(null);

  const refresh = () => {
    invoke('system.info', {}).then(setInfo, () => undefined);
    invoke('backup.list', {}).then(setBackups, () => undefined);
  };
  useEffect(refresh, []);

  /** Run a call with the panel busy; its error shows in the banner. */
  const run = async <T,>(fn: () => Promise<T>): Promise<T | null> => {
    setBusy(true);
    setError(null);
    try {
      return await fn();
    } catch (e) {
      if (e instanceof ApiError) setError(e.wire);
      return null;
    } finally {
      setBusy(false);
    }
  };

  /** After a swap every page reads the new file; the settings the shell holds are read again here. */
  const afterSwap = () => {
    refresh();
    invoke('settings.get', {}).then(setSettings, () => undefined);
  };

  const backUp = async () => {
    const b = await run(() => invoke('backup.create', {}));
    if (b) setLast(b);
    refresh();
  };
  const ask = async (b: Backup) => {
    setRestored(null);
    setLast(null);
    const check = await run(() => invoke('backup.inspect', { fileName: b.fileName }));
    if (check) setChecking(check);
  };
  const restore = async () => {
    if (!checking) return;
    const from = checking.backup;
    const result = await run(() => invoke('backup.restore', { fileName: from.fileName }));
    setChecking(null);
    if (!result) return;
    setRestored({ result, undone: false, from });
    afterSwap();
  };
  const undo = async () => {
    if (!restored) return;
    const result = await run(() => invoke('backup.undoRestore', { safetyFileName: restored.result.safetyCopy.fileName }));
    if (!result) return;
    setRestored({ ...restored, undone: true });
    afterSwap();
  };

  return (
    <section className="card" data-testid="backup-panel">
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
      <button type="button" onClick={backUp} disabled={busy} data-testid="backup-create">
        {t('settings.backups.create')}
      </button>
      {last && (
        <p className="ok" role="status">
          {t('settings.backups.done')} <span className="mono">{last.fileName}</span>
        </p>
      )}
      {restored && (
        <div className="banner banner-ok" role="status" data-testid="restore-status">
          {restored.undone
            ? t('settings.restore.undone')
            : t('settings.restore.done', { date: townshipClock(restored.from.createdAt), safety: restored.result.safetyCopy.fileName })}
          {!restored.undone && (
            <button type="button" className="banner-action" onClick={undo} disabled={busy} data-testid="restore-undo">
              {t('settings.restore.undo')}
            </button>
          )}
        </div>
      )}
      <ErrorBanner error={error} />
      {backups.length === 0 ? (
        <p className="muted">{t('settings.backups.empty')}</p>
      ) : (
        <table className="table compact" data-testid="backup-list">
          <tbody>
            {backups.slice(0, 20).map((b) => (
              <tr key={b.fileName} data-file={b.fileName}>
                <td className="nowrap">{townshipClock(b.createdAt)}</td>
                <td>{t(`backup.reason.${b.reason}` as MessageKey)}</td>
                <td className="num">{(b.sizeBytes / 1024).toFixed(0)} KB</td>
                <td className="mono muted">{b.fileName}</td>
                <td>
                  <button type="button" onClick={() => void ask(b)} disabled={busy} aria-label={`${t('settings.restore.button')} ${b.fileName}`}>
                    {t('settings.restore.button')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {checking && <RestoreDialog check={checking} busy={busy} onConfirm={() => void restore()} onCancel={() => setChecking(null)} />}
    </section>
  );
}
