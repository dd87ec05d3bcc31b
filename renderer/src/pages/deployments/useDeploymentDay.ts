import { useCallback, useEffect, useRef, useState } from 'react';
import type { DeploymentDay } from '../../../../shared/contract/deployments';
import type { WireError } from '../../../../shared/contract/errors';
import { addDays } from '../../../../shared/domain/dates';
import { ApiError, invoke } from '../../api/client';
import { blankRow, fingerprint, fromRow, isBlank, toInput, type DraftRow, type LocalIssue } from './draft';

export interface CellIssue {
  key: string;
  field: string;
  message: string;
  messageEn: string;
}

const asWire = (e: unknown): WireError => (e instanceof ApiError ? e.wire : { code: 'internal', message: String(e), messageEn: String(e) });

/** One day's entry grid: the saved rows, the draft being typed, and save / undo / copy. */
export function useDeploymentDay(date: string | null) {
  const [saved, setSaved] = useState<DeploymentDay | null>(null);
  const [rows, setRowsRaw] = useState<DraftRow[]>([]);
  // Like a spreadsheet, the grid always ends with one empty row to type into.
  const setRows = useCallback((next: DraftRow[] | ((rows: DraftRow[]) => DraftRow[])) => {
    setRowsRaw((list) => {
      const updated = typeof next === 'function' ? next(list) : next;
      const last = updated[updated.length - 1];
      return !last || !isBlank(last) ? [...updated, blankRow()] : updated;
    });
  }, []);
  const [error, setError] = useState<WireError | null>(null);
  const [localIssues, setLocalIssues] = useState<LocalIssue[]>([]);
  const [cellIssues, setCellIssues] = useState<CellIssue[]>([]);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<{ key: string; values: Record<string, string | number> } | null>(null);
  const [version, setVersion] = useState(0);
  const baseline = useRef('[]');

  const show = useCallback((day: DeploymentDay) => {
    const draft = day.rows.map((r) => fromRow(r));
    baseline.current = fingerprint(draft);
    setSaved(day);
    setRows(draft);
  }, [setRows]);

  // Only the answer for the day asked last may fill the grid: switching days quickly must not let a
  // slower answer for an earlier day overwrite what is being typed.
  const asked = useRef<string | null>(null);
  const load = useCallback(async (d: string) => {
    asked.current = d;
    setError(null);
    setLocalIssues([]);
    setCellIssues([]);
    try {
      const day = await invoke('deployments.day', { date: d });
      if (asked.current === d) show(day);
    } catch (e) {
      if (asked.current === d) setError(asWire(e));
    }
  }, [show]);

  useEffect(() => {
    setNotice(null);
    // Until the day's rows arrive there is no grid to type into (typing into the previous day's
    // grid would be lost when they arrive).
    setSaved(null);
    if (date) void load(date);
  }, [date, load]);

  const dirty = saved !== null && fingerprint(rows) !== baseline.current;

  const save = async () => {
    if (!date || busy) return;
    const { input, keys, issues } = toInput(rows);
    setLocalIssues(issues);
    setCellIssues([]);
    setError(null);
    if (issues.length > 0) return;
    setBusy(true);
    try {
      const result = await invoke('deployments.saveDay', { date, rows: input });
      if (asked.current !== date) return;
      show(result);
      setNotice({ key: 'dep.saved', values: { n: result.changed } });
      setVersion((v) => v + 1);
    } catch (e) {
      const wire = asWire(e);
      setError(wire);
      const list = ((wire.details as { issues?: { path: string; message: string; messageEn: string }[] } | undefined)?.issues ?? []);
      setCellIssues(
        list.flatMap((i) => {
          const m = /^rows\[(\d+)\]\.?(\w*)/.exec(i.path);
          const key = m ? keys[Number(m[1])] : undefined;
          return key ? [{ key, field: m![2] || 'place', message: i.message, messageEn: i.messageEn }] : [];
        }),
      );
    } finally {
      setBusy(false);
    }
  };

  const undo = async () => {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      const result = await invoke('deployments.undo', {});
      if (date) await load(date);
      const other = result.dates.filter((d) => d !== date);
      setNotice(other.length > 0 ? { key: 'dep.undoneOther', values: { dates: result.dates.join('、'), n: result.changed } } : { key: 'dep.undone', values: { n: result.changed } });
      setVersion((v) => v + 1);
    } catch (e) {
      setError(asWire(e));
    } finally {
      setBusy(false);
    }
  };

  /** Append the previous day's rows as new rows (not saved until the user saves). */
  const copyPrevious = async () => {
    if (!date) return;
    setError(null);
    try {
      const prev = await invoke('deployments.day', { date: addDays(date, -1) });
      if (asked.current !== date) return;
      if (prev.rows.length === 0) {
        setNotice({ key: 'dep.copiedNone', values: {} });
        return;
      }
      setRows((current) => [...current.filter((r) => !isBlank(r)), ...prev.rows.map((r) => fromRow(r, true))]);
      setNotice({ key: 'dep.copied', values: { n: prev.rows.length } });
    } catch (e) {
      setError(asWire(e));
    }
  };

  return { saved, rows, setRows, dirty, busy, error, localIssues, cellIssues, notice, version, save, undo, copyPrevious };
}
