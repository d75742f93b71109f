import { createHash } from 'node:crypto';
import { fillerBytes } from './esp-image-builder';
import { writeZip, type ZipEntry } from './zip-writer';

export interface ShellyZipOptions {
  /** The device `app` the firmware is for (`Plus1PM`); the manifest `name`. */
  app: string;
  /** Manifest `version`: the `ver` the device reports after the update. */
  version: string;
  /** Manifest `build_id`: the `fw_id` the device reports after the update. */
  buildId: string;
  /** Manifest `platform`; default 'esp32'. */
  platform?: string;
  /** Size of the `app` part; default 64 KiB. */
  partSize?: number;
  /** Bad input on purpose, for tests of what a device refuses. */
  tamper?: ShellyZipTamper;
}

export type ShellyZipTamper =
  | 'no-manifest' // the zip holds the parts only
  | 'part-size' // the manifest states a wrong `size` for the app part
  | 'part-sha1' // the manifest states a wrong `cs_sha1` for the app part
  | 'missing-part' // the manifest names a part file the zip does not hold
  | 'deflate'; // valid, but entries are deflated (real zips are stored; devices read both)

const sha1 = (data: Buffer): string => createHash('sha1').update(data).digest('hex');

/**
 * A Shelly Gen2+ (Mongoose OS) firmware zip as cesanta/mongoose-os `tools/mgos_fw_meta.py` `create_fw`
 * writes it: everything under the directory `<name>-<version>/`, the manifest `manifest.json` (JSON, keys
 * sorted, indent 2), each part's `src` file next to it, all stored (`ZIP_STORED`). `create_manifest` gives
 * every part `size` and `cs_sha1` of its file.
 */
export function buildShellyFirmwareZip(options: ShellyZipOptions): Buffer {
  const { app, version, tamper } = options;
  const dir = `${app}-${version}`;
  const appPart = fillerBytes(options.partSize ?? 64 * 1024, `${app}/${version}/app`);
  const fsPart = fillerBytes(4096, `${app}/${version}/fs`);
  const parts: Record<string, Record<string, unknown>> = {
    app: { addr: 0x10000, cs_sha1: sha1(appPart), size: appPart.length, src: `${app}.bin`, type: 'app' },
    fs: {
      addr: 0x3d0000,
      cs_sha1: sha1(fsPart),
      fs_size: 196608,
      size: fsPart.length,
      src: 'fs.img',
      type: 'fs',
    },
  };
  if (tamper === 'part-size') parts.app.size = appPart.length + 1;
  if (tamper === 'part-sha1') parts.app.cs_sha1 = sha1(Buffer.from('something else'));
  const manifest = {
    build_id: options.buildId,
    build_timestamp: '2026-01-01T00:00:00Z',
    name: app,
    parts,
    platform: options.platform ?? 'esp32',
    version,
  };
  const method = tamper === 'deflate' ? 'deflate' : 'store';
  const entries: ZipEntry[] = [];
  if (tamper !== 'no-manifest') {
    entries.push({
      name: `${dir}/manifest.json`,
      data: Buffer.from(JSON.stringify(manifest, null, 2)),
      method,
    });
  }
  if (tamper !== 'missing-part') entries.push({ name: `${dir}/${app}.bin`, data: appPart, method });
  entries.push({ name: `${dir}/fs.img`, data: fsPart, method });
  return writeZip(entries);
}
