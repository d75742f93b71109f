import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeTxt } from '../electron/core/discovery/mdns/dns-sd-cache';
import { EsphomeDriver } from '../electron/core/drivers/esphome/esphome-driver';
import { listFixtures, readFixtureJson } from './fixture-files';

// Real `_esphomelib._tcp` TXT records (fixtures/real-devices/esphome) through the ESPHome driver's identify,
// which also checks that the announced API port accepts a connection: a loopback listener plays that port.

interface TxtCapture {
  instance: string;
  txt: string[];
  expected: { mac: string; version: string; platform: string; board: string; friendlyName?: string };
}

const captures = listFixtures('esphome', '.json').map(
  (file) => [file, readFixtureJson<TxtCapture>('esphome', file)] as const,
);
const driver = new EsphomeDriver();
let apiPort: Server;

beforeAll(async () => {
  apiPort = createServer((socket) => socket.end());
  await new Promise<void>((resolve) => apiPort.listen(0, '127.0.0.1', resolve));
});
afterAll(() => new Promise<void>((resolve) => apiPort.close(() => resolve())));

describe.each(captures)('real ESPHome TXT %s', (_file, capture) => {
  it('is recognised and identified with the MAC, version, platform and board it announced', async () => {
    const { port } = apiPort.address() as { port: number };
    const service = {
      type: 'esphomelib',
      name: capture.instance,
      host: '127.0.0.1',
      port,
      txt: decodeTxt(capture.txt.map((entry) => Buffer.from(entry))),
    };
    expect(driver.recognizes(service)).toBe(true);
    const device = await driver.identify(
      driver.endpointFor(service),
      { signal: AbortSignal.timeout(5_000) },
      service,
    );
    expect(device.mac).toBe(capture.expected.mac.toLowerCase());
    expect(device.firmware).toBe(capture.expected.version);
    expect(device.product).toBe(capture.expected.platform);
    expect(device.model).toBe(capture.expected.board);
    // The captured boards (esp32dev, esp01_1m, a BK7231N module) name no ESP32 variant: the chip is the platform.
    expect(device.chip).toBe(capture.expected.platform);
    expect(device.name).toBe(capture.expected.friendlyName ?? capture.instance);
  });
});
