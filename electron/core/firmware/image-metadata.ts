import type {
  FirmwareFamily,
  FirmwareFormat,
  FirmwareKind,
  VersionSource,
} from '../../../shared/domain/firmware';
import { chipByName } from './esp-chips';
import { metadataFromFileName } from './file-name-metadata';
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
  const notices: string[] = [...image.notices];
  const conflicts: string[] = [];
  const isZip = image.format === 'shelly-zip';
  const what = isZip
    ? "the zip's manifest"
    : image.version !== null
      ? 'the app description'
      : 'the image header';

  const proven = familyFromBytes(image);
  if (typed.family !== undefined) {
    if (proven && typed.family !== proven) conflicts.push(`family ${FAMILY_NAMES[proven]}`);
    else if (!isZip && typed.family === 'shelly') conflicts.push('an ESP image, not a Shelly zip');
    else if (isZip && typed.family !== 'shelly') conflicts.push('a Shelly firmware zip');
  }
  const family = proven ?? typed.family ?? (name.family !== 'shelly' ? name.family : undefined) ?? 'tasmota';
  if (name.family && name.family !== family && typed.family === undefined) {
    notices.push(
      `The file name says ${FAMILY_NAMES[name.family]}, ${what} says ${FAMILY_NAMES[family]}: the file wins.`,
    );
  }

  if (image.chip && name.chip && name.chip !== image.chip) {
    notices.push(`The file name says ${name.chip}, the image header says ${image.chip}: the header wins.`);
  }
  const typedChips = (typed.models ?? []).map((m) => chipByName(m)?.name).filter((c) => c !== undefined);
  if (image.chip && typedChips.some((c) => c !== image.chip)) conflicts.push(`chip ${image.chip}`);

  let version: string;
  let versionSource: VersionSource;
  if (image.version !== null) {
    version = image.version;
    versionSource = isZip ? 'manifest' : 'header';
    if (typed.version !== undefined && typed.version !== image.version)
      conflicts.push(`version ${image.version}`);
    if (name.version && name.version !== image.version) {
      notices.push(
        `The file name says version ${name.version}, ${what} says ${image.version}: the file wins.`,
      );
    }
  } else if (typed.version !== undefined || name.version !== undefined) {
    version = (typed.version ?? name.version)!;
    versionSource = typed.version !== undefined ? 'user' : 'file-name';
    if (image.project !== null && versionSource === 'file-name') {
      notices.push(`The image states no version; ${version} is taken from the file name.`);
    }
  } else {
    version = '';
    versionSource = 'user';
  }

  if (conflicts.length > 0) {
    throw new FirmwareImportError(
      'metadata-conflict',
      `${fileName}: ${what} says ${conflicts.join(' and ')}; the device checks and reports what the file says, so it cannot be changed`,
      { conflicts, image: { family: proven, chip: image.chip, app: image.app, version: image.version } },
    );
  }
  if (version === '') {
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
    version,
    versionSource,
    fwId: image.fwId,
    build: null,
    notices,
  };
}
