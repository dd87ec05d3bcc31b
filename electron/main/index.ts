import { join } from 'node:path';
import { app, dialog, ipcMain, protocol, utilityProcess } from 'electron';
import { createAppProtocolHandler } from './appProtocol';
import { applyGpuSwitches } from './gpuSwitches';
import { superviseCore } from './coreSupervisor';
import { INVOKE_CHANNEL, createInvokeHandler } from './ipc';
import { installMenu } from './menu';
import { createSheetPrinter, withPrintProcedure, withSheetPdfRequests, type CoreProcessPort } from './print';
import { openPrintWindow } from './printWindow';
import { nativeBindingForDev } from './nativeBinding';
import { APP_SCHEME } from './security';
import { createMainWindow } from './window';
import { sheetPrintQuery } from '../../shared/contract/sheets';
import { townshipDay } from '../../shared/domain/dates';

// One data folder for the desktop app, browser mode and the CLI (see electron/core/paths.ts).
app.setName('DrainDesk');
app.setPath('userData', join(app.getPath('appData'), 'DrainDesk'));
// Software WebGL where the PC has no usable GPU, or the map cannot be drawn there (gpuSwitches.ts).
applyGpuSwitches(app.commandLine);

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
]);

if (!app.requestSingleInstanceLock()) {
  // A second copy would open the same database; hand over to the first one instead.
  app.quit();
} else {
  void app.whenReady().then(start);
}

function start(): void {
  const root = app.getAppPath();
  protocol.handle(APP_SCHEME, createAppProtocolHandler(join(root, 'dist/renderer')));

  const binding = app.isPackaged ? undefined : nativeBindingForDev(root, process.versions.electron);
  // The daily sheet (issue 7): main prints the print view for the core (签发) and for the page (print dialog).
  const printer = createSheetPrinter(() => openPrintWindow(join(root, 'dist/electron/preload.cjs')));
  // The core runs supervised (issue 16): if its process dies it is started again and the user told.
  const core = superviseCore({
    spawn: () => {
      const proc = utilityProcess.fork(join(root, 'dist/electron/core.cjs'), [], {
        serviceName: 'DrainDesk core',
        env: {
          ...process.env,
          DRAINDESK_DATA_DIR: app.getPath('userData'),
          ...(binding ? { DRAINDESK_SQLITE_BINDING: binding } : {}),
        },
      });
      return { port: withSheetPdfRequests(proc as unknown as CoreProcessPort, printer), kill: () => proc.kill() };
    },
    notify: (notice) =>
      void dialog.showMessageBox({
        type: notice.kind === 'gave_up' ? 'error' : 'warning',
        title: 'DrainDesk',
        message: notice.message.zh,
        detail: notice.message.en,
      }),
  });
  const relay = withPrintProcedure(core.relay, printer);
  ipcMain.handle(INVOKE_CHANNEL, createInvokeHandler(relay));

  installMenu();
  let win = createMainWindow(join(root, 'dist/electron/preload.cjs'));
  // Once the app's page has loaded, the print view loads in the background with today's sheet (issue 15).
  win.webContents.once('did-finish-load', () => void printer.warm(sheetPrintQuery({ date: townshipDay(new Date()) })));
  app.on('second-instance', () => {
    if (win.isMinimized()) win.restore();
    win.focus();
  });
  app.on('activate', () => {
    if (win.isDestroyed()) win = createMainWindow(join(root, 'dist/electron/preload.cjs'));
  });
  app.on('window-all-closed', () => {
    core.stop();
    app.quit();
  });
}
