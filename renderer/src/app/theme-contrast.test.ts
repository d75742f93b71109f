import { describe, expect, it } from 'vitest';
import themeCss from './theme.css?raw';

/** The colour variables of one theme block (`:root {` or `:root[data-theme='dark'] {`). */
function themeColours(selector: string): Record<string, string> {
  const start = themeCss.indexOf(`${selector} {`);
  if (start < 0) throw new Error(`theme.css has no block ${selector}`);
  const block = themeCss.slice(start, themeCss.indexOf('}', start));
  const colours: Record<string, string> = {};
  for (const m of block.matchAll(/(--[\w-]+):\s*(#[0-9a-f]{3,6});/gi)) colours[m[1]!] = m[2]!;
  return colours;
}

const LIGHT = themeColours(':root');
// The dark block only overrides: what it leaves out is the light value.
const DARK = { ...LIGHT, ...themeColours(":root[data-theme='dark']") };

/** WCAG 2.x relative luminance of #rgb / #rrggbb. */
function luminance(hex: string): number {
  const h = hex.length === 4 ? [...hex.slice(1)].map((c) => c + c).join('') : hex.slice(1);
  const [r, g, b] = [0, 2, 4].map((i) => {
    const c = parseInt(h.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

/** Text on background, as styles.css and job-runs.css pair them. */
const PAIRS: [string, string][] = [
  ['--badge-fg', '--badge-bg'],
  ['--badge-ok-fg', '--badge-ok-bg'],
  ['--badge-info-fg', '--badge-info-bg'],
  ['--badge-danger-fg', '--badge-danger-bg'],
  ['--badge-warn-fg', '--badge-warn-bg'],
  ['--btn-fg', '--btn-bg'],
  ['--btn-fg', '--btn-bg-hover'],
  ['--on-solid', '--accent-solid'],
  ['--on-solid', '--danger-solid'],
];

describe.each([
  ['light', LIGHT],
  ['dark', DARK],
])('%s theme colours', (_, colours) => {
  it.each(PAIRS)('%s on %s reaches WCAG AA for small text (4.5:1)', (fg, bg) => {
    expect(colours[fg], fg).toBeDefined();
    expect(colours[bg], bg).toBeDefined();
    expect(contrast(colours[fg]!, colours[bg]!)).toBeGreaterThanOrEqual(4.5);
  });

  it('sets an enabled button apart from the page (a disabled one is transparent with muted text)', () => {
    expect(contrast(colours['--btn-border']!, colours['--surface']!)).toBeGreaterThanOrEqual(1.5);
    expect(colours['--btn-fg']).not.toBe(colours['--muted']);
  });
});

it('computes contrast as WCAG does (black on white is 21:1, a colour on itself 1:1)', () => {
  expect(contrast('#000', '#fff')).toBeCloseTo(21, 5);
  expect(contrast('#1f5fa8', '#1f5fa8')).toBe(1);
});
