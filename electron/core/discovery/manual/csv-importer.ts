import type { CsvImportReport } from '../../../../shared/domain/discovery';
import type { DeviceId, DeviceSummary } from '../../../../shared/domain/device';
import type { DriverRegistry } from '../../drivers/driver-registry';
import type { IdentifiedDevice } from '../../drivers/device-driver';
import type { Clock, EventSink } from '../../ports';
import type { DeviceSighting } from '../../inventory/sighting-merge';
import type { DeviceRepository } from '../../storage/repositories/device-repository';
import { deviceIdFromMac } from '../device-identity';
import { probeAddress } from './address-prober';
import { parseDeviceCsv, type CsvDeviceRow, type CsvLineError } from './device-csv';

export interface CsvImporterOptions {
  devices: DeviceRepository;
  drivers: DriverRegistry;
  events: EventSink;
  clock: Clock;
  /** Rows probed at once. Default 16. */
  concurrency?: number;
  /** Per-row probe budget. Default 3 s. */
  timeoutMs?: number;
}

type Planned = { row: CsvDeviceRow; sighting: DeviceSighting | null; id: DeviceId };

/**
 * CSV import: parse and validate every row, probe the rows that give a host, then write every good row in ONE
 * transaction, so an import is either wholly applied (good rows) or not at all. Bad rows come back with their line.
 */
export class CsvImporter {
  constructor(private readonly options: CsvImporterOptions) {}

  async import(bytes: Uint8Array): Promise<CsvImportReport> {
    const { rows, errors } = parseDeviceCsv(bytes);
    const rowsRead = rows.length + errors.length;
    const planned: Planned[] = [];
    const queue = [...rows];
    const worker = async () => {
      for (let row = queue.shift(); row; row = queue.shift()) {
        const outcome = await this.plan(row);
        if ('reason' in outcome) errors.push(outcome);
        else planned.push(outcome);
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.options.concurrency ?? 16, queue.length) }, worker));
    planned.sort((a, b) => a.row.line - b.row.line);
    const changed = this.options.devices.transaction(() => planned.map((p) => this.write(p)));
    if (changed.length > 0) this.options.events.emit('devices.updated', { devices: changed });
    errors.sort((a, b) => a.line - b.line);
    return { rows: rowsRead, imported: planned.map((p) => p.id), errors };
  }

  private async plan(row: CsvDeviceRow): Promise<Planned | CsvLineError> {
    const at = this.options.clock.now();
    if (row.host) {
      const probe = await probeAddress(this.options.drivers, row.host, row.port, {
        signal: new AbortController().signal,
        timeoutMs: this.options.timeoutMs ?? 3_000,
      });
      if ('device' in probe) {
        if (row.mac && row.mac !== probe.device.mac) {
          return {
            line: row.line,
            reason: `${row.host}:${row.port} answers as ${probe.device.mac}, not ${row.mac}`,
          };
        }
        return {
          row,
          id: probe.device.id,
          sighting: { ...probe.device, source: 'manual', endpoint: probe.endpoint, at },
        };
      }
      if (!row.mac || !row.family) return { line: row.line, reason: probe.error };
    }
    // Known from the list only: added as "not seen yet"; a real sighting fills in model and firmware later.
    const id = deviceIdFromMac(row.mac!);
    if (this.options.devices.exists(id)) return { row, id, sighting: null };
    const device: IdentifiedDevice = {
      id,
      family: row.family!,
      name: null,
      model: 'unknown',
      product: null,
      generation: null,
      firmware: 'unknown',
      mac: row.mac!,
      raw: { importedFrom: 'csv', line: row.line },
    };
    const endpoint = row.host ? { transport: 'http' as const, host: row.host, port: row.port } : null;
    return { row, id, sighting: { ...device, source: 'manual', endpoint, online: false, at } };
  }

  private write({ row, sighting, id }: Planned): DeviceSummary {
    const { devices } = this.options;
    if (sighting) devices.recordSighting(sighting);
    return devices.update({
      id,
      ...(row.name ? { customName: row.name } : {}),
      ...(row.tags.length ? { tags: row.tags } : {}),
      ...(row.notes ? { notes: row.notes } : {}),
    })!;
  }
}
