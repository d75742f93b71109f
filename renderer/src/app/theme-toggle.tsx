import { useState } from 'react';
import { storedThemeChoice, themeChosen, THEME_CHOICES, type ThemeChoice } from './theme';

const LABELS: Record<ThemeChoice, string> = { system: 'As the system', light: 'Light', dark: 'Dark' };

/** Light, dark, or as the OS says; kept across restarts. */
export function ThemeToggle() {
  const [choice, setChoice] = useState(storedThemeChoice);
  return (
    <label className="theme-toggle">
      Theme{' '}
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
