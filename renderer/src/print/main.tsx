import '@fontsource/noto-sans-sc/400.css';
import '@fontsource/noto-sans-sc/700.css';
import './print.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { PrintApp } from './PrintApp';
import { installPrintSignals } from './ready';

// The print view (issue 7): its own entry, no app shell, so nothing but the sheet reaches paper.
installPrintSignals();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <PrintApp />
  </StrictMode>,
);
