import { describe, expect, it } from 'vitest';
import { metadataFromFileName } from './file-name-metadata';

describe('metadata from a file name', () => {
  it.each([
    ['tasmota-14.3.0.bin.gz', { family: 'tasmota', chip: 'ESP8266', version: '14.3.0' }],
    ['tasmota.bin.gz', { family: 'tasmota', chip: 'ESP8266' }],
    ['tasmota-lite.bin', { family: 'tasmota', chip: 'ESP8266' }],
    ['tasmota32-14.3.0.bin', { family: 'tasmota', chip: 'ESP32', version: '14.3.0' }],
    ['tasmota32c3-14.3.0.1.bin', { family: 'tasmota', chip: 'ESP32-C3', version: '14.3.0.1' }],
    ['tasmota32s3-14.3.0.factory.bin', { family: 'tasmota', chip: 'ESP32-S3', version: '14.3.0' }],
    ['Tasmota32S3_v14.2.bin', { family: 'tasmota', chip: 'ESP32-S3', version: '14.2' }],
    ['SNSW-001P16EU-1.6.0.zip', { family: 'shelly', sku: 'SNSW-001P16EU', version: '1.6.0' }],
    ['snsw-001p16eu.zip', { family: 'shelly', sku: 'SNSW-001P16EU' }],
    ['SNSW-001P16EU-1.6.0.bin', { version: '1.6.0' }],
    ['livingroom-esphome-2025.1.0.ota.bin', { family: 'esphome', version: '2025.1.0' }],
    ['firmware-2.1.bin', { version: '2.1' }],
    ['firmware.bin', {}],
    ['tasmotaX-1.0.bin', { version: '1.0' }],
  ])('%s → %j', (name, expected) => {
    expect(metadataFromFileName(name)).toEqual(expected);
  });
});
