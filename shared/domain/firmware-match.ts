import type { DeviceSummary } from './device';
import type { FirmwareImage } from './firmware';
import { compareFirmwareVersions } from './firmware-version';

/*
 * Which library image may go to which device: one rule for the dry run, the firmware provider at run time and
 * the renderer's forms, so none of them offers or sends what another would refuse.
 */

/** What matching reads of a library image (its kind, chip and app are read from the file's own bytes). */
export type MatchableImage = Pick<FirmwareImage, 'family' | 'kind' | 'chip' | 'app' | 'version' | 'fileName'>;

/** What matching reads of a device, as the inventory stores it (`product` is a Shelly's app). */
export type MatchableDevice = Pick<DeviceSummary, 'family' | 'chip' | 'product' | 'firmware'>;

/** Where each family's chip comes from, as advice when it is not known yet. */
const CHIP_SOURCES: Record<Exclude<MatchableDevice['family'], 'shelly'>, string> = {
  tasmota:
    'the device has not reported its hardware yet; let discovery identify it over HTTP, MQTT or serial ' +
    '(Tasmota answers Status 2 with StatusFWR.Hardware)',
  esphome: 'its mDNS announcement named no platform or board; let discovery see it announce again',
};

const chipKey = (chip: string) => chip.toUpperCase().replace(/[^0-9A-Z]/g, '');

/**
 * Why `image` is not made for `device`, in words for the dry run, or null when it is. Shelly Gen2+ images
 * match on the app: the device compares the zip manifest's `name` with its own `app` and refuses another
 * (PROTOCOLS.md §5b; tasmota/mgos32-to-tasmota32#29). Tasmota and ESPHome images match on the chip their
 * ESP image header names. Model and template names are labels only. A factory image (bootloader, partition
 * table and app, for USB flashing) never goes over the air.
 */
export function whyImageDoesNotFit(image: MatchableImage, device: MatchableDevice): string | null {
  if (image.kind === 'factory') {
    return `${image.fileName} is a factory image (for flashing over USB), not an over-the-air update`;
  }
  if (image.family !== device.family) return `${image.fileName} is for ${image.family} devices`;
  if (device.family === 'shelly') {
    if (!image.app) return `${image.fileName} names no Shelly app; re-import it from the original zip`;
    if (!device.product) return 'its app is not known yet: let discovery identify it again, then plan again';
    return image.app.toLowerCase() === device.product.toLowerCase()
      ? null
      : `image is for ${image.app}; this device is ${device.product}`;
  }
  if (!device.chip) return `chip not known yet: ${CHIP_SOURCES[device.family]}, then plan again`;
  if (!image.chip) return `${image.fileName} does not say which chip it is for`;
  return chipKey(image.chip) === chipKey(device.chip)
    ? null
    : `image is for ${image.chip}; this device is ${device.chip}`;
}

/**
 * Why installing `image` would be a downgrade the step did not allow, or null. A device whose version
 * cannot be read is not refused: nothing says it is newer.
 */
export function whyDowngradeIsRefused(
  image: Pick<MatchableImage, 'version'>,
  device: Pick<DeviceSummary, 'firmware'>,
  allowDowngrade: boolean,
): string | null {
  if (allowDowngrade) return null;
  const order = compareFirmwareVersions(device.firmware, image.version);
  if (order === null || order <= 0) return null;
  return `runs ${device.firmware}, newer than the image's ${image.version}; allow downgrade in the step to install it`;
}

/** The images a step may install on one device, or why none. */
export type ImageChoice<I> =
  | { kind: 'fits'; /** In the step's order, at least one. */ images: I[] }
  | { kind: 'refused'; reason: string };

/**
 * The one rule the dry run and the firmware provider share, so a run never sends what the plan refused:
 * of `images` (null: not in the library), in the step's order, those made for the device and not a
 * downgrade the step did not allow. When none is left, the reasons in plain words: those about images of
 * the device's own family first, each reason once.
 */
export function imagesFor<I extends MatchableImage>(
  images: readonly (I | null)[],
  device: MatchableDevice,
  options: { allowDowngrade: boolean },
): ImageChoice<I> {
  const fits: I[] = [];
  const ownFamily = new Set<string>();
  const otherFamily = new Set<string>();
  for (const image of images) {
    if (image === null) continue;
    const why =
      whyImageDoesNotFit(image, device) ?? whyDowngradeIsRefused(image, device, options.allowDowngrade);
    if (why === null) fits.push(image);
    else (image.family === device.family ? ownFamily : otherFamily).add(why);
  }
  if (fits.length > 0) return { kind: 'fits', images: fits };
  if (ownFamily.size > 0) return { kind: 'refused', reason: [...ownFamily].join(' / ') };
  if (otherFamily.size > 0) {
    return { kind: 'refused', reason: `no image of the step is for ${device.family} devices` };
  }
  return { kind: 'refused', reason: "none of the step's images is in the library; import them again" };
}
