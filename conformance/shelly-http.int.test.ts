import { afterAll, describe, expect, it } from 'vitest';
import type { DeviceTarget, HttpEndpoint } from '../electron/core/drivers/device-driver';
import { makeDriver } from '../test-support/drivers/shelly/shelly-test-kit';
import { authCaptures, shellyCaptures, type ShellyCapture } from './fixture-files';
import { startReplay } from './shelly-replay-server';

// The Shelly driver against real captured replies served over a loopback socket (run inside scripts/netns.sh).

const PASSWORD = 'conformance-pass';
const t = makeDriver();
afterAll(() => t.http.close());

const ctx = (withCredentials = false) => ({
  signal: AbortSignal.timeout(10_000),
  ...(withCredentials ? { credentials: { username: 'admin', password: PASSWORD } } : {}),
});

function targetFor(capture: ShellyCapture, endpoint: HttpEndpoint, id: DeviceTarget['id']): DeviceTarget {
  return {
    id,
    family: 'shelly',
    mac: String(capture.deviceInfo!.mac).toLowerCase(),
    model: String(capture.deviceInfo!.model),
    endpoints: [endpoint],
  };
}

const complete = shellyCaptures().filter((c) => c.deviceInfo && c.status);

describe.each(complete.map((c) => [c.folder, c] as const))('replayed %s', (_folder, capture) => {
  it('is identified from /shelly and read back through Sys.GetStatus', async () => {
    const replay = await startReplay({ capture });
    try {
      const endpoint: HttpEndpoint = { transport: 'http', host: '127.0.0.1', port: replay.port };
      const device = await t.driver.identify(endpoint, ctx());
      const info = capture.deviceInfo!;
      expect(device).toMatchObject({
        family: 'shelly',
        model: info.model,
        product: info.app,
        generation: info.gen,
        firmware: info.ver,
        mac: String(info.mac).toLowerCase(),
      });
      const state = await t.driver.readState(targetFor(capture, endpoint, device.id), ctx());
      expect(state.firmware).toBe(info.ver);
      expect(state.uptimeSeconds).toBe((capture.status!.sys as { uptime: number }).uptime);
      expect(replay.calls).toEqual(['Sys.GetStatus']);
    } finally {
      await replay.close();
    }
  });
});

const someDevice = complete.find((c) => c.folder.startsWith('plug-s-gen3')) ?? complete[0]!;
const httpChallenges = authCaptures().filter(([, c]) => c.transport === 'http');

describe.each(httpChallenges)('a device answering with the real 401 of %s', (_file, challenge) => {
  it('is read once the driver answers the captured challenge with the right digest', async () => {
    const replay = await startReplay({
      capture: someDevice,
      challenge: { capture: challenge, password: PASSWORD },
    });
    try {
      const endpoint: HttpEndpoint = { transport: 'http', host: '127.0.0.1', port: replay.port };
      const device = await t.driver.identify(endpoint, ctx());
      const state = await t.driver.readState(targetFor(someDevice, endpoint, device.id), ctx(true));
      expect(state.uptimeSeconds).toBe((someDevice.status!.sys as { uptime: number }).uptime);
      expect(replay.calls[0]).toBe('401 Sys.GetStatus');
      expect(replay.calls.at(-1)).toBe('Sys.GetStatus');
    } finally {
      await replay.close();
    }
  });
});
