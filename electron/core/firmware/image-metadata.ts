import type { FirmwareFamily, VersionSource } from '../../../shared/domain/firmware';
import { metadataFromFileName } from './file-name-metadata';
import { FirmwareImportError } from './firmware-errors';
import type { ScanResult } from './image-scanner';

/** What the technician typed when finishing an import; every field optional. */
export interface TypedMetadata {
  family?: FirmwareFamily;
  models?: string[];
  version?: string;
}

/** The metadata stored with an image. */
export interface ImageMetadata {
  family: FirmwareFamily;
  models: string[];
  version: string;
  versionSource: VersionSource;
  fwId: string | null;
  build: string | null;
}

const sameModels = (a: readonly string[], b: readonly string[]) =>
  new Set(a.map((m) => m.toLowerCase())).size === new Set(b.map((m) => m.toLowerCase())).size &&
  a.every((m) => b.some((n) => n.toLowerCase() === m.toLowerCase()));

/**
 * Manifest images keep their manifest's metadata (that is what the device will check and report), so typed
 * values must agree with it. Other files take typed values first, then what the file name says; whatever is
 * still unknown is reported as missing-metadata, listing what could be guessed.
 */
export function resolveMetadata(scan: ScanResult, fileName: string, typed: TypedMetadata): ImageMetadata {
  if (scan.kind === 'fbsim') {
    const m = scan.manifest;
    const conflicts = [
      typed.family !== undefined && typed.family !== m.family ? `family ${m.family}` : null,
      typed.version !== undefined && typed.version !== m.version ? `version ${m.version}` : null,
      typed.models !== undefined && !sameModels(typed.models, m.models)
        ? `models ${m.models.join(', ')}`
        : null,
    ].filter((c): c is string => c !== null);
    if (conflicts.length > 0) {
      throw new FirmwareImportError(
        'metadata-conflict',
        `the image's manifest says ${conflicts.join(' and ')}; the device checks and reports those, so they cannot be changed`,
        { manifest: { family: m.family, version: m.version, models: m.models } },
      );
    }
    return {
      family: m.family,
      models: m.models,
      version: m.version,
      versionSource: 'manifest',
      fwId: m.fwId,
      build: m.build,
    };
  }
  const guessed = metadataFromFileName(fileName);
  const family = typed.family ?? guessed.family;
  const models = typed.models ?? (family === guessed.family ? guessed.models : undefined);
  const version = typed.version ?? guessed.version;
  if (family === undefined || models === undefined || version === undefined) {
    const missing = [
      family === undefined ? 'family' : null,
      models === undefined ? 'models' : null,
      version === undefined ? 'version' : null,
    ].filter((f): f is string => f !== null);
    throw new FirmwareImportError(
      'missing-metadata',
      `${fileName} carries no manifest; please give its ${missing.join(', ')}`,
      { missing, guessed },
    );
  }
  return {
    family,
    models,
    version,
    versionSource: typed.version !== undefined ? 'user' : 'file-name',
    fwId: null,
    build: null,
  };
}
