import { BrowserWindow } from 'electron';
import type { PrintWindow } from './print';
import { allowNavigation, secureWebPreferences } from './security';

/**
 * A hidden window for printing the sheet: the app's locked-down preferences, an A4-wide page, and
 * no background throttling (a hidden window would otherwise never draw the map's frames).
 */
export function openPrintWindow(preload: string): PrintWindow {
  const win = new BrowserWindow({
    show: false,
    width: 820,
    height: 1160,
    webPreferences: { ...secureWebPreferences(preload), backgroundThrottling: false },
  });
  win.webContents.on('will-navigate', (event, url) => {
    if (!allowNavigation(url)) event.preventDefault();
  });
  win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  win.webContents.session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  // The window is kept between sheets (issue 15); one whose page died is closed, and the next sheet opens another.
  win.webContents.on('render-process-gone', () => win.destroy());
  return win as unknown as PrintWindow;
}
