import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnnouncedService } from '../device-driver';
import { DeviceError } from '../../device-error';
import { EsphomeDriver } from './esphome-driver';

const driver = new EsphomeDriver();
let api: Server;
let apiPort: number;

beforeAll(async () => {
  // Stands in for the native API port, which identify only checks accepts a connection.
  api = createServer((socket) => socket.end());
  await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
  apiPort = (api.address() as { port: number }).port;
});
afterAll(() => new Promise<void>((resolve) => api.close(() => resolve())));

const announced = (name: string, txt: Record<string, string>, port = apiPort): AnnouncedService => ({
  type: 'esphomelib',
  name,
  host: '127.0.0.1',
  port,
  txt,
});

const identify = (service: AnnouncedService) =>
  driver.identify(driver.endpointFor(service), { signal: AbortSignal.timeout(3_000) }, service);

/** ESPHome identify beyond the real captures (those are conformance/esphome-txt.int.test.ts). */
describe('ESPHome identify', () => {
  it('sets the ESP32 variant a board names (esphome esp32/boards.py: esp32-c3-devkitm-1 is an ESP32-C3)', async () => {
    const device = await identify(
      announced('c3-node', {
        mac: 'a0b1c2d3e4f5',
        version: '2025.8.0',
        platform: 'ESP32',
        board: 'esp32-c3-devkitm-1',
      }),
    );
    expect(device.chip).toBe('ESP32-C3');
  });

  it.each([
    ['without mac', {}, 'no mac'],
    ['with a malformed mac', { mac: 'a0:b1' }, 'mac "a0:b1"'],
  ])(
    'takes up an announcement %s and reports it as not identified, with the reason',
    async (_what, extra, said) => {
      const service = announced('old-node', { version: '1.15.0', platform: 'ESP8266', ...extra }, 1);
      expect(driver.recognizes(service)).toBe(true);
      const error = await identify(service).then(
        () => null,
        (e: unknown) => e,
      );
      // Refused before any connection: port 1 would have failed as unreachable.
      expect(error).toBeInstanceOf(DeviceError);
      expect(error).toMatchObject({
        reason: 'bad-reply',
        message: `ESPHome node old-node not identified: its announcement has ${said} in its TXT, so it cannot be told apart`,
      });
    },
  );
});
