import type { FirmwareImage } from '../../../shared/domain/firmware';
import { imagesFor, type MatchableDevice } from '../../../shared/domain/firmware-match';

/** What a firmware step would install on one device. */
export type FirmwareChoice =
  | { kind: 'image'; image: FirmwareImage }
  /** No image of the step may go to the device; `reason` says why in plain words. */
  | { kind: 'refused'; reason: string }
  /** Images fit, but none of their files is in the library folder any more. */
  | { kind: 'file-missing'; image: FirmwareImage };

/**
 * The image a firmware step gives `device`, by the rule the firmware provider applies at run time
 * (`imagesFor`): the first fitting image of the step whose file is still there. Images whose file went
 * missing are passed over, as the provider passes over files that fail their check.
 */
export function chooseImage(
  images: readonly (FirmwareImage | null)[],
  device: MatchableDevice,
  options: { allowDowngrade: boolean },
): FirmwareChoice {
  const choice = imagesFor(images, device, options);
  if (choice.kind === 'refused') return choice;
  const present = choice.images.find((i) => i.present);
  return present ? { kind: 'image', image: present } : { kind: 'file-missing', image: choice.images[0]! };
}
