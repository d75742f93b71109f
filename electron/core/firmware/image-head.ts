import { constants, gunzipSync } from 'node:zlib';
import type { FirmwareFormat, FirmwareKind } from '../../../shared/domain/firmware';
import { readAppDesc, type EspAppDesc } from './esp-app-desc';
import { chipByName } from './esp-chips';
import { readEspImageHeader } from './esp-image-header';
import { BLANK_PREFIX } from './esp-flash-image';

/** What the first bytes of a file (a 4 KiB head) tell, before or without the whole file. */
export interface ImageHead {
  format: FirmwareFormat;
  kind: FirmwareKind;
  /** Null when the head cannot tell: an ESP32/ESP32-S2 factory image shows only 0xFF in its first 4 KiB. */
  chip: string | null;
  appDesc: EspAppDesc | null;
}

const GZIP = [0x1f, 0x8b];

/**
 * Reads a file's head without checking the rest: an ESP image's header and app description, the kind its layout
 * implies (see esp-flash-image.ts), a gzipped image through a partial inflate. Null for anything else (zips
 * are read from their central directory, at the end of the file). The library judges whole files with
 * inspectImageFile; this serves quick looks and the real-device fixtures, which keep 4 KiB per image.
 */
export function inspectImageHead(head: Buffer): ImageHead | null {
  if (head[0] === GZIP[0] && head[1] === GZIP[1]) {
    let inflated: Buffer;
    try {
      // A head is a cut-off gzip stream: take what inflates so far instead of failing at the missing end.
      inflated = gunzipSync(head, { finishFlush: constants.Z_SYNC_FLUSH });
    } catch {
      return null;
    }
    const inner = inspectImageHead(inflated);
    return inner && inner.format === 'esp-image' ? { ...inner, format: 'esp-image-gz' } : null;
  }
  if (head.length >= BLANK_PREFIX && head.subarray(0, BLANK_PREFIX).every((b) => b === 0xff)) {
    return { format: 'esp-image', kind: 'factory', chip: null, appDesc: null };
  }
  const header = readEspImageHeader(head);
  if ('problem' in header) return null;
  const appDesc = header.chip === 'ESP8266' ? null : readAppDesc(head);
  const bootloaderAtZero = chipByName(header.chip)?.bootloaderOffset === 0;
  const kind = header.chip === 'ESP8266' || appDesc || !bootloaderAtZero ? 'ota' : 'factory';
  return { format: 'esp-image', kind, chip: header.chip, appDesc };
}
