import './field.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { FieldApp } from './FieldApp';

// The phone page, served by the LAN field server (electron/core/field). It uses the phone's own
// fonts (no 10 MB CJK font over a field connection) and talks only to /api/phone.*.
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <FieldApp />
  </StrictMode>,
);
