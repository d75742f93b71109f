import { describe, expect, it } from 'vitest';
import { normalizeMac } from '../electron/core/discovery/device-identity';
import {
  DeviceInfoSchema,
  SysStatusSchema,
  decode,
  parseResponse,
} from '../electron/core/drivers/shelly/shelly-protocol';
import { shellyCaptures } from './fixture-files';

// Real Gen2/3/4 replies (fixtures/real-devices/shelly, sources in SOURCES.md) through the driver's codecs.
const captures = shellyCaptures();
const withInfo = captures.filter((c) => c.deviceInfo !== null);

describe('real Shelly captures', () => {
  it('cover at least 8 models, a Wall Display and a Gen4 device', () => {
    const apps = new Set(withInfo.map((c) => c.deviceInfo!.app));
    expect(apps.size).toBeGreaterThanOrEqual(8);
    expect([...apps].some((app) => String(app).startsWith('WallDisplay'))).toBe(true);
    expect(withInfo.some((c) => c.deviceInfo!.gen === 4)).toBe(true);
  });

  describe.each(withInfo.map((c) => [c.folder, c] as const))('%s: /shelly', (_folder, capture) => {
    const info = decode(DeviceInfoSchema, capture.deviceInfo, 'GET /shelly');

    it('decodes as device info with a usable MAC and an id that ends in it', () => {
      expect(info.gen).toBeGreaterThanOrEqual(2);
      const mac = normalizeMac(info.mac);
      expect(mac).toMatch(/^[0-9a-f]{12}$/);
      expect(info.id.toLowerCase().endsWith(mac!)).toBe(true);
    });

    it('carries a build id that starts with its build date', () => {
      expect(info.fw_id).toMatch(/^\d{8}-\d{6}\//);
    });
  });

  const withStatus = captures.filter((c) => c.status !== null);
  describe.each(withStatus.map((c) => [c.folder, c] as const))('%s: Shelly.GetStatus', (_folder, capture) => {
    it('has a sys component the reboot check can read', () => {
      const sys = decode(SysStatusSchema, capture.status!.sys, 'Shelly.GetStatus sys');
      expect(Number.isInteger(sys.uptime)).toBe(true);
      if (capture.deviceInfo)
        expect(normalizeMac(sys.mac)).toBe(normalizeMac(String(capture.deviceInfo.mac)));
    });
  });

  const withConfig = captures.filter((c) => c.config !== null && c.deviceInfo !== null);
  describe.each(withConfig.map((c) => [c.folder, c] as const))('%s: Shelly.GetConfig', (_folder, capture) => {
    it('names the same device and build as /shelly in sys.device', () => {
      const device = (capture.config!.sys as { device: { mac: string; fw_id: string } }).device;
      expect(normalizeMac(device.mac)).toBe(normalizeMac(String(capture.deviceInfo!.mac)));
      expect(device.fw_id).toBe(capture.deviceInfo!.fw_id);
    });
  });

  const frames = captures.flatMap((c) =>
    Object.entries(c.frames).map(([method, text]) => [`${c.folder} ${method}`, method, text] as const),
  );
  describe.each(frames)('%s: whole reply frame', (_name, method, text) => {
    it('parses to its result with the frame id', () => {
      const id = (JSON.parse(text) as { id: number }).id;
      const result = parseResponse(text, id, method) as Record<string, unknown>;
      expect(result.sys).toBeTypeOf('object');
    });
  });
});
