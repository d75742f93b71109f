import { describe, expect, it } from 'vitest';
import { compileLwtWatch, deviceLwtTopic, expandFullTopic, type LwtWatch } from './tasmota-full-topic';

function watch(pattern: string, tele?: string): LwtWatch {
  const result = compileLwtWatch(pattern, tele);
  if (!result.ok) throw result.error;
  return result.value;
}

describe('expandFullTopic', () => {
  it.each([
    ['%prefix%/%topic%/', { prefix: 'cmnd', topic: 'tasmota_B3C4D5' }, 'cmnd/tasmota_B3C4D5/'],
    ['%prefix%/%topic%', { prefix: 'stat', topic: 'plug' }, 'stat/plug/'],
    [
      'site/%hostname%/%prefix%/%topic%/',
      { prefix: 'tele', topic: 'p', hostname: 'h-1' },
      'site/h-1/tele/p/',
    ],
    [
      '%prefix%/%id%/%topic%/',
      { prefix: 'tele', topic: 'p', mac: 'a4:cf:12:b3:c4:d5' },
      'tele/A4CF12B3C4D5/p/',
    ],
    ['%prefix%_%topic%/', { prefix: 'cmnd', topic: 'p' }, 'cmnd_p/'],
  ])('%s with %j → %s', (pattern, values, expected) => {
    expect(expandFullTopic(pattern, values)).toBe(expected);
  });
});

describe('compileLwtWatch', () => {
  it.each([
    ['%prefix%/%topic%/', undefined, 'tele/+/LWT'],
    ['%prefix%/%topic%', undefined, 'tele/+/LWT'],
    ['site/%prefix%/%topic%/', undefined, 'site/tele/+/LWT'],
    ['%topic%/%prefix%/', undefined, '+/tele/LWT'],
    ['%prefix%/%hostname%/%topic%/', undefined, 'tele/+/+/LWT'],
    ['%prefix%/dev_%topic%/', undefined, 'tele/+/LWT'],
    ['%prefix%/%topic%/', 'telemetry', 'telemetry/+/LWT'],
  ])('%s (tele prefix %s) subscribes %s', (pattern, tele, filter) => {
    expect(watch(pattern, tele).filter).toBe(filter);
  });

  it.each([
    ['%prefix%/%topic%/', 'tele/tasmota_B3C4D5/LWT', 'tasmota_B3C4D5'],
    ['%prefix%/%topic%/', 'stat/tasmota_B3C4D5/LWT', null],
    ['%prefix%/%topic%/', 'tele/tasmota_B3C4D5/STATE', null],
    ['%prefix%/%topic%/', 'tele/a/b/LWT', null],
    ['site/%prefix%/%topic%/', 'site/tele/plug/LWT', 'plug'],
    ['%topic%/%prefix%/', 'plug/tele/LWT', 'plug'],
    ['%prefix%/%hostname%/%topic%/', 'tele/host-1/plug/LWT', 'plug'],
    ['%prefix%/dev_%topic%/', 'tele/dev_plug/LWT', 'plug'],
    ['%prefix%/dev_%topic%/', 'tele/plug/LWT', null],
    ['%prefix%/%id%/%topic%/', 'tele/A4CF12B3C4D5/plug/LWT', 'plug'],
    ['%prefix%/%id%/%topic%/', 'tele/nothex/plug/LWT', null],
    ['a.b/%prefix%/%topic%/', 'aXb/tele/plug/LWT', null],
  ])('%s: %s → topic %s', (pattern, received, topic) => {
    expect(watch(pattern).topicOf(received)).toBe(topic);
  });

  it.each([
    ['', /1 to 100 characters/],
    ['x'.repeat(101), /1 to 100 characters/],
    ['%prefix%/+/%topic%/', /must not contain/],
    ['%prefix%/#', /must not contain/],
    ['%prefix%/fixed/', /needs %topic%/],
    ['%topic%/', /needs %prefix%/],
  ])('refuses %j', (pattern, message) => {
    const result = compileLwtWatch(pattern);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.reason).toBe('bad-reply');
      expect(result.error.message).toMatch(message);
    }
  });
});

describe('deviceLwtTopic', () => {
  it('follows the device FullTopic, tele prefix, hostname and MAC', () => {
    const device = { topic: 'p', prefixes: { tele: 't' }, hostname: 'h', mac: 'a4cf12b3c4d5' };
    expect(deviceLwtTopic({ ...device, fullTopic: '%prefix%/%topic%/' })).toBe('t/p/LWT');
    expect(deviceLwtTopic({ ...device, fullTopic: '%hostname%/%id%/%prefix%/%topic%' })).toBe(
      'h/A4CF12B3C4D5/t/p/LWT',
    );
  });
});
