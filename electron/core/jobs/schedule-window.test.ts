import { describe, expect, it } from 'vitest';
import { isInWindow, nextAllowedTime, type LocalClock } from './schedule-window';

// A fixed local clock: epoch 0 is local midnight.
const local: LocalClock = (ms) => (ms / 60_000) % (24 * 60);
const at = (h: number, m = 0) => (h * 60 + m) * 60_000;

describe('schedule windows', () => {
  it('handles windows inside a day and across midnight', () => {
    expect(isInWindow(at(9), { from: '08:00', to: '17:00' }, local)).toBe(true);
    expect(isInWindow(at(17), { from: '08:00', to: '17:00' }, local)).toBe(false);
    expect(isInWindow(at(23), { from: '22:00', to: '06:00' }, local)).toBe(true);
    expect(isInWindow(at(5, 59), { from: '22:00', to: '06:00' }, local)).toBe(true);
    expect(isInWindow(at(12), { from: '22:00', to: '06:00' }, local)).toBe(false);
  });

  it('waits for the start time and then for the window to open', () => {
    expect(nextAllowedTime(at(9), {}, local)).toBe(at(9));
    expect(nextAllowedTime(at(9), { startAt: at(10) }, local)).toBe(at(10));
    expect(nextAllowedTime(at(12), { window: { from: '22:00', to: '06:00' } }, local)).toBe(at(22));
    expect(nextAllowedTime(at(23), { window: { from: '22:00', to: '06:00' } }, local)).toBe(at(23));
    expect(nextAllowedTime(at(7), { startAt: at(8), window: { from: '06:00', to: '07:30' } }, local)).toBe(
      at(24 + 6),
    );
  });
});
