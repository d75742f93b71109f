// Pure security settings of the Electron shell, kept free of `electron` imports so vitest can check them.

/** The renderer is served from this privileged custom scheme, never from file://. */
export const APP_SCHEME = 'fieldbatch';
export const APP_ORIGIN = `${APP_SCHEME}://app`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** `scheme://host[:port]` of a URL; Node's URL reports "null" as the origin of custom schemes. */
export function originOf(url: string | undefined | null): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}`;
  } catch {
    return null;
  }
}

/** IPC and navigation are allowed only from our own origin (plus the dev server origin in development). */
export function createOriginCheck(
  allowedOrigins: readonly string[],
): (url: string | undefined | null) => boolean {
  const allowed = new Set(allowedOrigins);
  return (url) => {
    const origin = originOf(url);
    return origin !== null && allowed.has(origin);
  };
}

/** webPreferences for every window: isolated, sandboxed, no Node, nothing loosened. */
export function secureWebPreferences(preloadPath: string) {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    spellcheck: false,
  } as const;
}

/** The only permission the app's own pages get: desktop notifications (a run finished or needs a decision). */
export function isPermissionGranted(
  permission: string,
  requestingUrl: string,
  isAllowedUrl: (url: string) => boolean,
): boolean {
  return permission === 'notifications' && isAllowedUrl(requestingUrl);
}
