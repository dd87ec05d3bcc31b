/** The app's own origin: the renderer is served from this custom protocol, never file://. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'draindesk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY = `${APP_ORIGIN}/index.html`;

/** Whether a URL belongs to the app itself (same scheme and host). */
export function isAppUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST;
  } catch {
    return false;
  }
}

/** The part of Electron's WebFrameMain the sender check needs. */
export interface FrameLike {
  url: string;
  parent: unknown;
}

/**
 * An IPC call is trusted only from the app's main frame on its own origin (as VS Code does):
 * never from a subframe, a page navigated elsewhere, or a destroyed frame.
 */
export function isTrustedSender(frame: FrameLike | null | undefined): boolean {
  if (!frame) return false;
  return frame.parent === null && isAppUrl(frame.url);
}

/** The renderer's webPreferences: Electron's security checklist, with no exceptions. */
export function secureWebPreferences(preload: string) {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: false,
    navigateOnDragDrop: false,
  } as const;
}

/** Whether an in-window navigation may proceed: only within the app. */
export function allowNavigation(url: string): boolean {
  return isAppUrl(url);
}
