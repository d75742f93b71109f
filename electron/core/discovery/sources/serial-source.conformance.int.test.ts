import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPtyPair, type PtyPair } from '../../../../simulator/serial/pty-pair';
import { silentLogger } from '../../logging/json-logger';
import { SerialSessionRegistry } from '../../transport/serial-session-registry';
import { describeDiscoverySourceConformance } from '../../../../test-support/discovery/discovery-source-conformance';
import { SerialSource } from './serial-source';
import {
  FakeTasmotaConsole,
  type ConsoleBehaviour,
} from '../../../../test-support/discovery/serial-source-test-console';

interface PluggedDevice {
  name: string;
  mac: string;
  pair: PtyPair;
  console: FakeTasmotaConsole;
}

describeDiscoverySourceConformance<PluggedDevice>('SerialSource on socat PTYs', {
  async createWorld() {
    const dir = mkdtempSync(join(tmpdir(), 'fieldbatch-serial-conformance-'));
    const sessions = new SerialSessionRegistry({ livenessIntervalMs: 100 });
    // What the OS would list: PTYs never are, so the test lists them itself, as USB CP210x ports.
    let listed: unknown[] = [];
    const plugged = new Set<PluggedDevice>();
    let count = 0;

    async function plug(
      name: string,
      mac: string,
      behaviour: ConsoleBehaviour = 'tasmota',
    ): Promise<PluggedDevice> {
      const pair = await openPtyPair(dir, name);
      const console = await FakeTasmotaConsole.open(pair.devicePath, mac, behaviour);
      const device = { name, mac, pair, console };
      plugged.add(device);
      listed = [
        ...listed,
        { path: pair.appPath, manufacturer: 'Silicon Labs', vendorId: '10c4', productId: 'ea60' },
      ];
      return device;
    }

    async function unplug(device: PluggedDevice): Promise<void> {
      listed = listed.filter((p) => (p as { path?: unknown } | null)?.path !== device.pair.appPath);
      await device.console.close();
      // Pulling the cable: socat dies by its PID and both PTY ends hang up.
      await device.pair.close();
      plugged.delete(device);
    }

    return {
      createSource: () =>
        new SerialSource({
          sessions,
          logger: silentLogger,
          list: async () => listed,
          pollIntervalMs: 50,
          probeTimeoutMs: 1_500,
          autoProbe: true,
        }),
      addDevice() {
        count += 1;
        return plug(`ttyC${count}`, `A4:CF:12:00:00:${count.toString(16).padStart(2, '0').toUpperCase()}`);
      },
      removeDevice: unplug,
      async restoreDevice(device) {
        await plug(device.name, device.mac);
      },
      async injectGarbage() {
        listed = [
          ...listed,
          null,
          42,
          { path: 17 },
          { path: '' },
          { path: join(dir, 'ttyGone'), vendorId: '10c4', productId: 'ea60' },
          { path: join(dir, 'ttyOdd'), vendorId: 'not-hex', productId: {} },
        ];
        count += 1;
        await plug(`ttyC${count}`, 'A4:CF:12:FF:FF:FF', 'garbage');
      },
      async dispose() {
        try {
          await sessions.closeAll();
        } finally {
          await Promise.allSettled([...plugged].map(unplug));
          rmSync(dir, { recursive: true, force: true });
        }
      },
    };
  },
});
