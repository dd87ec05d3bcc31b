import { useEffect, useState } from 'react';
import type { Settings } from '../../../../shared/contract/settings';
import type { WireError } from '../../../../shared/contract/errors';
import { ApiError, invoke } from '../../api/client';

interface FieldIssue {
  path: string;
  message: string;
  messageEn: string;
}

/** The settings form: a draft beside the saved values, save and undo through the contract. */
export function useSettingsForm(saved: Settings, onSaved: (s: Settings) => void) {
  const [draft, setDraft] = useState<Settings>(saved);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<WireError | null>(null);
  const [savedAt, setSavedAt] = useState<number | null>(null);
  useEffect(() => setDraft(saved), [saved]);

  const dirty = JSON.stringify(draft) !== JSON.stringify(saved);
  const fieldIssues: FieldIssue[] = ((error?.details as { issues?: FieldIssue[] } | undefined)?.issues ?? []);

  const run = async (call: () => Promise<Settings>) => {
    setBusy(true);
    setError(null);
    try {
      const next = await call();
      onSaved(next);
      setSavedAt(Date.now());
    } catch (e) {
      setError(e instanceof ApiError ? e.wire : { code: 'internal', message: String(e), messageEn: String(e) });
    } finally {
      setBusy(false);
    }
  };

  return {
    draft,
    setDraft,
    dirty,
    busy,
    error,
    savedAt,
    issueFor: (path: string) => fieldIssues.find((i) => i.path === path || i.path.startsWith(`${path}.`)),
    save: () =>
      run(() => {
        const patch: Partial<Settings> = {};
        for (const key of Object.keys(draft) as (keyof Settings)[]) {
          if (JSON.stringify(draft[key]) !== JSON.stringify(saved[key])) (patch as Record<string, unknown>)[key] = draft[key];
        }
        return invoke('settings.update', patch);
      }),
    undo: () => run(() => invoke('settings.undo', {})),
  };
}
