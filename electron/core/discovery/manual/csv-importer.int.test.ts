import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startShellyFleet, type ShellyFleet } from '../../../../simulator';
import { createCoreHarness } from '../../../../test-support/core/core-harness';
import { CsvImporter } from './csv-importer';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('CsvImporter against the simulated fleet', () => {
  let fleet: ShellyFleet;
  beforeAll(async () => {
    fleet = await startShellyFleet({ count: 2, seed: 93, mdns: false });
  });
  afterAll(() => fleet.stop());

  it('imports reachable and list-only rows together, reports bad rows by line, writes nothing for them', async () => {
    const h = createCoreHarness();
    const [a, b] = fleet.devices;
    const csv = [
      'host,port,name,tags,mac,family,notes',
      `127.0.0.1,${a!.port},Boiler,floor-1;boiler,,,`,
      `127.0.0.1,1,Ghost,,,,`,
      `,,Spare,spares,A4:CF:12:B3:C4:D5,tasmota,in the van`,
      `127.0.0.1,${b!.port},Wrong mac,,00:11:22:33:44:55,shelly,`,
      `not a host!,80,,,,,`,
    ].join('\n');
    const importer = new CsvImporter({
      devices: h.devices,
      drivers: h.drivers,
      events: h.events,
      clock: h.clock,
    });
    const report = await importer.import(bytes(csv));
    expect(report.rows).toBe(5);
    expect(report.imported.sort()).toEqual([`mac:${a!.mac.toLowerCase()}`, 'mac:a4cf12b3c4d5'].sort());
    expect(report.errors).toEqual([
      { line: 3, reason: expect.stringMatching(/^no known device answered at 127.0.0.1:1/) },
      { line: 5, reason: `127.0.0.1:${b!.port} answers as ${b!.mac.toLowerCase()}, not 001122334455` },
      { line: 6, reason: 'host "not a host!" is not an IP address or host name' },
    ]);
    expect(h.devices.get(`mac:${a!.mac.toLowerCase()}` as never)).toMatchObject({
      name: 'Boiler',
      tags: ['boiler', 'floor-1'],
      online: true,
      sources: ['manual'],
    });
    expect(h.devices.get('mac:a4cf12b3c4d5' as never)).toMatchObject({
      family: 'tasmota',
      name: 'Spare',
      online: false,
      tags: ['spares'],
    });
    expect(h.devices.detail('mac:a4cf12b3c4d5' as never)!.notes).toBe('in the van');
    expect(h.devices.list()).toHaveLength(2);
    expect(
      h.events
        .of('devices.updated')
        .flatMap((p) => p.devices.map((d) => d.id))
        .sort(),
    ).toEqual(report.imported.sort());
    h.close();
  });

  it('does not overwrite what a real sighting knows when a list row names a known device', async () => {
    const h = createCoreHarness();
    const a = fleet.devices[0]!;
    const importer = new CsvImporter({
      devices: h.devices,
      drivers: h.drivers,
      events: h.events,
      clock: h.clock,
    });
    await importer.import(bytes(`host,port\n127.0.0.1,${a.port}\n`));
    await importer.import(bytes(`mac,family,name\n${a.mac},shelly,Renamed\n`));
    expect(h.devices.get(`mac:${a.mac.toLowerCase()}` as never)).toMatchObject({
      model: a.model,
      firmware: a.ver,
      name: 'Renamed',
    });
    h.close();
  });

  it('imports nothing from a file that is not UTF-8', async () => {
    const h = createCoreHarness();
    const importer = new CsvImporter({
      devices: h.devices,
      drivers: h.drivers,
      events: h.events,
      clock: h.clock,
    });
    const report = await importer.import(new Uint8Array([0x68, 0x6f, 0x73, 0x74, 0x0a, 0xc3, 0x28]));
    expect(report).toEqual({
      rows: 1,
      imported: [],
      errors: [{ line: 1, reason: 'the file is not UTF-8 text (save it as "CSV UTF-8")' }],
    });
    expect(h.devices.list()).toEqual([]);
    h.close();
  });
});
