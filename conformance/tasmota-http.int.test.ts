import { createServer, type Server } from 'node:http';
import { afterAll, describe, expect, it } from 'vitest';
import type { HttpEndpoint } from '../electron/core/drivers/device-driver';
import { TasmotaDriver } from '../electron/core/drivers/tasmota/tasmota-driver';
import { HttpClient } from '../electron/core/transport/http-client';
import { listFixtures, readFixtureText } from './fixture-files';
import { CHIP_OF_HARDWARE, UNPARSABLE_MERGED } from './tasmota-expectations';

// Real merged `Status 0` replies (fixtures/real-devices/tasmota/status0-merged) served as a device's `/cm`
// would, to the Tasmota driver's identify; run inside scripts/netns.sh.

const http = new HttpClient({ timeoutMs: 2_000, maxBodyBytes: 256 * 1024 });
const driver = new TasmotaDriver({ http, commandTimeoutMs: 2_000 });
afterAll(() => http.close());

/** A `/cm` that answers `Status 0` (and `Status0`) with the capture and any other command as Tasmota does. */
async function serveCm(reply: string): Promise<{ server: Server; port: number; commands: string[] }> {
  const commands: string[] = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://device');
    const command = url.searchParams.get('cmnd') ?? '';
    commands.push(command);
    res.writeHead(url.pathname === '/cm' ? 200 : 404, { 'Content-Type': 'application/json' });
    // Tasmota answers a command it does not know with {"Command":"Unknown"} (support_command.ino).
    res.end(/^status\s*0$/i.test(command) ? reply : '{"Command":"Unknown"}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as { port: number }).port, commands };
}

const files = listFixtures('tasmota/status0-merged', '.json').filter((f) => !(f in UNPARSABLE_MERGED));

describe.each(files)('a device answering /cm with the real %s', (file) => {
  it('is identified with the MAC, firmware and hardware chip it reports', async () => {
    const text = readFixtureText('tasmota/status0-merged', file);
    const json = JSON.parse(text) as {
      StatusNET: { Mac: string };
      StatusFWR: { Version: string; Hardware: string };
    };
    const { server, port, commands } = await serveCm(text);
    try {
      const endpoint: HttpEndpoint = { transport: 'http', host: '127.0.0.1', port };
      const device = await driver.identify(endpoint, { signal: AbortSignal.timeout(10_000) });
      expect(device.family).toBe('tasmota');
      expect(device.mac).toBe(json.StatusNET.Mac.replace(/:/g, '').toLowerCase());
      expect(device.firmware).toBe(json.StatusFWR.Version);
      expect(device.chip).toBe(CHIP_OF_HARDWARE[json.StatusFWR.Hardware]);
      expect(commands.some((c) => /^status\s*0$/i.test(c))).toBe(true);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
