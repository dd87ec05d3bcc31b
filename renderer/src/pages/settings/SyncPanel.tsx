import { useState } from 'react';
import type { WireError } from '../../../../shared/contract/errors';
import type { SyncStatus } from '../../../../shared/contract/syncDesk';
import { ApiError, invoke } from '../../api/client';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useI18n } from '../../i18n/I18n';
import { chipText, shortTime } from '../../shell/SyncChip';
import { useSyncStatus } from '../../shell/SyncStatus';
import '../sync/sync.css';

/** 设置 → 联网同步: enrol with the county server (URL + one-time code), see how sync stands, sync now, re-key, disconnect. */
export function SyncPanel() {
  const { t, locale } = useI18n();
  const { status, set } = useSyncStatus();
  const [serverUrl, setServerUrl] = useState('');
  const [code, setCode] = useState('');
  const [caFile, setCaFile] = useState('');
  const [busy, setBusy] = useState<'enrol' | 'now' | 'disconnect' | null>(null);
  const [error, setError] = useState<WireError | null>(null);
  const enrolled = status !== null && status.state !== 'not_enrolled';

  const run = async (kind: 'enrol' | 'now' | 'disconnect', call: () => Promise<SyncStatus>) => {
    setBusy(kind);
    setError(null);
    try {
      set(await call());
      if (kind === 'enrol') setCode('');
    } catch (e) {
      if (e instanceof ApiError) setError(e.wire);
    } finally {
      setBusy(null);
    }
  };
  const enrol = () =>
    run('enrol', () => invoke('sync.enrol', { serverUrl: serverUrl.trim() || status?.serverUrl || '', code, ...(caFile.trim() ? { caFile: caFile.trim() } : {}) }));

  return (
    <section className="card sync-panel" id="sync" aria-labelledby="sync-title">
      <h2 id="sync-title">{t('sync.title')}</h2>
      <p className="muted">{t('sync.intro')}</p>
      {status && enrolled && <SyncFacts status={status} />}
      {status?.problem && (
        <div className={status.state === 'offline' ? 'banner banner-warn' : 'banner banner-error'} role="status" data-testid="sync-problem">
          {locale === 'en' ? status.problem.messageEn : status.problem.message}
        </div>
      )}
      {enrolled && (
        <div className="actions">
          <button type="button" className="primary" disabled={busy !== null} onClick={() => void run('now', () => invoke('sync.now', {}))}>
            {busy === 'now' ? t('sync.syncing') : t('sync.now')}
          </button>
          <button
            type="button"
            disabled={busy !== null}
            onClick={() => {
              if (window.confirm(t('sync.disconnectConfirm'))) void run('disconnect', () => invoke('sync.disconnect', {}));
            }}
          >
            {t('sync.disconnect')}
          </button>
        </div>
      )}
      <form
        className="form sync-enrol"
        onSubmit={(e) => {
          e.preventDefault();
          void enrol();
        }}
      >
        {enrolled && <h3>{t('sync.rekey')}</h3>}
        <div className="field">
          <label htmlFor="sync-server">{t('sync.server')}</label>
          <input
            id="sync-server"
            type="url"
            inputMode="url"
            placeholder={status?.serverUrl ?? 'https://'}
            value={serverUrl}
            onChange={(e) => setServerUrl(e.target.value)}
            autoComplete="off"
          />
          <div className="field-hint">{t('sync.serverHint')}</div>
        </div>
        <div className="field">
          <label htmlFor="sync-code">{t('sync.code')}</label>
          <input id="sync-code" className="mono" value={code} onChange={(e) => setCode(e.target.value)} autoComplete="off" spellCheck={false} placeholder="XXXX-XXXX-XXXX-XXXX" />
          <div className="field-hint">{t('sync.codeHint')}</div>
        </div>
        <div className="field">
          <label htmlFor="sync-ca">{t('sync.ca')}</label>
          <input id="sync-ca" className="mono" value={caFile} onChange={(e) => setCaFile(e.target.value)} placeholder={status?.caFile ?? ''} autoComplete="off" />
          <div className="field-hint">{t('sync.caHint')}</div>
        </div>
        <div className="actions">
          <button type="submit" className={enrolled ? undefined : 'primary'} disabled={busy !== null || !code.trim()}>
            {busy === 'enrol' ? t('sync.enrolling') : enrolled ? t('sync.rekey') : t('sync.enrol')}
          </button>
        </div>
        <p className="muted small">{t('sync.keyNote')}</p>
      </form>
      <ErrorBanner error={error} />
    </section>
  );
}

function SyncFacts({ status }: { status: SyncStatus }) {
  const { t, locale } = useI18n();
  const r = status.lastRound;
  return (
    <dl className="facts" data-testid="sync-facts">
      <dt>{t('sync.state')}</dt>
      <dd>
        <span className={`sync-chip inline sync-${status.state}`}>
          <span className="sync-dot" aria-hidden />
          {chipText(status, t, locale)}
        </span>
      </dd>
      <dt>{t('sync.server')}</dt>
      <dd className="mono">{status.serverUrl}</dd>
      {status.phoneUrl ? (
        <>
          <dt>{t('sync.phoneUrl')}</dt>
          <dd className="mono" data-testid="sync-phone-url">
            {status.phoneUrl}
          </dd>
        </>
      ) : null}
      <dt>{t('sync.lastSync')}</dt>
      <dd>{status.lastSyncAt ? shortTime(status.lastSyncAt, locale) : t('sync.never')}</dd>
      {r && (
        <>
          <dt>{t('sync.lastRound')}</dt>
          <dd data-testid="sync-last-round">
            {t('sync.pushed')} {r.pushed} · {t('sync.pulled')} {r.pulled} · {t('sync.conflicts')} {r.conflicts} · {t('sync.files')} ↑{r.blobsUp} ↓{r.blobsDown}
          </dd>
        </>
      )}
      <dt>{t('sync.pendingCount')}</dt>
      <dd>
        {status.pending} {t('sync.items')}
      </dd>
      {status.openConflicts > 0 && (
        <>
          <dt>{t('sync.conflicts')}</dt>
          <dd>
            <a href="#/conflicts">
              {status.openConflicts} {t('sync.openConflicts')} → {t('sync.viewConflicts')}
            </a>
          </dd>
        </>
      )}
      <dt>{t('sync.township')}</dt>
      <dd className="mono small">{status.townshipId}</dd>
    </dl>
  );
}
