import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeviceFaults } from '../faults/device-faults';
import { isLoopbackHost } from '../net/loopback';
import { normaliseFaults } from '../faults/fault-types';
import { openPtyPair, type PtyPair } from '../serial/pty-pair';
import { hashInts, seededRandom } from '../util/seeded-random';
import { TasmotaDevice } from './tasmota-device';
import { tasmotaIdentity } from './tasmota-identity';
import { SerialConsole } from './tasmota-serial';
import type { MqttDefaults } from './tasmota-settings';
import type { TasmotaFleet, TasmotaFleetOptions } from './tasmota-types';

/** Accepts only loopback brokers: the simulator never talks to anything off this machine. */
export function parseBrokerUrl(url: string | undefined): MqttDefaults {
  if (url === undefined) return { host: '', port: 1883 };
  const parsed = new URL(url);
  if (parsed.protocol !== 'mqtt:') throw new Error(`broker must be mqtt://..., got ${url}`);
  const host = parsed.hostname;
  if (!isLoopbackHost(host)) throw new Error(`broker must be on loopback (127.0.0.1), got ${host}`);
  return {
    host: host === 'localhost' ? '127.0.0.1' : host,
    port: parsed.port === '' ? 1883 : Number(parsed.port),
  };
}

export function createTasmotaDevices(
  options: TasmotaFleetOptions,
  onError: (error: Error) => void,
): TasmotaDevice[] {
  const { count, seed = 1, basePort = 0, faults = {} } = options;
  if (!Number.isInteger(count) || count < 0)
    throw new RangeError(`count must be a non-negative integer, got ${count}`);
  const mqtt = parseBrokerUrl(options.broker);
  return Array.from({ length: count }, (_, index) => {
    const initial = faults[index];
    return new TasmotaDevice({
      identity: tasmotaIdentity(seed, index),
      port: basePort === 0 ? 0 : basePort + index,
      mqtt,
      bootTimeMs: options.bootTimeMs ?? 2000,
      faults: new DeviceFaults(
        seededRandom(hashInts(seed, index, 0x7f)),
        initial === undefined ? [] : normaliseFaults(initial),
      ),
      webPassword: options.webPassword ?? '',
      teleIntervalMs: options.teleIntervalMs,
      backlogDelayMs: options.backlogDelayMs ?? 200,
      restartDelayMs: options.restartDelayMs ?? 100,
      downloadTimeoutMs: options.downloadTimeoutMs ?? 60_000,
      otaRetryMs: options.otaRetryMs ?? 200,
      onError,
    });
  });
}

export interface SerialAttachment {
  dir: string | undefined;
  close(): Promise<void>;
}

/** Gives the first `serialCount` devices a console on a socat PTY pair (`<dir>/ttySIM<i>` for the app). */
export async function attachSerialConsoles(
  devices: readonly TasmotaDevice[],
  options: TasmotaFleetOptions,
): Promise<SerialAttachment> {
  const wanted = options.serialCount ?? 0;
  if (wanted > devices.length)
    throw new RangeError(`serialCount ${wanted} > ${devices.length} Tasmota devices`);
  if (wanted === 0) return { dir: undefined, close: async () => undefined };
  const ownDir = options.serialDir === undefined;
  const dir = options.serialDir ?? mkdtempSync(join(tmpdir(), 'fieldbatch-sim-serial-'));
  const pairs: PtyPair[] = [];
  const consoles: SerialConsole[] = [];
  const close = async (): Promise<void> => {
    await Promise.all(consoles.map((c) => c.close()));
    await Promise.all(pairs.map((pair) => pair.close()));
    if (ownDir) rmSync(dir, { recursive: true, force: true });
  };
  try {
    for (let i = 0; i < wanted; i += 1) {
      const pair = await openPtyPair(dir, `ttySIM${i}`);
      pairs.push(pair);
      const device = devices[i];
      const serialConsole = await SerialConsole.open(pair.devicePath, (line) => device.fromSerial(line));
      consoles.push(serialConsole);
      device.attachConsole(serialConsole, pair.appPath);
    }
  } catch (error) {
    await close();
    throw error;
  }
  return { dir, close };
}

/** Starts `count` Tasmota devices (HTTP on 127.0.0.1, MQTT to `broker`, optional serial consoles). */
export async function startTasmotaFleet(options: TasmotaFleetOptions): Promise<TasmotaFleet> {
  const onError = (error: Error): void => console.error(`[tasmota-sim] ${error.message}`);
  const devices = createTasmotaDevices(options, onError);
  const serial = await attachSerialConsoles(devices, options);
  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      await Promise.allSettled(devices.map((device) => device.stop()));
      await serial.close();
    })();
    return stopping;
  };
  const started = await Promise.allSettled(devices.map((device) => device.start()));
  const failure = started.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failure !== undefined) {
    await stop();
    throw failure.reason;
  }
  return { devices, serialDir: serial.dir, stop };
}
