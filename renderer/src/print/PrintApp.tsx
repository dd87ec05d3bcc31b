import { useCallback, useEffect, useRef, useState } from 'react';
import type { SheetData, SheetRef } from '../../../shared/contract/sheets';
import { ApiError } from '../api/client';
import { markError, markReady } from './ready';
import { SheetDocument } from './SheetDocument';

/** The sheet named by the URL: ?date=YYYY-MM-DD (live draft), ?id=… (issued), ?token=… (being issued). */
export function refFromSearch(search: string): SheetRef | null {
  const q = new URLSearchParams(search);
  const token = q.get('token');
  const id = q.get('id');
  const date = q.get('date');
  if (token) return { token };
  if (id) return { id };
  if (date) return { date };
  return null;
}

/**
 * The print view: take the sheet's data (its request started before React), draw it, and once the map is drawn and the fonts are in,
 * say it is ready (and, opened with autoprint=1 from browser mode, open the browser's print). It stays mounted from one sheet
 * to the next, so a warm page redraws the new data in the map it already has.
 */
export function PrintApp(props: { renderId: number; data: Promise<SheetData> | null }) {
  const [data, setData] = useState<SheetData | null>(null);
  const [error, setError] = useState<string | null>(null);
  const docRef = useRef<HTMLDivElement>(null);
  // The render that has said it is ready: the view stays mounted (its map too) from sheet to sheet.
  const doneFor = useRef(0);

  useEffect(() => {
    setError(null);
    if (!props.data) {
      setError('缺少要打印的日报（date、id 或 token）');
      markError(props.renderId, 'no sheet named in the URL (date, id or token)');
      return;
    }
    let live = true;
    props.data.then(
      (d) => {
        if (!live) return;
        document.title = `${d.title} 第${d.number}期 ${d.date}`;
        setData(d);
      },
      (e: unknown) => {
        if (!live) return;
        const message = e instanceof ApiError ? `${e.wire.message}（${e.wire.messageEn}）` : String(e);
        setError(message);
        markError(props.renderId, message);
      },
    );
    return () => {
      live = false;
    };
  }, [props.data, props.renderId]);

  const onMapIdle = useCallback(() => {
    if (doneFor.current === props.renderId || !docRef.current) return;
    doneFor.current = props.renderId;
    void markReady(props.renderId, docRef.current).then((info) => {
      if (info && new URLSearchParams(window.location.search).get('autoprint') === '1') window.print();
    });
  }, [props.renderId]);

  if (error) {
    return (
      <div className="print-error" role="alert" data-testid="print-error">
        <h1>调度日报无法生成</h1>
        <p>{error}</p>
      </div>
    );
  }
  if (!data) return <div className="print-loading">正在准备调度日报…</div>;
  return (
    <div className="print-paper" ref={docRef}>
      <SheetDocument data={data} onMapIdle={onMapIdle} />
    </div>
  );
}
