import type { Cell } from './table';

// Zero-width characters and stray BOMs sneak in from copy-paste and concatenated files.
const INVISIBLE = /[\u200b-\u200d\ufeff]/g;

/**
 * A cell's text as the user means it: NFKC folds full-width digits and letters typed with a
 * Chinese IME (１２．５ → 12.5) and the ideographic space, then the ends are trimmed.
 */
export function cleanText(text: string): string {
  return text.normalize('NFKC').replace(INVISIBLE, '').trim();
}

/** A cell as the user typed it (trimmed, not folded), for messages, header and station names. */
export function cellText(cell: Cell | undefined): string {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? '' : cell.toISOString().slice(0, 10);
  if (typeof cell === 'number') return String(cell);
  return cell.replace(INVISIBLE, '').trim();
}

/** Text cut to a length a message can show. */
export function shorten(text: string, max = 20): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
