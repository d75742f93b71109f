import { describe, expect, it } from 'vitest';
import { bootMarks, firmwareNumber, hasRestarted, parseUptime, type BootMarks } from './tasmota-boot-marks';

const marks = (bootCount: number | null, uptimeSeconds: number | null): BootMarks => ({
  bootCount,
  uptimeSeconds,
  restartReason: null,
  version: null,
});

describe('hasRestarted', () => {
  it.each([
    ['a higher BootCount', marks(4, 10), marks(5, 0), 1, true],
    ['a lower BootCount (a reset set it back)', marks(9, 10), marks(1, 0), 1, true],
    ['the same BootCount and a running uptime', marks(4, 100), marks(4, 112), 12, false],
    ['no BootCount, uptime restarted', marks(null, 100), marks(null, 3), 12, true],
    ['no BootCount, uptime within rounding', marks(null, 100), marks(null, 110), 12, false],
    [
      'a fresh device rebooting fast with no BootCount: no evidence',
      marks(null, 0),
      marks(null, 0),
      1,
      false,
    ],
    ['nothing readable', marks(null, null), marks(null, null), 60, false],
  ])('%s → %s', (_, before, after, seconds, expected) => {
    expect(hasRestarted(before, after, seconds)).toBe(expected);
  });
});

describe('bootMarks', () => {
  it('reads BootCount, UptimeSec, RestartReason and Version from Status 0', () => {
    expect(
      bootMarks({
        StatusPRM: { BootCount: 7, RestartReason: 'Software/System restart', Uptime: '0T00:00:09' },
        StatusSTS: { UptimeSec: 9 },
        StatusFWR: { Version: '14.2.0(release-tasmota)' },
      }),
    ).toEqual({
      bootCount: 7,
      uptimeSeconds: 9,
      restartReason: 'Software/System restart',
      version: '14.2.0(release-tasmota)',
    });
  });

  it('falls back to the Uptime text and tolerates missing sections', () => {
    expect(bootMarks({ StatusPRM: { Uptime: '1T02:03:04' } }).uptimeSeconds).toBe(93_784);
    expect(bootMarks({})).toEqual(marks(null, null));
  });
});

describe('parseUptime and firmwareNumber', () => {
  it.each([
    ['0T00:00:09', 9],
    ['12:00:00', 43_200],
    ['soon', null],
    [42, null],
  ])('uptime %j → %j', (text, seconds) => expect(parseUptime(text)).toBe(seconds));

  it.each([
    ['14.3.0(release-tasmota)', '14.3.0'],
    ['9.2.0(sensors)', '9.2.0'],
    ['14.3.0.1', '14.3.0.1'],
  ])('version %s → %s', (version, number) => expect(firmwareNumber(version)).toBe(number));
});
