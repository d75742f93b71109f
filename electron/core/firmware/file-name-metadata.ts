import type { FirmwareFamily } from '../../../shared/domain/firmware';

/**
 * What a file name suggests about a firmware file; each field only when the name says it clearly. The bytes
 * overrule it wherever they speak (see image-metadata.ts).
 */
export interface NameMetadata {
  family?: FirmwareFamily;
  /** The ESP chip a Tasmota release name implies. */
  chip?: string;
  /** A Shelly SKU (`SNSW-001P16EU`), a label. */
  sku?: string;
  version?: string;
}

const EXTENSIONS = /(\.bin\.gz|\.bin|\.gz|\.zip)$/i;
const VERSION = /(?:^|[-_ ]v?)(\d+(?:\.\d+){1,3})(?=$|[-_ (.])/i;
/** Shelly Gen2+ SKUs: `SNSW-001P16EU`, `S3SW-001X16EU`, `SPSW-201XE16EU`. */
const SHELLY_SKU = /^(S[A-Z0-9]{3}-[A-Z0-9]{4,10})(?=$|[-_ ])/i;
/** Tasmota's release names: `tasmota*` (ESP8266), `tasmota32*` (ESP32), `tasmota32c3*` (ESP32-C3), … */
const TASMOTA_CHIP = /^tasmota(32(c2|c3|c5|c6|h2|p4|s2|s3)?)?(?=$|[-_ .])/i;
const ESPHOME = /esphome/i;

/**
 * Reads names like `tasmota-14.3.0.bin.gz`, `tasmota32c3-14.3.0.factory.bin` or `SNSW-001P16EU-1.6.0.zip`. A
 * Tasmota release name implies its chip (release builds are per chip); a Shelly name its SKU.
 */
export function metadataFromFileName(fileName: string): NameMetadata {
  const stem = fileName.trim().replace(EXTENSIONS, '');
  const result: NameMetadata = {};
  const version = VERSION.exec(stem)?.[1];
  if (version) result.version = version;
  const tasmota = TASMOTA_CHIP.exec(stem);
  if (tasmota) {
    result.family = 'tasmota';
    const variant = tasmota[2];
    result.chip = tasmota[1] ? (variant ? `ESP32-${variant.toUpperCase()}` : 'ESP32') : 'ESP8266';
    return result;
  }
  if (ESPHOME.test(stem)) result.family = 'esphome';
  const sku = SHELLY_SKU.exec(stem);
  if (sku && /\.zip$/i.test(fileName.trim())) {
    result.family = 'shelly';
    result.sku = sku[1]!.toUpperCase();
  }
  return result;
}
