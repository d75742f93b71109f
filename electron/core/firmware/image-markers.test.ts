import { describe, expect, it } from 'vitest';
import { MarkerScanner } from './image-markers';

const scan = (text: string, chunk: number) => {
  const scanner = new MarkerScanner();
  const bytes = Buffer.from(text, 'latin1');
  for (let at = 0; at < bytes.length; at += chunk) scanner.push(bytes.subarray(at, at + chunk));
  return scanner.builtBy();
};

describe('who built an ESP image', () => {
  it.each([1, 3, 7, 64])('finds the markers across chunk boundaries of %i bytes', (chunk) => {
    expect(scan('\0\0[I][app:102]: ESPHome version 2024.10.2 compiled on Nov  6 2024\0', chunk)).toBe(
      'esphome',
    );
    expect(scan('\0esphome version 1.15.0\0', chunk)).toBe('esphome');
    expect(scan('\0%s-%04d\0tasmota\0', chunk)).toBe('tasmota');
    expect(scan('\0ESPHome version 2025.1.0\0Tasmota\0', chunk)).toBe('esphome');
    expect(scan('\0arduino-lib-builder\0', chunk)).toBeNull();
  });
});
