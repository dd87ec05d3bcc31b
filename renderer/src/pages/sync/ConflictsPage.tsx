import { useCallback, useEffect, useState } from 'react';
import type { WireError } from '../../../../shared/contract/errors';
import type { SyncConflict } from '../../../../shared/contract/syncDesk';
import { ApiError, invoke } from '../../api/client';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useI18n } from '../../i18n/I18n';
import { useSyncStatus } from '../../shell/SyncStatus';
import { ConflictCard } from './ConflictCard';
import './sync.css';

/** 冲突: every parallel edit that lost by clock, both versions side by side, for a person to review. */
export function ConflictsPage() {
  const { t } = useI18n();
  const { status, refresh } = useSyncStatus();
  const [conflicts, setConflicts] = useState<SyncConflict[] | null>(null);
  const [showReviewed, setShowReviewed] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<WireError | null>(null);

  const load = useCallback(() => {
    invoke('sync.conflicts', { includeReviewed: showReviewed }).then(setConflicts, (e: unknown) => e instanceof ApiError && setError(e.wire));
  }, [showReviewed]);
  // Reload when the shell's status says the number of open conflicts changed (a round pulled some).
  useEffect(load, [load, status?.openConflicts]);

  const resolve = async (c: SyncConflict, reapplyLoser: boolean) => {
    if (reapplyLoser && !window.confirm(t('conflicts.reapplyConfirm'))) return;
    setBusy(c.id);
    setError(null);
    try {
      await invoke('sync.resolveConflict', { id: c.id, reapplyLoser });
      load();
      refresh();
    } catch (e) {
      if (e instanceof ApiError) setError(e.wire);
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="card">
      <h1>{t('conflicts.title')}</h1>
      <p className="muted">{t('conflicts.intro')}</p>
      <label className="inline-check">
        <input type="checkbox" checked={showReviewed} onChange={(e) => setShowReviewed(e.target.checked)} /> {t('conflicts.showReviewed')}
      </label>
      <ErrorBanner error={error} />
      {conflicts && conflicts.length === 0 && (
        <p className="ok" data-testid="conflicts-empty">
          {t('conflicts.empty')}
        </p>
      )}
      <div className="conflict-list">
        {conflicts?.map((c) => (
          <ConflictCard key={c.id} conflict={c} busy={busy === c.id} onResolve={(reapply) => void resolve(c, reapply)} />
        ))}
      </div>
    </div>
  );
}
