import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listSysfsPorts, listWithFallback } from './sysfs-port-list';

// A small copy of what Linux shows: a CP2102 (usb-serial: the tty sits below the interface), an ESP32-S3's
// own USB (cdc_acm: the tty's device is the interface), a mainboard ttyS0 and a virtual console.
describe('listing serial ports without udev (sysfs)', () => {
  let root: string;
  const sys = () => join(root, 'sys/class/tty');
  const dev = () => join(root, 'dev');
  const byId = () => join(root, 'dev/serial/by-id');

  function usbDevice(path: string, files: Record<string, string>) {
    mkdirSync(join(root, path), { recursive: true });
    for (const [name, text] of Object.entries(files)) writeFileSync(join(root, path, name), `${text}\n`);
  }

  function tty(name: string, devicePath: string | null) {
    mkdirSync(join(sys(), name), { recursive: true });
    if (devicePath !== null) {
      mkdirSync(join(root, devicePath), { recursive: true });
      symlinkSync(join(root, devicePath), join(sys(), name, 'device'));
    }
    writeFileSync(join(dev(), name), '');
  }

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'fieldbatch-sysfs-'));
    mkdirSync(dev(), { recursive: true });
    usbDevice('devices/usb1/1-1', {
      idVendor: '10c4',
      idProduct: 'ea60',
      manufacturer: 'Silicon Labs',
      serial: '0001',
    });
    tty('ttyUSB0', 'devices/usb1/1-1/1-1:1.0/ttyUSB0');
    usbDevice('devices/usb1/1-2', { idVendor: '303a', idProduct: '1001' });
    tty('ttyACM0', 'devices/usb1/1-2/1-2:1.0');
    tty('ttyS0', 'devices/platform/serial8250');
    tty('tty1', null);
  });

  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('lists the USB ttys with VID:PID, maker and serial number, and leaves the others out', async () => {
    expect(await listSysfsPorts({ sysClassTty: sys(), byIdDir: byId(), devDir: dev() })).toEqual([
      { path: join(dev(), 'ttyACM0'), vendorId: '303a', productId: '1001' },
      {
        path: join(dev(), 'ttyUSB0'),
        vendorId: '10c4',
        productId: 'ea60',
        manufacturer: 'Silicon Labs',
        serialNumber: '0001',
      },
    ]);
  });

  it('adds ports only /dev/serial/by-id knows, once, and skips its dangling links', async () => {
    mkdirSync(byId(), { recursive: true });
    writeFileSync(join(dev(), 'ttyUSB7'), '');
    symlinkSync(join(dev(), 'ttyUSB7'), join(byId(), 'usb-FTDI_FT232R_A1-if00-port0'));
    symlinkSync(join(dev(), 'ttyUSB0'), join(byId(), 'usb-Silicon_Labs_CP2102_0001-if00-port0'));
    symlinkSync(join(dev(), 'ttyUSB9'), join(byId(), 'usb-gone-if00-port0'));
    const ports = await listSysfsPorts({ sysClassTty: sys(), byIdDir: byId(), devDir: dev() });
    expect(ports.map((p) => [p.path, p.vendorId ?? null])).toEqual([
      [join(dev(), 'ttyACM0'), '303a'],
      [join(dev(), 'ttyUSB0'), '10c4'],
      [join(dev(), 'ttyUSB7'), null],
    ]);
  });

  it('lists nothing on a machine without USB serial ports, and fails only when sysfs cannot be read', async () => {
    rmSync(join(root, 'sys'), { recursive: true });
    mkdirSync(sys(), { recursive: true });
    expect(await listSysfsPorts({ sysClassTty: sys(), byIdDir: byId(), devDir: dev() })).toEqual([]);
    await expect(listSysfsPorts({ sysClassTty: join(root, 'nope'), byIdDir: byId() })).rejects.toThrow(
      /cannot read .*nope/,
    );
  });

  it('uses the fallback only when the OS list fails, and keeps the first error when both fail', async () => {
    const udevMissing = Object.assign(new Error('spawn udevadm ENOENT'), { code: 'ENOENT' });
    const sysfs = () => Promise.resolve([{ path: '/dev/ttyUSB0' }]);
    expect(await listWithFallback(() => Promise.resolve([{ path: '/dev/ttyS4' }]), sysfs)).toEqual([
      { path: '/dev/ttyS4' },
    ]);
    expect(await listWithFallback(() => Promise.reject(udevMissing), sysfs)).toEqual([
      { path: '/dev/ttyUSB0' },
    ]);
    await expect(
      listWithFallback(
        () => Promise.reject(udevMissing),
        () => Promise.reject(new Error('no sysfs')),
      ),
    ).rejects.toBe(udevMissing);
  });
});
