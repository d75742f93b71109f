import { useId, useState, type FormEvent } from 'react';
import type { DeviceSummary } from '../../../../shared/domain/device';
import type { FirmwareImage } from '../../../../shared/domain/firmware';
import { whyDowngradeIsRefused, whyImageDoesNotFit } from '../../../../shared/domain/firmware-match';
import { useFirmware, useFirmwareImages } from '../../stores/firmware-store';
import { viewChosen } from '../../stores/ui-store';
import { runDeviceAction } from './device-action-intents';

/** Why the dry run would refuse the image for this device (its chip or app, kind, version), or null. */
function whyNotFor(image: FirmwareImage, device: DeviceSummary): string | null {
  // The drawer's step never allows a downgrade.
  return whyImageDoesNotFit(image, device) ?? whyDowngradeIsRefused(image, device, false);
}

/** An image as a choice in a list: version, file, the models it is for, and `note` about fitting the targets. */
export function ImageDescription({ image, note }: { image: FirmwareImage; note: string }) {
  return (
    <span>
      <strong>{image.version}</strong> · {image.fileName}
      <br />
      <span className="muted">
        for {image.models.join(', ')}
        {note}
        {image.present ? '' : ' · file missing from the library, import it again'}
        {image.notes ? ` · ${image.notes}` : ''}
      </span>
    </span>
  );
}

function ImageChoice({
  image,
  device,
  name,
  checked,
  onChoose,
}: {
  image: FirmwareImage;
  device: DeviceSummary;
  name: string;
  checked: boolean;
  onChoose: () => void;
}) {
  const why = whyNotFor(image, device);
  const note = why === null ? ' · made for this device' : ` · refused, nothing would be sent: ${why}`;
  return (
    <label className="radio-row" data-sha256={image.sha256}>
      <input type="radio" name={name} checked={checked} disabled={!image.present} onChange={onChoose} />
      <ImageDescription image={image} note={note} />
    </label>
  );
}

/** Picks a library image of the device's family; the device downloads it from Fieldbatch's firmware server. */
export function FirmwareUpdateForm({ device, onDone }: { device: DeviceSummary; onDone: () => void }) {
  const id = useId();
  const isLoaded = useFirmware((s) => s.isLoaded);
  // The family's images, those made for this device first.
  const fits = (image: FirmwareImage) => whyNotFor(image, device) === null;
  const images = useFirmwareImages()
    .filter((i) => i.family === device.family)
    .sort((a, b) => Number(fits(b)) - Number(fits(a)));
  const [chosen, setChosen] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (chosen === null) return;
    onDone();
    void runDeviceAction(device, { action: 'firmware-update', images: [chosen] });
  };
  return (
    <form className="action-form" aria-label="Update firmware" onSubmit={submit}>
      <p className="hint">
        Running {device.firmware}. The device downloads the image from Fieldbatch; the update counts only when
        the device reports the new version after its restart.
      </p>
      {!isLoaded ? (
        <p className="empty">Loading the firmware library…</p>
      ) : images.length === 0 ? (
        <p className="empty" data-testid="no-firmware">
          No {device.family} firmware in the library.{' '}
          <button type="button" className="link" onClick={() => viewChosen('firmware')}>
            Import one on the Firmware screen
          </button>
        </p>
      ) : (
        <fieldset>
          <legend>Image</legend>
          {images.map((image) => (
            <ImageChoice
              key={image.sha256}
              image={image}
              device={device}
              name={`${id}-image`}
              checked={chosen === image.sha256}
              onChoose={() => setChosen(image.sha256)}
            />
          ))}
        </fieldset>
      )}
      <div className="form-buttons">
        <button type="submit" disabled={chosen === null}>
          Update firmware
        </button>
        <button type="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
