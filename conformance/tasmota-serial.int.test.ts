import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SerialPort } from 'serialport';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPtyPair, type PtyPair } from '../simulator/serial/pty-pair';
import { TasmotaDriver } from '../electron/core/drivers/tasmota/tasmota-driver';
import { HttpClient } from '../electron/core/transport/http-client';
import { SerialSessionRegistry } from '../electron/core/transport/serial-session-registry';
import { readFixtureLines } from './fixture-files';

// A real Tasmota console capture (fixtures/real-devices/tasmota/console/15.4.0-esp32-nspanel-mqtt.log) played
// back over a socat PTY: typed `Status0` gets the lines the device printed for it, `Status 0` the section
// lines. Run inside scripts/netns.sh.

const CAPTURE = '15.4.0-esp32-nspanel-mqtt.log';
const lines = readFixtureLines('tasmota/console', CAPTURE);

/** The capture's lines from the first `CMD:` matching `command` through the first line matching `last`. */
function block(command: RegExp, last: RegExp): string[] {
  const start = lines.findIndex((l) => command.test(l));
  const end = lines.findIndex((l, i) => i > start && last.test(l));
  if (start < 0 || end < 0) throw new Error(`${CAPTURE} has no ${String(command)} … ${String(last)} block`);
  return lines.slice(start, end + 1);
}

// Tasmota logs a command as `CMD: Grp 0, Cmd 'STATUS', Idx <index>, Len …, Data '<value>'` (support_command.ino).
const ANSWERS: [RegExp, string[]][] = [
  [/^status0$/i, block(/CMD: .*Cmd 'STATUS', Idx 0, Len 0/, /\/STATUS0 = /)],
  [/^status 0$/i, block(/CMD: .*Cmd 'STATUS', Idx 1, Len 1, Pld 0/, /\/STATUS11 = /)],
];

let dir: string;
let pair: PtyPair;
let device: SerialPort;
const typed: string[] = [];
const http = new HttpClient({ timeoutMs: 1_000, maxBodyBytes: 64 * 1024 });
const serial = new SerialSessionRegistry({ livenessIntervalMs: 100 });
const driver = new TasmotaDriver({ http, serial, commandTimeoutMs: 3_000 });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'fieldbatch-conformance-serial-'));
  pair = await openPtyPair(dir, 'ttyREAL');
  device = new SerialPort({ path: pair.devicePath, baudRate: 115200, autoOpen: false });
  device.on('error', () => undefined);
  await new Promise<void>((resolve, reject) => device.open((e) => (e ? reject(e) : resolve())));
  let pending = '';
  device.on('data', (chunk: Buffer) => {
    pending += chunk.toString('latin1');
    for (let lf = pending.indexOf('\n'); lf !== -1; lf = pending.indexOf('\n')) {
      const line = pending.slice(0, lf).replace(/\r/g, '').trim();
      pending = pending.slice(lf + 1);
      typed.push(line);
      const answer = ANSWERS.find(([pattern]) => pattern.test(line))?.[1];
      if (answer) device.write(answer.map((l) => `${l}\n`).join(''));
    }
  });
});

afterAll(async () => {
  await serial.closeAll();
  http.close();
  await new Promise<void>((resolve) => device.close(() => resolve()));
  await pair.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a real Tasmota console played back over a PTY', () => {
  it('is identified from the lines it printed, as the device it was', async () => {
    const identified = await driver.identify(
      { transport: 'serial', path: pair.appPath, baudRate: 115200 },
      { signal: AbortSignal.timeout(10_000) },
    );
    expect(identified).toMatchObject({
      family: 'tasmota',
      mac: 'c049effa6938',
      firmware: '15.4.0(release-tasmota32)',
      chip: 'ESP32',
    });
    expect(typed.some((line) => ANSWERS.some(([pattern]) => pattern.test(line)))).toBe(true);
  });
});
