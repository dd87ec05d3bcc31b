import type { Cell } from './table';
import { cellText, cleanText } from './text';

/** A rainfall cell read: nothing there, a number, or text that is not one. */
export type MmParse = { kind: 'empty' } | { kind: 'value'; mm: number } | { kind: 'invalid'; text: string };

// A lone dash or slash is how Chinese tables write "no reading".
const NO_READING = /^(?:-+|—+|–+|\/|\\)$/;
const UNIT = /\s*(?:mm|毫米)$/i;
const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;
// 微量 ("trace", under 0.1 mm) is the meteorological service's way of writing a day that barely rained.
const TRACE = /^微量$/;

/** Read a millimetre value; range checks are the caller's job so the message can say which limit. */
export function parseMmCell(cell: Cell): MmParse {
  if (cell === null) return { kind: 'empty' };
  if (typeof cell === 'number') return Number.isFinite(cell) ? { kind: 'value', mm: cell } : { kind: 'invalid', text: String(cell) };
  if (cell instanceof Date) return { kind: 'invalid', text: cellText(cell) };
  const text = cleanText(cell);
  if (text === '' || NO_READING.test(text)) return { kind: 'empty' };
  if (TRACE.test(text)) return { kind: 'value', mm: 0 };
  const bare = text.replace(UNIT, '');
  if (!NUMBER.test(bare)) return { kind: 'invalid', text: cellText(cell) };
  return { kind: 'value', mm: Number(bare) };
}
