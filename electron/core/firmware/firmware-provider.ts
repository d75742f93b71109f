import type { DeviceId } from '../../../shared/domain/device';
import type { JobId } from '../../../shared/domain/job';
import type { DeviceTarget, ServedFirmware } from '../drivers/device-driver';
import { DeviceError } from '../drivers/device-error';
import type { FirmwareProvider } from '../jobs/step-services';
import type { Logger } from '../ports';
import { deviceNames, imageFits } from './device-match';
import type { FirmwareLibrary } from './firmware-library';
import type { FirmwareServer } from './firmware-server';

export interface LibraryFirmwareProviderOptions {
  library: Pick<FirmwareLibrary, 'get'>;
  server: Pick<FirmwareServer, 'verify' | 'urlFor' | 'info'>;
  /** The device's stored identify payload (Tasmota: `StatusFWR.Hardware` tells the chip); null if unknown. */
  deviceRaw: (id: DeviceId) => unknown;
  logger: Logger;
}

/**
 * Steps' view of the library and server. Picks, in the job's order, the first image made for the device
 * (same family, and a model naming the device's SKU, chip or module), checks the stored file against its
 * hash, and hands out a URL under the job's token.
 *
 * Returns null when no image fits (the driver refuses before sending anything). Throws DeviceError when
 * one fits but cannot be served: its file is missing or fails its hash (`internal`), or the server is not
 * listening (`unreachable`) — never a URL to bytes that were not verified.
 */
export class LibraryFirmwareProvider implements FirmwareProvider {
  constructor(private readonly options: LibraryFirmwareProviderOptions) {}

  async serveFor(
    jobId: JobId,
    images: readonly string[],
    target: DeviceTarget,
  ): Promise<ServedFirmware | null> {
    const names = deviceNames(target, this.options.deviceRaw(target.id));
    const fitting = images
      .map((sha) => this.options.library.get(sha))
      .filter((image) => image !== null && imageFits(image, target, names));
    if (fitting.length === 0) return null;
    let problem = '';
    for (const image of fitting) {
      const verdict = await this.options.server.verify(image!.sha256);
      if (verdict !== 'ok') {
        this.options.logger.error('firmware image not served: library file failed its check', {
          sha256: image!.sha256,
          verdict,
        });
        problem =
          verdict === 'missing'
            ? 'is missing from the library folder'
            : 'does not match its hash (changed on disk)';
        continue;
      }
      const hosts = target.endpoints.flatMap((e) => ('host' in e ? [e.host] : []));
      const url = this.options.server.urlFor(jobId, image!.sha256, { id: target.id, hosts });
      if (url === null) {
        const why = this.options.server.info().status.error ?? 'it is not listening';
        throw new DeviceError('unreachable', `the firmware server cannot serve the image: ${why}`);
      }
      return { url, sha256: image!.sha256, size: image!.size, version: image!.version, fwId: image!.fwId };
    }
    throw new DeviceError(
      'internal',
      `the firmware file for this device ${problem}; re-import it into the library`,
    );
  }
}
