import type { Migration } from './migration';

/**
 * The chip each device reported (Tasmota `StatusFWR.Hardware`, ESPHome TXT `platform`/`board`): firmware
 * images match on it, and it must outlive sightings that cannot tell it (Tasmota's MQTT discovery config
 * carries no chip), so it is a column of its own rather than read from the last identify payload. Devices
 * stored before get it at their next identification.
 */
export const migration0008DeviceChip: Migration = {
  version: 8,
  name: 'device-chip',
  sql: `
ALTER TABLE devices ADD COLUMN chip TEXT;
`,
};
