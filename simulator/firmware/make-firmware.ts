import { espChipInfo, parseEspChip, type EspChip } from './esp-chips';
import { buildEspImage, gzipImage } from './esp-image';
import { buildShellyFirmwareZip } from './shelly-zip';

export class MakeFirmwareError extends Error {
  override readonly name = 'MakeFirmwareError';
}

export type FirmwareRequest =
  | {
      family: 'tasmota';
      chip: string;
      version: string;
      build?: string;
      gz?: boolean;
      factory?: boolean;
      /** Leave `esp_app_desc_t.version` empty, as some real Tasmota ESP32 builds do. */
      emptyAppDescVersion?: boolean;
      size?: number;
    }
  | { family: 'shelly'; app: string; version: string; buildId?: string; platform?: string; size?: number };

export interface FirmwareFile {
  fileName: string;
  bytes: Buffer;
}

function chipOf(text: string): EspChip {
  const chip = parseEspChip(text);
  if (chip === undefined)
    throw new MakeFirmwareError(
      `unknown chip "${text}" (esp8266, esp32, esp32s2, esp32s3, esp32c2, esp32c3, esp32c6, esp32h2)`,
    );
  return chip;
}

/**
 * Tasmota: named like the release files (`tasmota.bin.gz`, `tasmota32c3.bin`, `tasmota32.factory.bin`, see
 * ota.tasmota.com), with the version added after the build name so several versions can share a folder
 * (the release server puts it in the folder name, `release-14.4.0/`). Shelly: `<app>-<version>.zip`, the
 * directory name mgos_fw_meta.py uses inside the zip.
 */
function makeTasmota(request: Extract<FirmwareRequest, { family: 'tasmota' }>): FirmwareFile {
  const chip = chipOf(request.chip);
  if (request.factory && request.gz) throw new MakeFirmwareError('a factory image is not gzipped');
  const build = request.build ?? espChipInfo(chip).tasmotaBuild;
  const image = buildEspImage({
    chip,
    version: request.version,
    build,
    versionInAppDesc: !request.emptyAppDescVersion,
    kind: request.factory ? 'factory' : 'ota',
    ...(request.size !== undefined ? { payloadSize: request.size } : {}),
  });
  const stem = `${espChipInfo(chip).tasmotaBuild}-${request.version}${request.factory ? '.factory' : ''}.bin`;
  return request.gz ? { fileName: `${stem}.gz`, bytes: gzipImage(image) } : { fileName: stem, bytes: image };
}

function makeShelly(request: Extract<FirmwareRequest, { family: 'shelly' }>): FirmwareFile {
  if (!/^[A-Za-z0-9_]+$/.test(request.app))
    throw new MakeFirmwareError(`app "${request.app}" is not an app name like Plus1PM`);
  const bytes = buildShellyFirmwareZip({
    app: request.app,
    version: request.version,
    buildId: request.buildId ?? `20260101-000000/${request.version}-gsimfw00`,
    ...(request.platform !== undefined ? { platform: request.platform } : {}),
    ...(request.size !== undefined ? { partSize: request.size } : {}),
  });
  return { fileName: `${request.app}-${request.version}.zip`, bytes };
}

/** Builds one real-format firmware file for tests and the demo (see ./README.md). */
export function makeFirmware(request: FirmwareRequest): FirmwareFile {
  if (!/^\d+(\.\d+){1,3}$/.test(request.version)) {
    throw new MakeFirmwareError(`version "${request.version}" is not like 14.4.0`);
  }
  return request.family === 'tasmota' ? makeTasmota(request) : makeShelly(request);
}
