import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import type { SyncStatus } from '../../../shared/contract/syncDesk';
import { invoke } from '../api/client';

interface SyncStatusValue {
  status: SyncStatus | null;
  /** Ask again now (after enrolling, syncing, resolving a conflict). */
  refresh(): void;
  /** Take a status a procedure just answered. */
  set(next: SyncStatus): void;
}

const SyncStatusContext = createContext<SyncStatusValue | null>(null);

/** How often the shell asks the core how sync stands (the core's loop runs on its own). */
const POLL_MS = 4_000;

/** One poller of sync.status for the whole window: the chip, the settings panel and the 冲突 page read it. */
export function SyncStatusProvider({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<SyncStatus | null>(null);
  const refresh = useCallback(() => {
    invoke('sync.status', {}).then(setStatus, () => undefined);
  }, []);
  useEffect(() => {
    refresh();
    const timer = setInterval(refresh, POLL_MS);
    return () => clearInterval(timer);
  }, [refresh]);
  return <SyncStatusContext.Provider value={{ status, refresh, set: setStatus }}>{children}</SyncStatusContext.Provider>;
}

export function useSyncStatus(): SyncStatusValue {
  const value = useContext(SyncStatusContext);
  if (!value) throw new Error('useSyncStatus outside SyncStatusProvider');
  return value;
}
