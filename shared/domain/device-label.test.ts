import { describe, expect, it } from 'vitest';
import { brokerLabel, deviceLabel, macTail, type DeviceId } from './device';

const device = (over: Partial<Parameters<typeof deviceLabel>[0]> = {}) => ({
  id: 'mac:a4cf12b3c4d5' as DeviceId,
  family: 'tasmota' as const,
  name: null,
  product: 'Tasmota',
  model: 'Sonoff Basic',
  mac: 'a4cf12b3c4d5',
  ...over,
});

describe('deviceLabel', () => {
  it('uses the device’s name when it has one', () => {
    expect(deviceLabel(device({ name: 'Hall Plug' }))).toBe('Hall Plug');
  });

  it('names an unnamed Tasmota by its model and the last four MAC digits, not by “Tasmota”', () => {
    expect(deviceLabel(device())).toBe('Sonoff Basic · C4D5');
  });

  it('names an unnamed Shelly by its product line', () => {
    const shelly = device({ family: 'shelly', product: 'Plus1PM', model: 'SNPM-001PCEU16' });
    expect(deviceLabel(shelly)).toBe('Plus1PM · C4D5');
  });

  it('falls back to the id when no MAC is known', () => {
    expect(deviceLabel(device({ mac: null }))).toBe('Sonoff Basic · mac:a4cf12b3c4d5');
  });

  it('reads the tail of a MAC in any notation', () => {
    expect(macTail('E8:68:E7:70:03:6E')).toBe('036E');
  });
});

describe('brokerLabel', () => {
  it.each([
    [null, 'mqtt://192.0.2.5:1883', '192.0.2.5:1883'],
    ['Site broker', 'mqtts://user:pass@broker.site.lan:8883', 'Site broker (broker.site.lan:8883)'],
    ['broker.example', 'wss://broker.example/mqtt', 'broker.example'],
  ])('%s at %s → %s', (name, url, label) => {
    expect(brokerLabel(name, url)).toBe(label);
  });
});
