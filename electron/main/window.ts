import { BrowserWindow, session } from 'electron';
import { isPermissionGranted, secureWebPreferences } from './security';

export interface MainWindowOptions {
  preloadPath: string;
  url: string;
  isAllowedUrl: (url: string) => boolean;
}

/** Denies every permission request but notifications from the app itself, for the whole session once. */
export function lockDownSession(isAllowedUrl: (url: string) => boolean): void {
  session.defaultSession.setPermissionRequestHandler((wc, permission, callback) =>
    callback(isPermissionGranted(permission, wc.getURL(), isAllowedUrl)),
  );
  session.defaultSession.setPermissionCheckHandler((_wc, permission, requestingOrigin) =>
    isPermissionGranted(permission, requestingOrigin, isAllowedUrl),
  );
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    title: 'Fieldbatch',
    show: false,
    webPreferences: secureWebPreferences(options.preloadPath),
  });
  const contents = window.webContents;
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-navigate', (event, url) => {
    if (!options.isAllowedUrl(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!options.isAllowedUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  window.once('ready-to-show', () => window.show());
  void window.loadURL(options.url);
  return window;
}
