import { describe, expect, it } from 'vitest';
import { datedFileName } from './download';

describe('datedFileName', () => {
  const at = Date.UTC(2026, 11, 7, 21, 30, 5, 999);

  it('names a file by the device and the time, to the second', () => {
    expect(datedFileName('Hall Plug', at, 'json')).toBe('Hall-Plug-2026-12-07T21-30-05.json');
  });

  it('keeps letters and digits of a generated name and drops the separators', () => {
    expect(datedFileName('Sonoff Basic · C4D5', at, 'json')).toBe(
      'Sonoff-Basic-C4D5-2026-12-07T21-30-05.json',
    );
  });

  it('still names something when the name has no safe character', () => {
    expect(datedFileName('···', at, 'json')).toBe('device-2026-12-07T21-30-05.json');
  });
});
