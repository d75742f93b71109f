import type { DeviceId } from '../../shared/domain/device';
import type { DeviceRepository } from '../../electron/core/storage/repositories/device-repository';

/** Puts `count` Shelly devices into the inventory at 127.0.0.1:(basePort+i); returns their ids. */
export function seedDevices(devices: DeviceRepository, count: number, basePort = 20_000): DeviceId[] {
  return Array.from({ length: count }, (_, i) => {
    const mac = (0xa8032a000000 + i).toString(16).padStart(12, '0');
    const id = `mac:${mac}` as DeviceId;
    devices.recordSighting({
      id,
      family: 'shelly',
      name: `Device ${String(i).padStart(3, '0')}`,
      model: 'SNSW-001P16EU',
      product: 'Plus1PM',
      generation: 2,
      firmware: '1.4.2',
      mac,
      raw: { mac },
      source: 'mdns',
      endpoint: { transport: 'http', host: '127.0.0.1', port: basePort + i },
      at: 1_000,
    });
    return id;
  });
}
