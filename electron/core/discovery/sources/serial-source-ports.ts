import type { SerialPortStatus } from '../../../../shared/domain/discovery';
import { lookupUsbSerialChip, normalizeUsbId } from '../serial/vid-pid-table';

/** What `SerialPort.list()` returns per port (all optional strings but `path`), as far as we use it. */
export interface ListedPortInfo {
  path: string;
  manufacturer?: string;
  serialNumber?: string;
  vendorId?: string;
  productId?: string;
}

const text = (value: unknown, max: number): string | null =>
  typeof value === 'string' && value.trim() !== '' ? value.trim().slice(0, max) : null;

/**
 * A listed port → its status row (probe state idle). Garbage entries (no usable path) give null: a broken
 * driver or binding must not take the whole list down.
 */
export function statusFromListing(info: unknown): SerialPortStatus | null {
  if (typeof info !== 'object' || info === null) return null;
  const raw = info as Record<string, unknown>;
  const path = text(raw.path, 255);
  if (path === null) return null;
  const vendorId = normalizeUsbId(raw.vendorId);
  const productId = normalizeUsbId(raw.productId);
  const chip = lookupUsbSerialChip(vendorId, productId);
  return {
    path,
    manufacturer: text(raw.manufacturer, 100),
    serialNumber: text(raw.serialNumber, 100),
    vendorId,
    productId,
    chip: chip?.chip ?? null,
    likelyFamilies: chip?.likelyFamilies ?? [],
    listed: true,
    probe: 'idle',
    deviceId: null,
    lastError: null,
  };
}

/** A path the technician typed (PTYs and other ports the OS does not list). */
export function manualPortStatus(path: string): SerialPortStatus {
  return {
    path,
    manufacturer: null,
    serialNumber: null,
    vendorId: null,
    productId: null,
    chip: null,
    likelyFamilies: [],
    listed: false,
    probe: 'idle',
    deviceId: null,
    lastError: null,
  };
}

/** `SerialPort.list()` fails on Linux without udev (`spawn udevadm ENOENT`); say what to do instead. */
export function listErrorMessage(error: unknown): string {
  const e = error as { message?: unknown; code?: unknown };
  const message = typeof e?.message === 'string' ? e.message : String(error);
  if (/udevadm/.test(message) && (e?.code === 'ENOENT' || /ENOENT/.test(message))) {
    return 'cannot list serial ports (udev missing); type a port path instead';
  }
  return `cannot list serial ports: ${message}; type a port path instead`;
}
