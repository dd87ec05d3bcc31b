import { useCallback, useEffect, useState } from 'react';
import type { WireError } from '../../../../shared/contract/errors';
import type { SheetData, SheetRecord } from '../../../../shared/contract/sheets';
import { ApiError, invoke } from '../../api/client';
import type { ArchiveList } from './ArchivePanel';
import { toForm, toInput, type DraftForm } from './planForm';

export type View = { kind: 'draft' } | { kind: 'issued'; record: SheetRecord };

const asWire = (e: unknown): WireError => (e instanceof ApiError ? e.wire : { code: 'internal', message: String(e), messageEn: String(e) });

/**
 * The sheet page's state: the day, its draft form, the preview (the live draft or an issued sheet's
 * frozen data) and the archive. Every action goes through the contract.
 */
export function useSheetPage() {
  const [bounds, setBounds] = useState<{ latest: string | null; start: string; today: string } | null>(null);
  const [date, setDate] = useState<string | null>(null);
  const [form, setForm] = useState<DraftForm | null>(null);
  const [dirty, setDirty] = useState(false);
  const [view, setView] = useState<View>({ kind: 'draft' });
  const [data, setData] = useState<SheetData | null>(null);
  const [archive, setArchive] = useState<ArchiveList | null>(null);
  const [season, setSeason] = useState<string | undefined>(undefined);
  const [error, setError] = useState<WireError | null>(null);
  const [previewError, setPreviewError] = useState<WireError | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [version, setVersion] = useState(0);

  // The day opens on the latest day with data, as the dashboard does.
  useEffect(() => {
    invoke('totals.get', {}).then(
      (tot) => {
        setBounds({ latest: tot.latestDataDate, start: tot.seasonStart, today: tot.today });
        setDate(tot.date);
      },
      (e: unknown) => setError(asWire(e)),
    );
  }, []);

  useEffect(() => {
    if (!date) return;
    let live = true;
    invoke('sheets.draft', { date }).then(
      (d) => {
        if (!live) return;
        setForm(toForm(d));
        setDirty(false);
      },
      (e: unknown) => live && setError(asWire(e)),
    );
    return () => {
      live = false;
    };
  }, [date]);

  // The archive follows the day's season unless another season is picked.
  const listed = season ?? date?.slice(0, 4);
  const refreshArchive = useCallback(() => {
    if (!listed) return;
    invoke('sheets.list', { season: listed }).then(setArchive, (e: unknown) => setError(asWire(e)));
  }, [listed]);
  useEffect(refreshArchive, [refreshArchive, version]);

  useEffect(() => {
    if (!date) return;
    let live = true;
    setData(null);
    setPreviewError(null);
    invoke('sheets.data', view.kind === 'issued' ? { id: view.record.id } : { date }).then(
      (d) => live && setData(d),
      (e: unknown) => live && setPreviewError(asWire(e)),
    );
    return () => {
      live = false;
    };
  }, [date, view, version]);

  const edit = (next: DraftForm) => {
    setForm(next);
    setDirty(true);
  };

  /** Run an action with the busy flag and the error banner; returns its value or null on failure. */
  const run = useCallback(async <T,>(label: string, fn: () => Promise<T>): Promise<T | null> => {
    setBusy(label);
    setError(null);
    try {
      return await fn();
    } catch (e) {
      setError(asWire(e));
      return null;
    } finally {
      setBusy(null);
    }
  }, []);

  const save = async (): Promise<boolean> => {
    if (!form) return false;
    const saved = await run('saving', () => invoke('sheets.saveDraft', toInput(form)));
    if (!saved) return false;
    setForm(toForm(saved));
    setDirty(false);
    if (view.kind === 'draft') setVersion((v) => v + 1);
    return true;
  };

  const issue = async (correction: { of: string; reason: string } | null): Promise<SheetRecord | null> => {
    if (!date) return null;
    if (dirty && !(await save())) return null;
    const record = await run('issuing', () => invoke('sheets.issue', correction ? { date, correction } : { date }));
    if (record) {
      setView({ kind: 'issued', record });
      setSeason(record.season);
      setVersion((v) => v + 1);
    }
    return record;
  };

  const changeDate = (next: string) => {
    setDate(next);
    setSeason(undefined);
    setView({ kind: 'draft' });
  };

  /** The day's issue in force (not superseded by a correction), if any. */
  const issuedForDay = archive?.records.find((r) => r.date === date && !r.superseded) ?? null;

  return {
    bounds,
    date,
    changeDate,
    form,
    edit,
    dirty,
    save,
    view,
    setView,
    data,
    previewError,
    archive,
    setSeason,
    issuedForDay,
    issue,
    run,
    busy,
    error,
    setError,
  };
}
