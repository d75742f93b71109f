/** What the technician picked: a fixed theme, or whatever the OS says (prefers-color-scheme). */
export type ThemeChoice = 'light' | 'dark' | 'system';
export type Theme = 'light' | 'dark';

export const THEME_CHOICES: readonly ThemeChoice[] = ['system', 'light', 'dark'];
/** A UI-only preference, so it lives in the browser's storage, not in main's settings. */
const STORAGE_KEY = 'fieldbatch.theme';
const DARK_QUERY = '(prefers-color-scheme: dark)';

const isChoice = (value: unknown): value is ThemeChoice => THEME_CHOICES.includes(value as ThemeChoice);

export function storedThemeChoice(): ThemeChoice {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    return isChoice(stored) ? stored : 'system';
  } catch {
    return 'system';
  }
}

export function effectiveTheme(choice: ThemeChoice, isOsDark: boolean): Theme {
  if (choice === 'system') return isOsDark ? 'dark' : 'light';
  return choice;
}

const osDark = (): MediaQueryList | null =>
  typeof window.matchMedia === 'function' ? window.matchMedia(DARK_QUERY) : null;

/** Sets `data-theme` (the effective theme) and `data-theme-choice` on <html>. */
export function applyTheme(choice: ThemeChoice): void {
  const root = document.documentElement;
  root.dataset.theme = effectiveTheme(choice, osDark()?.matches ?? false);
  root.dataset.themeChoice = choice;
}

/** Stores the choice and applies it at once. */
export function themeChosen(choice: ThemeChoice): void {
  try {
    localStorage.setItem(STORAGE_KEY, choice);
  } catch {
    // storage refused (private mode): the choice still holds until the page reloads
  }
  applyTheme(choice);
}

/** Applies the stored choice and follows the OS while the choice is "system". Returns the disposer. */
export function startTheme(): () => void {
  applyTheme(storedThemeChoice());
  const query = osDark();
  if (!query) return () => undefined;
  const onChange = () => applyTheme(storedThemeChoice());
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
}
