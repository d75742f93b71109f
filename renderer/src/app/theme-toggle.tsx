import { useState } from 'react';
import { storedThemeChoice, themeChosen, THEME_CHOICES, type ThemeChoice } from './theme';

const LABELS: Record<ThemeChoice, string> = { system: 'As the system', light: 'Light', dark: 'Dark' };

/**
 * Light, dark, or as the OS says; kept across restarts. Compact (a ◐ sign instead of the word) so the header
 * keeps to two lines on a 1024 px laptop; the word stays for screen readers and as the tooltip.
 */
export function ThemeToggle() {
  const [choice, setChoice] = useState(storedThemeChoice);
  return (
    <label className="theme-toggle" title="Colour theme">
      <span aria-hidden="true">◐</span>
      <select
        aria-label="Colour theme"
        value={choice}
        onChange={(e) => {
          const next = e.target.value as ThemeChoice;
          setChoice(next);
          themeChosen(next);
        }}
      >
        {THEME_CHOICES.map((c) => (
          <option key={c} value={c}>
            {LABELS[c]}
          </option>
        ))}
      </select>
    </label>
  );
}
