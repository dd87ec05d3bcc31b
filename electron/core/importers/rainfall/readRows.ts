import type { Header } from './findHeader';
import { readColumns } from './readColumns';
import { readLong } from './readLong';
import { mixed } from './rowChecks';
import type { EncodingInfo, RowsRead } from './rowTypes';
import type { RowRules } from './rules';

export type { EncodingInfo, Reading, RowsRead } from './rowTypes';

/** Read and check every data row; rows or cells with problems are named in errors and left out. */
export function readRows(header: Header, rules: RowRules, enc: EncodingInfo): RowsRead {
  const out: RowsRead = { readings: [], errors: [], warnings: [], stations: [] };
  if (enc.oddRows.has(header.row)) out.errors.push(mixed(header.row, enc));
  if (header.layout === 'long') readLong(header, rules, enc, out);
  else readColumns(header, rules, enc, out);
  return out;
}
