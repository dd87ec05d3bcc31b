import './field.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { FieldApp } from './FieldApp';

// The phone page, served by the LAN field server (electron/core/field). It uses the phone's own
// fonts (no 10 MB CJK font over a field connection) and talks only to /api/phone.*.
// Keep the page on the phone (renderer/public/field-sw.js), so it opens with no signal. Service
// workers need a secure context: HTTPS (the county server, or the LAN server with its own
// certificate) or localhost.
if ('serviceWorker' in navigator && window.isSecureContext) {
  void navigator.serviceWorker.register('./field-sw.js', { scope: './' }).catch(() => undefined);
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <FieldApp />
  </StrictMode>,
);
