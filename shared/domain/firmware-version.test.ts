import { describe, expect, it } from 'vitest';
import { compareFirmwareVersions, isSameFirmwareVersion, toSemver } from './firmware-version';

describe('firmware versions', () => {
  it.each([
    ['14.3.0.4', '14.3.0', 1],
    ['14.3.0.4', '14.3.0.5', -1],
    ['14.3.0.4', '14.4.0', -1],
    ['14.3.0.10', '14.3.0.9', 1],
    ['15.1.0', '14.3.0.4', 1],
    ['14.2.0(release-tasmota)', '14.2.0', 0],
    ['14.2.0(tasmota32)single-core', '14.2.0', 0],
    ['14.2.0.3(tasmota)', '14.2.0.3', 0],
    ['v1.6.0', '1.6.0', 0],
    ['1.5.0-beta2', '1.5.0', -1],
    ['1.5.0-beta1', '1.5.0-beta2', -1],
    ['1.5.1-beta1', '1.5.0', 1],
    ['2025.8.0', '2025.10.1', -1],
    ['1.4', '1.4.0', 0],
  ])('orders %s against %s as %i', (a, b, order) => {
    expect(compareFirmwareVersions(a, b)).toBe(order);
    expect(compareFirmwareVersions(b, a)).toBe(order === 0 ? 0 : -order);
  });

  it.each([['unknown'], [''], ['14'], ['release-14.2.0']])('cannot order %j against anything', (version) => {
    expect(compareFirmwareVersions(version, '14.2.0')).toBeNull();
  });

  it('drops the build name, also with a Solo1 suffix, for semver', () => {
    expect(toSemver('14.2.0(release-tasmota)')).toBe('14.2.0');
    expect(toSemver('14.2.0(tasmota32solo1)single-core')).toBe('14.2.0');
    expect(toSemver('1.5.0-beta2')).toBe('1.5.0-beta2');
  });
});

describe('same firmware version', () => {
  it.each([
    ['14.2.0(release-tasmota)', '14.2.0', true],
    ['14.3.0.4', '14.3.0', false],
    ['14.3.0.4(tasmota)', '14.3.0.4', true],
    ['1.6.0', '1.6.0-beta1', false],
    ['unknown', 'unknown', true],
    ['unknown', '1.6.0', false],
  ])('%s is %s: %s', (running, version, same) => {
    expect(isSameFirmwareVersion(running, version)).toBe(same);
  });
});
