import { describe, expect, it } from 'vitest';
import { configCommandLines } from './shelly-config-writes';

describe('configCommandLines', () => {
  it('shows a Shelly change as its SetConfig calls', () => {
    expect(
      configCommandLines({
        shelly: { sys: { device: { name: 'Pump room' } }, switches: [{ id: 0, auto_off: true }] },
      }),
    ).toEqual([
      'Sys.SetConfig {"config":{"device":{"name":"Pump room"}}}',
      'Switch.SetConfig {"id":0,"config":{"auto_off":true}}',
    ]);
  });

  it('shows Tasmota commands as the one Backlog the driver sends', () => {
    expect(
      configCommandLines({
        tasmota: {
          commands: [
            { command: 'DeviceName', value: 'Pump room' },
            { command: 'TelePeriod', value: '60' },
          ],
        },
      }),
    ).toEqual(['Backlog DeviceName Pump room; TelePeriod 60']);
  });

  it('shows nothing for an empty form', () => {
    expect(configCommandLines({ tasmota: { commands: [{ command: '', value: '' }] } })).toEqual([]);
    expect(configCommandLines({ shelly: {} })).toEqual([]);
  });
});
