import { afterEach, describe, expect, it, vi } from 'vitest';
import { effectiveTheme, startTheme, storedThemeChoice, themeChosen } from './theme';

/** A prefers-color-scheme the test can flip, as the OS would. */
function fakeOs(isDark: boolean) {
  const listeners = new Set<() => void>();
  const query = {
    matches: isDark,
    addEventListener: (_: string, cb: () => void) => listeners.add(cb),
    removeEventListener: (_: string, cb: () => void) => listeners.delete(cb),
  };
  vi.stubGlobal('matchMedia', () => query);
  return {
    flip(next: boolean) {
      query.matches = next;
      listeners.forEach((cb) => cb());
    },
    listeners,
  };
}

afterEach(() => {
  localStorage.clear();
  vi.unstubAllGlobals();
  delete document.documentElement.dataset.theme;
});

describe('colour theme', () => {
  it('resolves "system" from the OS and keeps a fixed choice whatever the OS says', () => {
    expect(effectiveTheme('system', true)).toBe('dark');
    expect(effectiveTheme('system', false)).toBe('light');
    expect(effectiveTheme('light', true)).toBe('light');
    expect(effectiveTheme('dark', false)).toBe('dark');
  });

  it('follows the OS while on "system", and stops following once a theme is picked', () => {
    const os = fakeOs(false);
    const dispose = startTheme();
    expect(document.documentElement.dataset.theme).toBe('light');
    os.flip(true);
    expect(document.documentElement.dataset.theme).toBe('dark');
    themeChosen('light');
    os.flip(true);
    expect(document.documentElement.dataset.theme).toBe('light');
    dispose();
    expect(os.listeners.size).toBe(0);
  });

  it('keeps the choice across restarts and ignores a stored value it does not know', () => {
    fakeOs(false);
    themeChosen('dark');
    expect(storedThemeChoice()).toBe('dark');
    startTheme();
    expect(document.documentElement.dataset.theme).toBe('dark');
    localStorage.setItem('fieldbatch.theme', 'purple');
    expect(storedThemeChoice()).toBe('system');
  });
});
