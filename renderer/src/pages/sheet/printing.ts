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

