import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import type { FirmwareFormat, FirmwareKind } from '../../../shared/domain/firmware';
import { ByteFeeder } from './byte-feeder';
import { inspectEspFlash, type EspFlashInspection } from './esp-flash-image';
import { corruptImage } from './firmware-errors';
import { MarkerScanner, type BuiltBy } from './image-markers';
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
  /** ESP images: whose code it is, from the text inside (image-markers.ts); null when it does not say. */
  builtBy: BuiltBy | null;
  /** Sentences about how the file was read, for the technician. */
  notices: string[];
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

type ContentFormat = 'esp' | 'gz' | 'zip';

/**
 * What a file is by its first bytes (ESP image E9, or FF before a factory image's bootloader; gzip 1F 8B; zip
 * `PK\3\4`), checked against what its name claims. Needs only the first byte or four, so an upload can be
 * refused at its first chunk. Throws FirmwareImportError('corrupt') with the reason.
 */
export function contentFormat(fileName: string, head: Buffer): ContentFormat {
  const claimed = claimedByName(fileName);
  const isGzip = startsWith(head, GZIP);
  const isZip = startsWith(head, ZIP);
  const isEsp = head.length > 0 && (head[0] === 0xe9 || head[0] === 0xff);
  if (claimed === 'bin' && !isEsp)
    throw corruptImage('not an ESP firmware image (a .bin starts with byte E9)', fileName);
  if (claimed === 'gz' && !isGzip) throw corruptImage('not a gzip file', fileName);
  if (claimed === 'zip' && !isZip) throw corruptImage('not a zip file', fileName);
  if (isZip) return 'zip';
  if (isGzip) return 'gz';
  if (isEsp) return 'esp';
  throw corruptImage(
    'not a firmware file: neither an ESP image (.bin), a gzipped one (.bin.gz) nor a zip',
    fileName,
  );
}

/**
 * Reads a complete firmware file (already on disk) by its bytes: an ESP image or factory image (`.bin`, every
 * image's checksum and hash checked), the same gzipped (`.bin.gz`, inflated as a stream under
 * MAX_INFLATED_BYTES), or a Shelly Gen2+ zip (manifest read, every part's size and SHA-1 checked).
 * Throws FirmwareImportError('corrupt') with the reason.
 */
export async function inspectImageFile(
  path: string,
  fileName: string,
  head: Buffer,
): Promise<ImageInspection> {
  const format = contentFormat(fileName, head);
  if (format === 'zip') return inspectZip(path, fileName);
  const gzipped = format === 'gz';
  const read = await readEsp(path, fileName, gzipped);
  return espInspection(gzipped ? 'esp-image-gz' : 'esp-image', read, fileName);
}

/**
 * Arduino-ESP32 apps carry the descriptor of Arduino's own prebuilt core (project `arduino-lib-builder`, version
 * `esp-idf: <commit>`, seen in fixtures/real-devices/firmware), which says nothing about the app.
 */
const ARDUINO_CORE_PROJECT = 'arduino-lib-builder';
const VERSION_TEXT = /^[0-9A-Za-z][0-9A-Za-z._+-]{0,63}$/;

interface EspRead {
  result: EspFlashInspection;
  builtBy: BuiltBy | null;
}

function espInspection(format: FirmwareFormat, read: EspRead, fileName: string): ImageInspection {
  const { result, builtBy } = read;
  if (!result.ok) throw corruptImage(result.problem, fileName);
  const notices: string[] = [];
  let project = result.appDesc?.projectName ?? null;
  let version = result.appDesc?.version ?? null;
  if (project === ARDUINO_CORE_PROJECT) {
    notices.push(
      "The image's app description is the Arduino core's own; it says nothing about this firmware.",
    );
    project = null;
    version = null;
  } else if (version !== null && !VERSION_TEXT.test(version)) {
    notices.push(
      `The image's app description gives "${version}" as its version, which is not a version number.`,
    );
    version = null;
  }
  return {
    format,
    kind: result.kind,
    chip: result.chip,
    project,
    version,
    app: null,
    fwId: null,
    builtBy,
    notices,
  };
}

/** Reads the whole file (every byte for the markers; the parser stops at the end of its images). */
async function readEsp(path: string, fileName: string, gzipped: boolean): Promise<EspRead> {
  const feeder = new ByteFeeder(inspectEspFlash());
  const markers = new MarkerScanner();
  const take = (chunk: Buffer) => {
    if (!feeder.done) feeder.push(chunk);
    markers.push(chunk);
  };
  const file = createReadStream(path, { highWaterMark: 64 * 1024 });
  if (!gzipped) {
    for await (const chunk of file) take(chunk as Buffer);
    return { result: feeder.end(), builtBy: markers.builtBy() };
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
      take(chunk as Buffer);
    }
  } catch (error) {
    if ((error as { problem?: string }).problem) throw error;
    throw corruptImage(`damaged gzip: ${(error as Error).message}`, fileName);
  } finally {
    gunzip.destroy();
    file.destroy();
  }
  return { result: feeder.end(), builtBy: markers.builtBy() };
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
      builtBy: null,
      notices: [],
    };
  } finally {
    await file.close();
  }
}
