import { readdir, readFile, realpath } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { ListedPortInfo } from '../sources/serial-source-ports';

/** Where Linux keeps what udev would tell; tests point these at a temp tree. */
export interface SysfsRoots {
  /** Default `/sys/class/tty`. */
  sysClassTty?: string;
  /** Default `/dev/serial/by-id` (made by udev rules, so often absent exactly when udev is). */
  byIdDir?: string;
  /** Where the port nodes live. Default `/dev`. */
  devDir?: string;
}

/** How far up from a tty's device we look for the USB device holding idVendor/idProduct. */
const MAX_USB_HOPS = 4;

const readText = async (file: string): Promise<string | undefined> => {
  try {
    const text = (await readFile(file, 'utf8')).trim();
    return text === '' ? undefined : text;
  } catch {
    return undefined;
  }
};

const entries = async (dir: string): Promise<string[]> => {
  try {
    return await readdir(dir);
  } catch {
    return [];
  }
};

/**
 * A tty's USB identity: its `device` link points at the USB interface (cdc_acm: `1-1:1.0`) or at a port
 * below it (usb-serial: `1-1:1.0/ttyUSB0`); the USB device a level or two up has idVendor, idProduct,
 * manufacturer and serial (Linux Documentation/ABI/stable/sysfs-bus-usb). Undefined for a tty that is not
 * on USB (ttyS* on the mainboard, virtual consoles without a `device`).
 */
async function usbPort(ttyDir: string, devDir: string): Promise<ListedPortInfo | undefined> {
  let dir: string;
  try {
    dir = await realpath(join(ttyDir, 'device'));
  } catch {
    return undefined;
  }
  for (let hop = 0; hop <= MAX_USB_HOPS; hop += 1, dir = dirname(dir)) {
    const vendorId = await readText(join(dir, 'idVendor'));
    const productId = await readText(join(dir, 'idProduct'));
    if (vendorId === undefined || productId === undefined) continue;
    const manufacturer = await readText(join(dir, 'manufacturer'));
    const serialNumber = await readText(join(dir, 'serial'));
    return {
      path: join(devDir, basename(ttyDir)),
      vendorId,
      productId,
      ...(manufacturer !== undefined ? { manufacturer } : {}),
      ...(serialNumber !== undefined ? { serialNumber } : {}),
    };
  }
  return undefined;
}

/**
 * Serial ports found without udev: every USB tty under `/sys/class/tty` (with VID:PID from sysfs), plus
 * whatever `/dev/serial/by-id` links to that sysfs did not give. Rejects only when neither place can be read,
 * so a machine without serial hardware lists nothing rather than failing.
 */
export async function listSysfsPorts(roots: SysfsRoots = {}): Promise<ListedPortInfo[]> {
  const sysClassTty = roots.sysClassTty ?? '/sys/class/tty';
  const byIdDir = roots.byIdDir ?? '/dev/serial/by-id';
  const devDir = roots.devDir ?? '/dev';
  let ttys: string[];
  try {
    ttys = await readdir(sysClassTty);
  } catch (error) {
    throw new Error(`cannot read ${sysClassTty}: ${(error as Error).message}`);
  }
  const ports = new Map<string, ListedPortInfo>();
  for (const name of ttys.sort()) {
    const port = await usbPort(join(sysClassTty, name), devDir);
    if (port) ports.set(port.path, port);
  }
  for (const link of (await entries(byIdDir)).sort()) {
    try {
      const path = await realpath(join(byIdDir, link));
      if (!ports.has(path)) ports.set(path, { path });
    } catch {
      // a dangling link: its device is gone
    }
  }
  return [...ports.values()];
}

/**
 * The OS list (`SerialPort.list()`, which needs udevadm on Linux) and, when that fails, the sysfs one.
 * Rejects with the first failure only when the fallback fails too, so "cannot list" means it.
 */
export async function listWithFallback(
  primary: () => Promise<unknown[]>,
  fallback: () => Promise<unknown[]>,
): Promise<unknown[]> {
  try {
    return await primary();
  } catch (error) {
    try {
      return await fallback();
    } catch {
      throw error;
    }
  }
}
