import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SerialPort } from 'serialport';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openPtyPair, type PtyPair } from '../../../simulator/serial/pty-pair';
import { DeviceError } from '../device-error';
import { isControlChar } from './line-splitter';
import { SerialPortBusyError, type SerialSession } from './serial-session';
import { SerialSessionRegistry } from './serial-session-registry';

const WAIT = { timeout: 10_000, interval: 20 };

/** The device end of a PTY pair, opened the way the simulator opens it. */
function openDeviceEnd(path: string): Promise<SerialPort> {
  return new Promise((resolve, reject) => {
    const port = new SerialPort({ path, baudRate: 115200, autoOpen: false });
    port.on('error', () => undefined);
    port.open((error) => (error ? reject(error) : resolve(port)));
  });
}

describe('SerialSession over a socat PTY pair', () => {
  let dir: string;
  let pair: PtyPair;
  let device: SerialPort;
  let registry: SerialSessionRegistry;
  const extra: (() => Promise<unknown>)[] = [];

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'fieldbatch-serial-session-'));
    pair = await openPtyPair(dir, 'ttyT0');
    device = await openDeviceEnd(pair.devicePath);
    registry = new SerialSessionRegistry({ maxLineBytes: 1024 });
  });

  afterEach(async () => {
    await registry.closeAll();
    if (device.isOpen) await new Promise((resolve) => device.close(resolve));
    for (const cleanup of extra.splice(0).reverse()) await cleanup();
    await pair.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Replies to each command line with `reply(line)`, written in the given chunks. */
  function answer(reply: (line: string) => (string | Buffer)[]): void {
    let pending = '';
    device.on('data', (chunk: Buffer) => {
      pending += chunk.toString('latin1');
      for (let lf = pending.indexOf('\n'); lf !== -1; lf = pending.indexOf('\n')) {
        const line = pending.slice(0, lf);
        pending = pending.slice(lf + 1);
        for (const part of reply(line)) device.write(part);
      }
    });
  }

  it('sends a line and resolves with the first reply match accepts, through noise and split lines', async () => {
    answer((line) => [
      Buffer.from([0x00, 0xff, 0xfe, 0x1b, 0x80]),
      `12:00:01.234 CMD: ${line}\r\n12:00:01.236 MQT: tele/x/STATE = {"Up`,
      'time":1}\r\n12:00:01.240 RSL: STA',
      'TUS0 = {"Status":{"Module":1}}\r\n',
    ]);
    const session = await registry.open(pair.appPath, 115200);
    const seen: string[] = [];
    session.onLine((line) => seen.push(line));
    const reply = await session.request(
      'Status 0',
      (line) => (line.includes('RSL: STATUS0 = ') ? line.split(' = ')[1] : undefined),
      {
        timeoutMs: 5_000,
      },
    );
    expect(reply).toBe('{"Status":{"Module":1}}');
    expect(seen.some((l) => l.endsWith('CMD: Status 0'))).toBe(true);
    expect([...seen.join('')].some((c) => isControlChar(c.charCodeAt(0)))).toBe(false);
  });

  it('caps an endless line and still reads the next one', async () => {
    answer(() => ['A'.repeat(50_000), '\r\n12:00:01.240 RSL: RESULT = {"ok":1}\r\n']);
    const session = await registry.open(pair.appPath, 115200);
    const lengths: number[] = [];
    session.onLine((line) => lengths.push(line.length));
    const reply = await session.request('go', (line) => (line.includes('RESULT') ? line : undefined), {
      timeoutMs: 5_000,
    });
    expect(reply).toMatch(/RESULT = \{"ok":1\}$/);
    expect(lengths[0]).toBe(1024);
  });

  it('times out, honours an abort, and fails fast once closed', async () => {
    const session = await registry.open(pair.appPath, 115200);
    const timedOut = await session
      .request('Status 0', () => undefined, { timeoutMs: 100 })
      .catch((e: unknown) => e);
    expect(timedOut).toBeInstanceOf(DeviceError);
    expect((timedOut as DeviceError).reason).toBe('timeout');
    const controller = new AbortController();
    const pending = session.request('Status 0', () => undefined, {
      timeoutMs: 10_000,
      signal: controller.signal,
    });
    controller.abort(new Error('job canceled'));
    await expect(pending).rejects.toThrow('job canceled');
    await session.close();
    await expect(session.request('x', () => true, { timeoutMs: 1_000 })).rejects.toMatchObject({
      reason: 'unreachable',
    });
  });

  it('is exclusive: a second open is a typed error, from this app or from another program', async () => {
    const session = await registry.open(pair.appPath, 115200);
    await expect(registry.open(pair.appPath, 115200)).rejects.toThrow(SerialPortBusyError);
    await expect(registry.open(pair.appPath, 115200)).rejects.toThrow(/already in use by Fieldbatch/);
    expect(registry.get(pair.appPath)).toBe(session);

    const otherProgram = new SerialSessionRegistry();
    const refused = await otherProgram.open(pair.appPath, 115200).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(SerialPortBusyError);
    expect((refused as Error).message).toBe(`serial port ${pair.appPath} is in use by another program`);

    await session.close();
    expect(registry.get(pair.appPath)).toBeUndefined();
    const again = await registry.open(pair.appPath, 115200);
    expect(again.isOpen).toBe(true);
  });

  it('refuses a path that does not exist with a clear message', async () => {
    await expect(registry.open(join(dir, 'ttyNope'), 115200)).rejects.toMatchObject({
      reason: 'unreachable',
      message: `serial port ${join(dir, 'ttyNope')} does not exist (unplugged, or a typo in the path?)`,
    });
    expect(registry.isHeld(join(dir, 'ttyNope'))).toBe(false);
  });

  it('reports unplugged when socat dies, fails the pending request, and opens again after a replug', async () => {
    const session: SerialSession = await registry.open(pair.appPath, 115200);
    const unplugged: Error[] = [];
    session.on('unplugged', (error) => unplugged.push(error));
    // Kill only once the line reached the device, so the request is waiting for a reply, not still writing.
    const received = new Promise((resolve) => device.once('data', resolve));
    const pending = session
      .request('Status 0', () => undefined, { timeoutMs: 10_000 })
      .catch((e: unknown) => e);
    await received;

    process.kill(pair.pid, 'SIGKILL');
    await vi.waitFor(() => expect(unplugged).toHaveLength(1), WAIT);
    expect(await pending).toMatchObject({
      reason: 'unreachable',
      message: expect.stringMatching(/closed during the request/),
    });
    expect(session.isOpen).toBe(false);
    expect(registry.isHeld(pair.appPath)).toBe(false);

    const replugged = await openPtyPair(dir, 'ttyT0');
    extra.push(() => replugged.close());
    const deviceAgain = await openDeviceEnd(replugged.devicePath);
    extra.push(() => new Promise((resolve) => deviceAgain.close(resolve)));
    const reopened = await registry.open(replugged.appPath, 115200);
    deviceAgain.on('data', () => deviceAgain.write('12:00:01.240 RSL: RESULT = {"back":1}\r\n'));
    await expect(
      reopened.request('hello', (line) => (line.includes('back') ? 'yes' : undefined), { timeoutMs: 5_000 }),
    ).resolves.toBe('yes');
  });
});
