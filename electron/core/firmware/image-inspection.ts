import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import type { FirmwareFormat, FirmwareKind } from '../../../shared/domain/firmware';
import { ByteFeeder } from './byte-feeder';
import { inspectEspFlash, type EspFlashInspection } from './esp-flash-image';
import { corruptImage } from './firmware-errors';
import { inspectShellyZip } from './shelly-fw-zip';

/** What a firmware file says about itself, read from its bytes. */
export interface ImageInspection {
  format: FirmwareFormat;
  kind: FirmwareKind;
  /** ESP chip (`ESP32-C3`); null for Shelly zips. */
  chip: string | null;
  /** `esp_app_desc_t.project_name`, when the image has one. */
  project: string | null;
  /** The version the file states (app description or manifest); null when it states none. */
  version: string | null;
  /** Shelly: the manifest `name`, the device `app` it is for. */
  app: string | null;
  /** Shelly: the manifest `build_id`, the device's `fw_id` after the update. */
  fwId: string | null;
}

/** A `.bin.gz` inflating beyond this is refused: no ESP flash image is larger (a gzip bomb is). */
export const MAX_INFLATED_BYTES = 32 * 1024 * 1024;

const GZIP = Buffer.from([0x1f, 0x8b]);
const ZIP = Buffer.from('PK\x03\x04', 'latin1');
const startsWith = (head: Buffer, magic: Buffer) => head.subarray(0, magic.length).equals(magic);

type Claimed = 'bin' | 'gz' | 'zip' | null;
function claimedByName(fileName: string): Claimed {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.gz')) return 'gz';
  if (lower.endsWith('.bin')) return 'bin';
  if (lower.endsWith('.zip')) return 'zip';
  return null;
}

/**
 * Reads a complete firmware file (already on disk) by its bytes: an ESP image or factory image (`.bin`, every
 * image's checksum and hash checked), the same gzipped (`.bin.gz`, inflated as a stream under
 * MAX_INFLATED_BYTES), or a Shelly Gen2+ zip (manifest read, every part's size and SHA-1 checked). A file
 * whose name claims one of these but whose bytes are not that is refused, as is anything else.
 * Throws FirmwareImportError('corrupt') with the reason.
 */
export async function inspectImageFile(
  path: string,
  fileName: string,
  head: Buffer,
): Promise<ImageInspection> {
  const claimed = claimedByName(fileName);
  const isGzip = startsWith(head, GZIP);
  const isZip = startsWith(head, ZIP);
  const isEsp = head.length > 0 && (head[0] === 0xe9 || head[0] === 0xff);
  if (claimed === 'bin' && !isEsp)
    throw corruptImage('not an ESP firmware image (a .bin starts with byte E9)', fileName);
  if (claimed === 'gz' && !isGzip) throw corruptImage('not a gzip file', fileName);
  if (claimed === 'zip' && !isZip) throw corruptImage('not a zip file', fileName);
  if (isZip) return inspectZip(path, fileName);
  if (isGzip) return espInspection('esp-image-gz', await readEsp(path, fileName, true), fileName);
  if (isEsp) return espInspection('esp-image', await readEsp(path, fileName, false), fileName);
  throw corruptImage(
    'not a firmware file: neither an ESP image (.bin), a gzipped one (.bin.gz) nor a zip',
    fileName,
  );
}

function espInspection(
  format: FirmwareFormat,
  result: EspFlashInspection,
  fileName: string,
): ImageInspection {
  if (!result.ok) throw corruptImage(result.problem, fileName);
  return {
    format,
    kind: result.kind,
    chip: result.chip,
    project: result.appDesc?.projectName ?? null,
    version: result.appDesc?.version ?? null,
    app: null,
    fwId: null,
  };
}

async function readEsp(path: string, fileName: string, gzipped: boolean): Promise<EspFlashInspection> {
  const feeder = new ByteFeeder(inspectEspFlash());
  const file = createReadStream(path, { highWaterMark: 64 * 1024 });
  if (!gzipped) {
    for await (const chunk of file) {
      feeder.push(chunk as Buffer);
      if (feeder.done) break;
    }
    file.destroy();
    return feeder.end();
  }
  const gunzip = createGunzip();
  let inflated = 0;
  try {
    for await (const chunk of file.pipe(gunzip)) {
      inflated += (chunk as Buffer).length;
      if (inflated > MAX_INFLATED_BYTES) {
        throw corruptImage(
          `it inflates to more than ${MAX_INFLATED_BYTES / 1024 / 1024} MiB (a gzip bomb?)`,
          fileName,
        );
      }
      feeder.push(chunk as Buffer);
      if (feeder.done) break;
    }
  } catch (error) {
    if ((error as { problem?: string }).problem) throw error;
    throw corruptImage(`damaged gzip: ${(error as Error).message}`, fileName);
  } finally {
    gunzip.destroy();
    file.destroy();
  }
  return feeder.end();
}

async function inspectZip(path: string, fileName: string): Promise<ImageInspection> {
  const file = await open(path, 'r');
  try {
    const verdict = await inspectShellyZip(file, (await file.stat()).size);
    if (!verdict.ok) throw corruptImage(verdict.problem, fileName);
    return {
      format: 'shelly-zip',
      kind: 'ota',
      chip: null,
      project: null,
      version: verdict.version,
      app: verdict.app,
      fwId: verdict.fwId,
    };
  } finally {
    await file.close();
  }
}
