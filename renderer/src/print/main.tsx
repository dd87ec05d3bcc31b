import '@fontsource/noto-sans-sc/400.css';
import '@fontsource/noto-sans-sc/700.css';
import './print.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { SHEET_PRINT_INLINE } from '../../../shared/contract/printView';
import type { SheetData } from '../../../shared/contract/sheets';
import { invoke } from '../api/client';
import { preloadSheetFonts } from './fonts';
import { PrintApp, refFromSearch } from './PrintApp';
import { beginRender, installPrintSignals } from './ready';

// The print view (issue 7): its own entry, no app shell, so nothing but the sheet reaches paper.
const root = createRoot(document.getElementById('root')!);

/** Draw a sheet from its data (or say none was named). */
function draw(data: Promise<SheetData> | null): void {
  const id = beginRender();
  root.render(
    <StrictMode>
      <PrintApp renderId={id} data={data} />
    </StrictMode>,
  );
}

/** Show the sheet a query names; its data request starts before React draws anything. */
function show(search: string): void {
  const ref = refFromSearch(search);
  const data = ref ? invoke('sheets.data', ref) : null;
  data?.then((d) => preloadSheetFonts(JSON.stringify(d)), () => undefined);
  draw(data);
}

installPrintSignals(
  (query) => {
    window.history.replaceState(null, '', `?${query}`);
    show(`?${query}`);
  },
  (data) => {
    preloadSheetFonts(JSON.stringify(data));
    draw(Promise.resolve(data));
  },
);
// Opened by the headless renderer, the page waits for the data it is handed (draindeskPrint.show).
if (window.location.search !== `?${SHEET_PRINT_INLINE}`) show(window.location.search);
