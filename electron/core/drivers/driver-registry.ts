import type { DeviceFamily } from '../../../shared/domain/device';
import type { AnnouncedService, DeviceDriver } from './device-driver';

/** family → driver. Built once at the composition root. */
export class DriverRegistry {
  private readonly byFamily = new Map<DeviceFamily, DeviceDriver>();

  constructor(drivers: readonly DeviceDriver[]) {
    for (const driver of drivers) {
      if (this.byFamily.has(driver.family)) throw new Error(`two drivers for family ${driver.family}`);
      this.byFamily.set(driver.family, driver);
    }
  }

  get(family: DeviceFamily): DeviceDriver | null {
    return this.byFamily.get(family) ?? null;
  }

  all(): DeviceDriver[] {
    return [...this.byFamily.values()];
  }

  /** The driver that recognises an announced service, if any. */
  forService(service: AnnouncedService): DeviceDriver | null {
    for (const driver of this.byFamily.values()) {
      if (driver.mdnsServiceTypes.includes(service.type) && driver.recognizes(service)) return driver;
    }
    return null;
  }

  /** Every mDNS service type some driver wants browsed. */
  mdnsServiceTypes(): string[] {
    return [...new Set([...this.byFamily.values()].flatMap((d) => d.mdnsServiceTypes))];
  }
}
