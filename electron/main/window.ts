import { BrowserWindow, shell } from 'electron';
import { APP_ENTRY, allowNavigation, secureWebPreferences } from './security';

/** The app window, locked down: no navigation away, no new windows, no permission prompts. */
export function createMainWindow(preload: string): BrowserWindow {
  const win = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 1024,
    minHeight: 700,
    title: '排涝调度台 DrainDesk',
    show: false,
    backgroundColor: '#f3f6f8',
    webPreferences: secureWebPreferences(preload),
  });
  win.webContents.on('will-navigate', (event, url) => {
    if (!allowNavigation(url)) event.preventDefault();
  });
  win.webContents.on('will-redirect', (event, url) => {
    if (!allowNavigation(url)) event.preventDefault();
  });
  win.webContents.setWindowOpenHandler(({ url }) => {
    // Links to the outside world (e.g. a tile provider's terms) open in the user's browser.
    if (url.startsWith('https://')) void shell.openExternal(url);
    return { action: 'deny' };
  });
  win.webContents.session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  win.once('ready-to-show', () => win.show());
  void win.loadURL(APP_ENTRY);
  return win;
}
