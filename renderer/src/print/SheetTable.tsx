import type { ReactNode } from 'react';

export interface Column<R> {
  head: ReactNode;
  cell: (row: R, index: number) => ReactNode;
  /** Numbers sit right-aligned; text left; short codes centred. */
  align?: 'left' | 'right' | 'center';
  width?: string;
}

/**
 * A ruled table in the sheet's style. The header row repeats on every page and rows never split
 * across a page break (print CSS), so a long table breaks cleanly.
 */
export function SheetTable<R>(props: { caption: string; columns: Column<R>[]; rows: R[]; footer?: ReactNode[]; empty?: string; testId?: string }) {
  return (
    <table className="sd-table" data-testid={props.testId}>
      <caption>{props.caption}</caption>
      <colgroup>
        {props.columns.map((c, i) => (
          <col key={i} style={c.width ? { width: c.width } : undefined} />
        ))}
      </colgroup>
      <thead>
        <tr>
          {props.columns.map((c, i) => (
            <th key={i}>{c.head}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {props.rows.length === 0 ? (
          <tr>
            <td colSpan={props.columns.length} className="sd-empty">
              {props.empty ?? '（无）'}
            </td>
          </tr>
        ) : (
          props.rows.map((row, i) => (
            <tr key={i}>
              {props.columns.map((c, j) => (
                <td key={j} className={`sd-${c.align ?? 'left'}`}>
                  {c.cell(row, i)}
                </td>
              ))}
            </tr>
          ))
        )}
      </tbody>
      {props.footer && (
        <tfoot>
          <tr>
            {props.footer.map((cell, i) => (
              <td key={i} className={`sd-${props.columns[i]?.align ?? 'left'}`}>
                {cell}
              </td>
            ))}
          </tr>
        </tfoot>
      )}
    </table>
  );
}
