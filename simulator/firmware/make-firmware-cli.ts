import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { makeFirmware, MakeFirmwareError, type FirmwareRequest } from './make-firmware';

export const MAKE_FIRMWARE_USAGE = `Usage: npm run sim -- make-firmware --family tasmota|shelly --version <v> --out <dir> [options]

Tasmota (an ESP image; see simulator/firmware/README.md)
  --chip <chip>         esp8266 | esp32 | esp32s2 | esp32s3 | esp32c2 | esp32c3 | esp32c6 | esp32h2
  --build <name>        build name the device reports in Version(<build>) (default: tasmota, tasmota32c3, ...)
  --gz                  write the .bin.gz (ESP8266 Tasmota takes it; ESP32 Tasmota refuses it)
  --factory             write the factory image (bootloader + partition table + app); never for OTA
  --empty-version       leave the app descriptor version empty, as some real ESP32 builds do
Shelly Gen2+ (a Mongoose OS zip)
  --app <app>           the device app, e.g. Plus1PM (manifest name)
  --build-id <id>       manifest build_id, the fw_id after the update (default 20260101-000000/<v>-gsimfw00)
  --platform <p>        manifest platform (default esp32)
Both
  --size <bytes>        approximate size of the image / app part (default 65536)

Examples
  npm run sim -- make-firmware --family tasmota --chip esp8266 --version 14.4.0 --gz --out /tmp/fw
  npm run sim -- make-firmware --family shelly --app Plus1PM --version 1.6.0 --out /tmp/fw`;

function request(values: Record<string, string | boolean | undefined>): FirmwareRequest {
  const text = (name: string): string | undefined => values[name] as string | undefined;
  const version = text('version');
  if (version === undefined) throw new MakeFirmwareError('--version is required');
  const size = text('size') === undefined ? undefined : Number(text('size'));
  if (size !== undefined && (!Number.isInteger(size) || size <= 0))
    throw new MakeFirmwareError('--size must be a positive integer');
  if (values.family === 'tasmota') {
    const chip = text('chip');
    if (chip === undefined) throw new MakeFirmwareError('--chip is required for Tasmota');
    return {
      family: 'tasmota',
      chip,
      version,
      build: text('build'),
      gz: values.gz === true,
      factory: values.factory === true,
      emptyAppDescVersion: values['empty-version'] === true,
      size,
    };
  }
  if (values.family === 'shelly') {
    const app = text('app');
    if (app === undefined) throw new MakeFirmwareError('--app is required for Shelly');
    return { family: 'shelly', app, version, buildId: text('build-id'), platform: text('platform'), size };
  }
  throw new MakeFirmwareError('--family must be tasmota or shelly');
}

/** `make-firmware`: writes one file into --out and prints its path; returns the path. */
export function runMakeFirmware(argv: string[]): string {
  const { values } = parseArgs({
    args: argv,
    options: {
      family: { type: 'string' },
      chip: { type: 'string' },
      version: { type: 'string' },
      build: { type: 'string' },
      gz: { type: 'boolean' },
      factory: { type: 'boolean' },
      'empty-version': { type: 'boolean' },
      app: { type: 'string' },
      'build-id': { type: 'string' },
      platform: { type: 'string' },
      size: { type: 'string' },
      out: { type: 'string' },
    },
  });
  const out = values.out;
  if (out === undefined) throw new MakeFirmwareError('--out is required');
  const file = makeFirmware(request(values));
  mkdirSync(out, { recursive: true });
  const path = join(out, file.fileName);
  writeFileSync(path, file.bytes);
  return path;
}
