import type {
  FirmwareFamily,
  FirmwareFormat,
  FirmwareKind,
  VersionSource,
} from '../../../shared/domain/firmware';
import { chipByName } from './esp-chips';
import { metadataFromFileName, type NameMetadata } from './file-name-metadata';
import { FirmwareImportError } from './firmware-errors';
import type { ImageInspection } from './image-inspection';

/** What the technician typed when finishing an import; every field optional. */
export interface TypedMetadata {
  family?: FirmwareFamily;
  models?: string[];
  version?: string;
}

/** The metadata stored with an image. */
export interface ImageMetadata {
  family: FirmwareFamily;
  format: FirmwareFormat;
  kind: FirmwareKind;
  chip: string | null;
  app: string | null;
  project: string | null;
  models: string[];
  version: string;
  versionSource: VersionSource;
  fwId: string | null;
  build: string | null;
  notices: string[];
}

const FAMILY_NAMES: Record<FirmwareFamily, string> = {
  shelly: 'Shelly',
  tasmota: 'Tasmota',
  esphome: 'ESPHome',
};

/** The family the bytes prove: a Shelly zip, or an ESP image whose text or app description names its maker. */
function familyFromBytes(image: ImageInspection): FirmwareFamily | null {
  if (image.format === 'shelly-zip') return 'shelly';
  if (image.builtBy) return image.builtBy;
  if (image.project && /esphome/i.test(image.project)) return 'esphome';
  if (image.project && /tasmota/i.test(image.project)) return 'tasmota';
  return null;
}

/** What reading the file found so far: sentences for the technician, and typed values the file contradicts. */
interface Findings {
  notices: string[];
  conflicts: string[];
  /** How the findings name the file's own statement ("the app description says …"). */
  what: string;
}

function decideFamily(image: ImageInspection, name: NameMetadata, typed: TypedMetadata, f: Findings) {
  const isZip = image.format === 'shelly-zip';
  const proven = familyFromBytes(image);
  if (typed.family !== undefined) {
    if (proven && typed.family !== proven) f.conflicts.push(`family ${FAMILY_NAMES[proven]}`);
    else if (!isZip && typed.family === 'shelly') f.conflicts.push('an ESP image, not a Shelly zip');
    else if (isZip && typed.family !== 'shelly') f.conflicts.push('a Shelly firmware zip');
  }
  const family = proven ?? typed.family ?? (name.family !== 'shelly' ? name.family : undefined) ?? 'tasmota';
  if (name.family && name.family !== family && typed.family === undefined) {
    f.notices.push(
      `The file name says ${FAMILY_NAMES[name.family]}, ${f.what} says ${FAMILY_NAMES[family]}: the file wins.`,
    );
  }
  return { family, proven };
}

function checkChip(image: ImageInspection, name: NameMetadata, typed: TypedMetadata, f: Findings): void {
  if (!image.chip) return;
  if (name.chip && name.chip !== image.chip) {
    f.notices.push(`The file name says ${name.chip}, the image header says ${image.chip}: the header wins.`);
  }
  const typedChips = (typed.models ?? []).map((m) => chipByName(m)?.name).filter((c) => c !== undefined);
  if (typedChips.some((c) => c !== image.chip)) f.conflicts.push(`chip ${image.chip}`);
}

function decideVersion(
  image: ImageInspection,
  name: NameMetadata,
  typed: TypedMetadata,
  f: Findings,
): { version: string; versionSource: VersionSource } | null {
  if (image.version !== null) {
    if (typed.version !== undefined && typed.version !== image.version)
      f.conflicts.push(`version ${image.version}`);
    if (name.version && name.version !== image.version) {
      f.notices.push(
        `The file name says version ${name.version}, ${f.what} says ${image.version}: the file wins.`,
      );
    }
    return { version: image.version, versionSource: image.format === 'shelly-zip' ? 'manifest' : 'header' };
  }
  if (typed.version !== undefined) return { version: typed.version, versionSource: 'user' };
  if (name.version === undefined) return null;
  // ESP32-family images carry an app description, which may leave the version empty (real Tasmota builds do).
  if (image.chip !== null && image.chip !== 'ESP8266') {
    f.notices.push(`The image states no version; ${name.version} is taken from the file name.`);
  }
  return { version: name.version, versionSource: 'file-name' };
}

/**
 * Decides an image's metadata. What the bytes say (header, app description, manifest) wins: a file name that
 * disagrees only earns a notice, typed values that disagree are refused (metadata-conflict), since the device
 * checks and reports what the file says. Whatever the bytes leave open is taken from the typed values, then
 * the file name; an ESP image with no other clue is Tasmota's. A version nobody states is missing-metadata.
 */
export function resolveMetadata(
  image: ImageInspection,
  fileName: string,
  typed: TypedMetadata,
): ImageMetadata {
  const name = metadataFromFileName(fileName);
  const isZip = image.format === 'shelly-zip';
  const f: Findings = {
    notices: [...image.notices],
    conflicts: [],
    what: isZip ? "the zip's manifest" : image.version !== null ? 'the app description' : 'the image',
  };
  const { family, proven } = decideFamily(image, name, typed, f);
  checkChip(image, name, typed, f);
  const version = decideVersion(image, name, typed, f);
  if (f.conflicts.length > 0) {
    throw new FirmwareImportError(
      'metadata-conflict',
      `${fileName}: ${f.what} says ${f.conflicts.join(' and ')}; the device checks and reports what the file says, so it cannot be changed`,
      {
        conflicts: f.conflicts,
        image: { family: proven, chip: image.chip, app: image.app, version: image.version },
      },
    );
  }
  if (!version) {
    throw new FirmwareImportError('missing-metadata', `${fileName} states no version; please give it`, {
      missing: ['version'],
      read: { family, chip: image.chip, kind: image.kind, project: image.project },
    });
  }
  const label = isZip ? (name.sku ?? image.app) : image.chip;
  return {
    family,
    format: image.format,
    kind: image.kind,
    chip: image.chip,
    app: image.app,
    project: image.project,
    models: typed.models ?? (label ? [label] : []),
    ...version,
    fwId: image.fwId,
    build: null,
    notices: f.notices,
  };
}
