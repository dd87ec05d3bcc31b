import { createContext, useContext } from 'react';
import type { Settings } from '../../../shared/contract/settings';

/** App-wide state every page may read: the township's settings, and a way to refresh them. */
export interface AppState {
  settings: Settings;
  setSettings(next: Settings): void;
  /** A file chosen elsewhere (the first-run setup) for the map page to import when it opens. */
  pendingImport: File | null;
  setPendingImport(file: File | null): void;
}

export const AppContext = createContext<AppState | null>(null);

export function useApp(): AppState {
  const value = useContext(AppContext);
  if (!value) throw new Error('useApp outside AppContext');
  return value;
}
