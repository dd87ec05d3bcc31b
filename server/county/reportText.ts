import type { CountyReport } from '../../shared/contract/county';
import { rollupCells } from '../../shared/domain/countyRollup';

/** The county table as aligned text for the terminal. */
export function formatReport(r: CountyReport): string {
  const { head, rows, total } = rollupCells(r);
  const all = [head, ...rows, total].map((row) => row.map((c) => (c === null ? '—' : String(c))));
  return [`${r.date} 全县 ${r.townships.length} 个乡镇 townships`, ...all.map((row) => row.join('\t'))].join('\n');
}
