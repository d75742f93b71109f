import { afterEach, describe, expect, it } from 'vitest';
import { buildEspImage, gzipImage } from '../../../simulator';
import { createFirmwareKit, type FirmwareKit } from '../../../test-support/firmware/firmware-test-kit';

let kit: FirmwareKit;
afterEach(async () => kit?.close());

/** Text an image's code keeps in flash (see image-markers.ts), appended after the image for the test. */
const withText = (image: Buffer, text: string) =>
  Buffer.concat([image, Buffer.from(`\0${text}\0`, 'latin1')]);

describe('metadata read from real-format files', () => {
  it('tells an ESPHome image by its own start-up line, versioned by its app description', async () => {
    kit = await createFirmwareKit({ serve: false });
    const image = buildEspImage({
      chip: 'ESP32-S3',
      version: '2025.9.3',
      project: 'homio',
      payloadSize: 8000,
    });
    const { image: entry } = await kit.importBytes(
      'firmware.ota.bin',
      withText(image, 'ESPHome version 2025.9.3 compiled on %s'),
    );
    expect(entry).toMatchObject({
      family: 'esphome',
      chip: 'ESP32-S3',
      project: 'homio',
      version: '2025.9.3',
      versionSource: 'header',
      kind: 'ota',
    });
  });

  it('reads a Tasmota image with an empty app description by its text, asking for the version', async () => {
    kit = await createFirmwareKit({ serve: false });
    const image = withText(
      buildEspImage({
        chip: 'ESP32-C3',
        version: '14.4.0',
        project: '',
        versionInAppDesc: false,
        payloadSize: 8000,
      }),
      'tasmota',
    );
    const { uploadId } = await kit.fw.library.beginUpload({
      fileName: 'tasmota32c3.bin',
      size: image.length,
    });
    await kit.fw.library.uploadChunk({ uploadId, offset: 0, dataBase64: image.toString('base64') });
    await expect(kit.fw.library.finishUpload({ uploadId })).rejects.toMatchObject({
      details: {
        problem: 'missing-metadata',
        missing: ['version'],
        read: { family: 'tasmota', chip: 'ESP32-C3' },
      },
    });
    const done = await kit.fw.library.finishUpload({ uploadId, version: '14.4.0' });
    expect(done.image).toMatchObject({
      family: 'tasmota',
      project: null,
      version: '14.4.0',
      versionSource: 'user',
    });
  });

  it("ignores the Arduino core's own app description, and says so", async () => {
    kit = await createFirmwareKit({ serve: false });
    const image = buildEspImage({
      chip: 'ESP32-C3',
      version: 'esp-idf: 1b16ef6cfc',
      project: 'arduino-lib-builder',
      payloadSize: 8000,
    });
    const { image: entry } = await kit.importBytes('resistive-1.2.0.bin', image);
    expect(entry).toMatchObject({
      project: null,
      version: '1.2.0',
      versionSource: 'file-name',
      family: 'tasmota',
    });
    expect(entry.notices).toEqual([
      "The image's app description is the Arduino core's own; it says nothing about this firmware.",
      'The image states no version; 1.2.0 is taken from the file name.',
    ]);
  });

  it('reads chip and version through gzip, and a factory image as factory whatever its name', async () => {
    kit = await createFirmwareKit({ serve: false });
    const gz = gzipImage(buildEspImage({ chip: 'ESP8266', version: '14.3.0', payloadSize: 8000 }));
    expect((await kit.importBytes('tasmota-14.3.0.bin.gz', gz)).image).toMatchObject({
      format: 'esp-image-gz',
      chip: 'ESP8266',
      version: '14.3.0',
      versionSource: 'file-name',
    });
    const factory = buildEspImage({ chip: 'ESP32', version: '14.4.0', kind: 'factory', payloadSize: 8000 });
    expect((await kit.importBytes('tasmota32.bin', factory)).image).toMatchObject({
      format: 'esp-image',
      kind: 'factory',
      chip: 'ESP32',
      version: '14.4.0',
    });
  });
});
