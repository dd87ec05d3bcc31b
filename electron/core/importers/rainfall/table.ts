/** One cell as read from CSV (always text) or xlsx (text, number or date). */
export type Cell = string | number | Date | null;

/** A non-blank row with its number as the user sees it in Excel. */
export interface SheetRow {
  row: number;
  cells: Cell[];
}

/** The rows of one CSV file or one xlsx sheet, blank rows already dropped. */
export interface Sheet {
  name: string | null;
  rows: SheetRow[];
}

/** True when a cell holds nothing a user would call a value. */
export function isBlankCell(cell: Cell | undefined): boolean {
  return cell === null || cell === undefined || (typeof cell === 'string' && cell.trim() === '');
}

/** The Excel column letter of a 0-based index (0 → A, 26 → AA), for messages. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let letters = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}
