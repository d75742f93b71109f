import type {
  FirmwareFamily,
  FirmwareFormat,
  FirmwareImage,
  FirmwareKind,
  VersionSource,
} from '../../../../shared/domain/firmware';
import { assertNever } from '../../../../shared/util/assert-never';

/** How the library describes an image to a technician: plain words, no field names. */

export function familyWords(family: FirmwareFamily): string {
  switch (family) {
    case 'shelly':
      return 'Shelly';
    case 'tasmota':
      return 'Tasmota';
    case 'esphome':
      return 'ESPHome';
    default:
      return assertNever(family, 'firmware family');
  }
}

export function formatWords(format: FirmwareFormat): string {
  switch (format) {
    case 'esp-image':
      return 'ESP image';
    case 'esp-image-gz':
      return 'ESP image, gzipped';
    case 'shelly-zip':
      return 'Shelly update zip';
    default:
      return assertNever(format, 'firmware format');
  }
}

export function kindWords(kind: FirmwareKind): string {
  switch (kind) {
    case 'ota':
      return 'update image';
    case 'factory':
      return 'factory image — for USB flashing, not offered for updates';
    default:
      return assertNever(kind, 'firmware kind');
  }
}

export function sourceWords(source: VersionSource): string {
  switch (source) {
    case 'manifest':
      return 'from the zip manifest';
    case 'header':
      return 'from the image header';
    case 'file-name':
      return 'from the file name';
    case 'user':
      return 'typed';
    default:
      return assertNever(source, 'version source');
  }
}

/** What the image is for: the chip (ESP images) or the Shelly app, and the ESP-IDF project when it names one. */
export function targetWords(image: Pick<FirmwareImage, 'family' | 'chip' | 'app' | 'project'>): string {
  const parts = [familyWords(image.family)];
  if (image.chip) parts.push(image.chip);
  if (image.app) parts.push(`for ${image.app}`);
  if (image.project) parts.push(`project ${image.project}`);
  return parts.join(' · ');
}
