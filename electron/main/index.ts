import { join } from 'node:path';
import { app, ipcMain } from 'electron';
import { createAppCore, type AppCore } from '../core/app-core';
import { isTestMode } from '../core/environment';
import { createJsonLogger } from '../core/logging/json-logger';
import { handleAppScheme, registerAppScheme } from './app-protocol';
import { deliverToWindows } from './ipc/window-event-sink';
import { registerCommands } from './ipc/register-commands';
import { resolveDataDir } from './platform/app-paths';
import { createSafeStorageCipher } from './platform/safe-storage-cipher';
import { FileSecretStore } from '../core/secrets/file-secret-store';
import { APP_ENTRY_URL, APP_ORIGIN, createOriginCheck, originOf } from './security';
import { createMainWindow, lockDownSession } from './window';

// Composition root of the Electron shell: paths, window, IPC wiring. Everything that decides lives in core.
const devServerUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL;
const isAllowed = createOriginCheck([APP_ORIGIN, ...(devServerUrl ? [originOf(devServerUrl)!] : [])]);
const logger = createJsonLogger();
let core: AppCore | null = null;

registerAppScheme();

app
  .whenReady()
  .then(async () => {
    lockDownSession(isAllowed);
    handleAppScheme(join(__dirname, '../renderer'));
    const dataDir = resolveDataDir(process.env);
    const cipher = createSafeStorageCipher();
    logger.info('secrets protected by', { cipher: cipher.description });
    core = createAppCore({
      dataDir,
      secrets: new FileSecretStore(join(dataDir, 'secrets.safe.json'), cipher),
      host: 'electron',
      version: app.getVersion(),
      deliver: deliverToWindows,
      logger,
      mdns: { enabled: true, requireLoopbackOnly: isTestMode(process.env) },
      validateOutputs: !app.isPackaged,
    });
    registerCommands(ipcMain, core.dispatch, isAllowed);
    const open = () =>
      createMainWindow({
        preloadPath: join(__dirname, '../preload/index.js'),
        url: devServerUrl ?? APP_ENTRY_URL,
        isAllowedUrl: isAllowed,
      });
    open();
    app.on('activate', open);
    await core.start();
  })
  .catch((error: unknown) => {
    logger.error('start-up failed', { error: String(error) });
    app.exit(1);
  });

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

let quitting = false;
app.on('before-quit', (event) => {
  if (quitting || !core) return;
  event.preventDefault();
  quitting = true;
  void core.shutdown().finally(() => app.quit());
});
