import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The renderer is served from app://draindesk/ in Electron and from http://127.0.0.1 in
// browser mode; relative asset URLs work under both.
export default defineConfig({
  root: resolve(import.meta.dirname, 'renderer'),
  base: './',
  plugins: [react()],
  build: {
    outDir: resolve(import.meta.dirname, 'dist/renderer'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 2500,
    rollupOptions: {
      input: {
        main: resolve(import.meta.dirname, 'renderer/index.html'),
        // The phone page the LAN field server serves (issue 5): its own entry, no desk code.
        field: resolve(import.meta.dirname, 'renderer/field.html'),
        // The daily sheet's print view (issue 7): printToPDF, the headless CLI and the browser's print.
        print: resolve(import.meta.dirname, 'renderer/print.html'),
        // The county server's page (issue 11): all townships on one map, the table, the roll-up.
        county: resolve(import.meta.dirname, 'renderer/county.html'),
      },
    },
  },
});
