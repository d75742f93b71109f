import { describe, expect, it } from 'vitest';
import { durationText, parseDuration } from './format-duration';

describe('parseDuration', () => {
  it.each([
    ['90 s', 90_000],
    ['5 min', 300_000],
    ['1 h', 3_600_000],
    ['1 h 30 min', 5_400_000],
    ['1.5h', 5_400_000],
    ['2 d', 172_800_000],
    ['250 ms', 250],
    ['0', 0],
    ['10 Minutes', 600_000],
  ])('reads %s', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(['', '5', '3600000', 'soon', '5 parsecs', '5 min later'])('refuses %j', (text) => {
    expect(parseDuration(text)).toBeNull();
  });
});

describe('durationText', () => {
  it.each([
    [3_600_000, '1 h'],
    [180_000, '3 min'],
    [90_000, '1 min 30 s'],
    [1500, '1500 ms'],
    [0, '0 s'],
  ])('%d ms → %s, and back', (ms, text) => {
    expect(durationText(ms)).toBe(text);
    expect(parseDuration(text)).toBe(ms);
  });
});
