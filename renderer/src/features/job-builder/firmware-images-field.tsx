import { FieldError } from '../../components/field-error';
import { useFirmware, useFirmwareImages } from '../../stores/firmware-store';
import { ImageDescription } from '../device-actions/firmware-update-form';

interface FirmwareImagesFieldProps {
  chosen: readonly string[];
  onChange: (images: string[]) => void;
  error: string | undefined;
}

/** Library images for a firmware step: each device later takes the chosen image made for its chip or app. */
export function FirmwareImagesField({ chosen, onChange, error }: FirmwareImagesFieldProps) {
  const isLoaded = useFirmware((s) => s.isLoaded);
  const library = useFirmwareImages();
  // Factory images (bootloader + partition table) are for USB flashing; a device would refuse them over the air.
  const images = library.filter((i) => i.kind === 'ota' || chosen.includes(i.sha256));
  const factoryCount = library.length - images.length;
  const toggle = (sha256: string, isOn: boolean) =>
    onChange(isOn ? [...chosen, sha256] : chosen.filter((s) => s !== sha256));
  if (!isLoaded) return <p className="empty">Loading the firmware library…</p>;
  return (
    <fieldset>
      <legend>Images</legend>
      <p className="hint">
        Choose one image per chip or Shelly app: Tasmota and ESPHome devices take the one made for the chip
        they reported, Shelly devices the one for their app; a device with none is skipped in the dry run,
        which says why. An update counts only when the device reports the new version.
      </p>
      {library.length === 0 && (
        <p className="empty">The firmware library is empty: import images on the Firmware screen.</p>
      )}
      {factoryCount > 0 && (
        <p className="hint" data-testid="factory-images-hidden">
          {factoryCount === 1 ? '1 factory image is' : `${factoryCount} factory images are`} not listed: they
          are for flashing over USB, not for updates.
        </p>
      )}
      {images.map((image) => (
        <label key={image.sha256} className="radio-row" data-sha256={image.sha256}>
          <input
            type="checkbox"
            checked={chosen.includes(image.sha256)}
            disabled={!image.present && !chosen.includes(image.sha256)}
            onChange={(e) => toggle(image.sha256, e.target.checked)}
          />
          <ImageDescription image={image} note={` · ${image.family}`} />
        </label>
      ))}
      <FieldError id="firmware-images-error" message={error} />
    </fieldset>
  );
}
