import { sheetPrintQuery, type SheetRef } from '../../../../shared/contract/sheets';
import { invoke, transport } from '../../api/client';

/**
 * Print a sheet. In the desktop app main opens the system print dialog on the print view
 * (sheets.print); in a browser the same print view opens in a new tab and calls the browser's own
 * print once it is ready.
 */
export async function printSheet(ref: { date: string } | { id: string }): Promise<'printed' | 'cancelled' | 'opened'> {
  if (transport === 'ipc') return (await invoke('sheets.print', ref)).printed ? 'printed' : 'cancelled';
  window.open(`print.html?${sheetPrintQuery(ref as SheetRef)}&autoprint=1`, '_blank', 'noopener');
  return 'opened';
}

/** A UTC timestamp as the township's wall time, 2026-08-10 18:30. */
export function stamp(iso: string): string {
  const local = new Date(Date.parse(iso) + 8 * 3600_000).toISOString();
  return `${local.slice(0, 10)} ${local.slice(11, 16)}`;
}

/** Put values into a message: fill('第 {n} 期', { n: 3 }). */
export function fill(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (m, k: string) => (k in values ? String(values[k]) : m));
}
