import type { Migration } from './migration';

/**
 * Firmware images read from their bytes: format, kind (a factory image is never offered for OTA), the chip
 * the header names, the Shelly app the manifest names, the ESP-IDF project, and notices for the technician.
 * Rows from before are derived from what was stored: the format from family and file name, `factory` when the
 * name says so, the chip from the first model that is an ESP chip name; a notice says the file was not read.
 * The chip list is written out (not taken from the code) so this migration never changes.
 */
export const migration0007FirmwareImageHeaders: Migration = {
  version: 7,
  name: 'firmware-image-headers',
  sql: `
ALTER TABLE firmware_images ADD COLUMN format TEXT NOT NULL DEFAULT 'esp-image';
ALTER TABLE firmware_images ADD COLUMN kind TEXT NOT NULL DEFAULT 'ota';
ALTER TABLE firmware_images ADD COLUMN chip TEXT;
ALTER TABLE firmware_images ADD COLUMN app TEXT;
ALTER TABLE firmware_images ADD COLUMN project TEXT;
ALTER TABLE firmware_images ADD COLUMN notices_json TEXT NOT NULL DEFAULT '[]';

UPDATE firmware_images SET
  format = CASE
    WHEN family = 'shelly' OR lower(file_name) LIKE '%.zip' THEN 'shelly-zip'
    WHEN lower(file_name) LIKE '%.gz' THEN 'esp-image-gz'
    ELSE 'esp-image' END,
  kind = CASE WHEN lower(file_name) LIKE '%factory%' THEN 'factory' ELSE 'ota' END,
  chip = CASE WHEN family = 'shelly' THEN NULL ELSE (
    SELECT upper(value) FROM json_each(models_json)
    WHERE upper(value) IN ('ESP8266', 'ESP32', 'ESP32-S2', 'ESP32-S3', 'ESP32-C2', 'ESP32-C3', 'ESP32-C5',
                           'ESP32-C6', 'ESP32-C61', 'ESP32-H2', 'ESP32-P4')
    ORDER BY key LIMIT 1) END,
  notices_json = json_array(
    'Imported before files were read from their bytes: format, kind and chip come from its name and models. Remove it and import the file again to read them.');
`,
};
