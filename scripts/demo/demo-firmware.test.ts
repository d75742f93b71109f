import { describe, expect, it } from 'vitest';
import type { SimulatedDevice } from '../../simulator';
import { demoFirmwareRequests } from './demo-firmware';

const tasmota = (chip: string) => ({ family: 'tasmota', chip }) as unknown as SimulatedDevice;
const shelly = (app: string) => ({ family: 'shelly', app }) as unknown as SimulatedDevice;

describe('the demo firmware folder', () => {
  it('has one image per Tasmota chip (gzipped only for ESP8266) and one zip per Shelly app', () => {
    const devices = [tasmota('ESP32-C3'), tasmota('ESP8266'), tasmota('ESP32'), tasmota('ESP8266')];
    expect(demoFirmwareRequests([...devices, shelly('Pro4PM'), shelly('Plus1PM'), shelly('Pro4PM')])).toEqual(
      [
        { family: 'tasmota', chip: 'esp32', version: '14.4.0', gz: false },
        { family: 'tasmota', chip: 'esp32c3', version: '14.4.0', gz: false },
        { family: 'tasmota', chip: 'esp8266', version: '14.4.0', gz: true },
        { family: 'shelly', app: 'Plus1PM', version: '1.7.0' },
        { family: 'shelly', app: 'Pro4PM', version: '1.7.0' },
      ],
    );
  });
});
