import { serveCore, type ParentPort } from './coreService';
import { splitParentPort } from '../sheets/parentPort';

// Entry of the core inside Electron's utilityProcess: main relays each IPC call here, so a long
// import never freezes the window. Never imports 'electron'; it talks over process.parentPort.
const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;
const dataDir = process.env.DRAINDESK_DATA_DIR;

if (!parentPort || !dataDir) {
  console.error('utility.ts runs only inside the desktop app (DRAINDESK_DATA_DIR and parentPort are required)');
  process.exit(2);
} else {
  const binding = process.env.DRAINDESK_SQLITE_BINDING;
  // Sheets are printed to PDF by main (Electron's printToPDF) over the same channel.
  const { api, renderer } = splitParentPort(parentPort);
  void serveCore(api, { dataDir, transport: 'ipc', dailyBackup: true, syncLoop: true, parseInWorker: true, sheetRenderer: renderer, ...(binding ? { nativeBinding: binding } : {}) });
}
