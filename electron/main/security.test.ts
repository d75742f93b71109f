import { describe, expect, it } from 'vitest';
import {
  APP_ORIGIN,
  createOriginCheck,
  isPermissionGranted,
  originOf,
  secureWebPreferences,
} from './security';

describe('Electron shell security settings', () => {
  it('isolates and sandboxes every window, without Node', () => {
    expect(secureWebPreferences('/p.js')).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });

  it('compares whole origins, not prefixes', () => {
    const isAllowed = createOriginCheck([APP_ORIGIN]);
    expect(originOf('fieldbatch://app/index.html')).toBe('fieldbatch://app');
    expect(isAllowed('fieldbatch://app/index.html#x')).toBe(true);
    expect(isAllowed('fieldbatch://app.evil/index.html')).toBe(false);
    expect(isAllowed('fieldbatch://apps/index.html')).toBe(false);
    expect(isAllowed('https://app/index.html')).toBe(false);
    expect(isAllowed('file:///etc/passwd')).toBe(false);
    expect(isAllowed(undefined)).toBe(false);
    expect(isAllowed('not a url')).toBe(false);
  });

  it('admits the dev server only when configured', () => {
    const isAllowed = createOriginCheck([APP_ORIGIN, 'http://localhost:5173']);
    expect(isAllowed('http://localhost:5173/src/main.tsx')).toBe(true);
    expect(isAllowed('http://localhost:5174/')).toBe(false);
  });

  it('grants notifications to the app itself and nothing else to anyone', () => {
    const isAllowed = createOriginCheck([APP_ORIGIN]);
    expect(isPermissionGranted('notifications', 'fieldbatch://app/index.html', isAllowed)).toBe(true);
    expect(isPermissionGranted('notifications', 'https://evil.example/', isAllowed)).toBe(false);
    for (const permission of ['media', 'geolocation', 'clipboard-read', 'openExternal']) {
      expect(isPermissionGranted(permission, 'fieldbatch://app/index.html', isAllowed)).toBe(false);
    }
  });
});
