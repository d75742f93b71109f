import { describe, expect, it } from 'vitest';
import type { DeviceSummary } from '../../../shared/domain/device';
import type { FirmwareImage } from '../../../shared/domain/firmware';
import type { JobStep } from '../../../shared/domain/job';
import {
  device,
  firmware,
  image,
  only,
  rig,
  SHA_A,
  SHA_B,
  SHA_C,
  spec,
} from '../../../test-support/core/planner-rig';

describe('the plan of a firmware step', () => {
  it('matches a Shelly by its app, and passes over images whose file is gone', async () => {
    const plug = device('Plug');
    const dimmer = device('Dimmer', { model: 'SNDM-0013US', product: 'PlusWallDimmer' });
    const mini = device('Mini', { model: 'S3SW-001X8EU', product: 'Mini1G3' });
    const images = [
      image(SHA_A, { app: 'Mini1G3', present: false, fileName: 'mini-1.6.0.zip' }),
      image(SHA_B, { app: 'plus1pm', models: ['S3SW-001X8EU'], version: '1.5.0' }),
      image(SHA_C, { app: 'Mini1G3', version: '1.5.0' }),
    ];
    const { planner } = rig([plug, dimmer, mini], { images });
    const targets = only([plug.id, dimmer.id, mini.id]);
    const plan = await planner.plan(spec(targets, [firmware(SHA_A, SHA_B, SHA_C)]));
    expect(plan.devices.map((d) => [d.targetVersion, d.skip?.message ?? null])).toEqual([
      ['1.5.0', null],
      [
        null,
        'image is for Mini1G3; this device is PlusWallDimmer / image is for plus1pm; this device is PlusWallDimmer',
      ],
      ['1.5.0', null],
    ]);
    const missing = await planner.plan(spec(only([mini.id]), [firmware(SHA_A)]));
    expect(missing.devices[0]!.skip).toEqual({
      reason: 'incompatible',
      message: 'the image for S3SW-001X8EU (mini-1.6.0.zip) is missing from the library folder; re-import it',
    });
  });

  const sonoff = (over: Partial<DeviceSummary>) =>
    device('Sonoff', { family: 'tasmota', model: 'Sonoff Basic', product: 'Tasmota', ...over });
  const espImage = (over: Partial<FirmwareImage>) =>
    image(SHA_A, { family: 'tasmota', format: 'esp-image', app: null, models: ['Sonoff 4CH Pro'], ...over });
  const downgradeWords =
    "runs 15.1.0, newer than the image's 14.3.0.4; allow downgrade in the step to install it";

  it.each<[string, Partial<DeviceSummary>, Partial<FirmwareImage>, boolean, string | null, unknown]>([
    [
      'an image for its chip, whatever its labels',
      { chip: 'ESP8266' },
      { chip: 'ESP8266' },
      false,
      '14.4.0',
      null,
    ],
    [
      'a C3 image on an ESP32',
      { chip: 'ESP32' },
      { chip: 'ESP32-C3' },
      false,
      null,
      ['incompatible', 'image is for ESP32-C3; this device is ESP32'],
    ],
    [
      'a chip not reported yet',
      { chip: null },
      { chip: 'ESP8266' },
      false,
      null,
      ['incompatible', expect.stringMatching(/^chip not known yet: .*plan again$/)],
    ],
    [
      'a factory image',
      { chip: 'ESP8266' },
      { chip: 'ESP8266', kind: 'factory', fileName: 'tasmota.factory.bin' },
      false,
      null,
      [
        'incompatible',
        'tasmota.factory.bin is a factory image (for flashing over USB), not an over-the-air update',
      ],
    ],
    [
      'a downgrade the step does not allow',
      { chip: 'ESP8266', firmware: '15.1.0' },
      { chip: 'ESP8266', version: '14.3.0.4' },
      false,
      null,
      ['incompatible', downgradeWords],
    ],
    [
      'a downgrade the step allows',
      { chip: 'ESP8266', firmware: '15.1.0' },
      { chip: 'ESP8266', version: '14.3.0.4' },
      true,
      '14.3.0.4',
      null,
    ],
    [
      'a development build already on it',
      { chip: 'ESP8266', firmware: '14.3.0.4(tasmota)' },
      { chip: 'ESP8266', version: '14.3.0.4' },
      false,
      '14.3.0.4',
      ['already-on-target', 'already on 14.3.0.4'],
    ],
    [
      'the release before a development build',
      { chip: 'ESP8266', firmware: '14.3.0(tasmota)' },
      { chip: 'ESP8266', version: '14.3.0.4' },
      false,
      '14.3.0.4',
      null,
    ],
  ])('plans a Tasmota firmware step: %s', async (_case, on, made, allowDowngrade, version, skip) => {
    const d = sonoff({ firmware: '14.2.0(release-tasmota)', ...on });
    const { planner } = rig([d], { images: [espImage({ version: '14.4.0', ...made })] });
    const step: JobStep = { action: 'firmware-update', images: [SHA_A], allowDowngrade };
    const plan = await planner.plan(spec(only([d.id]), [step]));
    const [reason, message] = (skip as [string, unknown] | null) ?? [];
    expect(plan.devices[0]).toMatchObject({
      targetVersion: version,
      skip: skip === null ? null : { reason, message },
    });
  });

  it('skips a device already on the target only when every step is a firmware update', async () => {
    const d = sonoff({ chip: 'ESP8266', firmware: '14.2.0(release-tasmota)' });
    const { planner } = rig([d], { images: [espImage({ chip: 'ESP8266', version: '14.2.0' })] });
    const updateOnly = await planner.plan(spec(only([d.id]), [firmware(SHA_A)]));
    expect(updateOnly.devices[0]).toMatchObject({
      targetVersion: '14.2.0',
      skip: { reason: 'already-on-target', message: 'already on 14.2.0' },
    });
    const withReboot = await planner.plan(spec(only([d.id]), [firmware(SHA_A), { action: 'reboot' }]));
    expect(withReboot.devices[0]!.skip).toBeNull();
  });

  it('reads a device identify payload only for the rules that need it', async () => {
    const shelly = device('Plug');
    const tasmota = sonoff({ chip: 'ESP8266' });
    const untouchable = device('Boiler', { neverTouch: true });
    const { planner, calls } = rig([shelly, tasmota, untouchable], {
      images: [espImage({ chip: 'ESP8266' }), image(SHA_B)],
    });
    const plan = await planner.plan(
      spec(only([shelly.id, tasmota.id, untouchable.id]), [firmware(SHA_A, SHA_B)]),
    );
    expect(plan.devices.map((d) => d.skip?.reason ?? null)).toEqual([null, null, 'never-touch']);
    expect(calls.identifyPayload).toEqual([shelly.id]);
  });
});
