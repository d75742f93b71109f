import type { DeviceId } from '../../../shared/domain/device';
import { imagesFor, type MatchableDevice } from '../../../shared/domain/firmware-match';
import type { JobId } from '../../../shared/domain/job';
import type { DeviceTarget, FirmwareOptions, ServedFirmware } from '../drivers/device-driver';
import { DeviceError } from '../device-error';
import type { FirmwareProvider } from '../jobs/step-services';
import type { Logger } from '../ports';
import type { FirmwareLibrary } from './firmware-library';
import type { FirmwareServer } from './firmware-server';

export interface LibraryFirmwareProviderOptions {
  library: Pick<FirmwareLibrary, 'get'>;
  server: Pick<FirmwareServer, 'verify' | 'urlFor' | 'info'>;
  /** The device as the inventory stores it now (chip, app, running version); null when not in it. */
  device: (id: DeviceId) => MatchableDevice | null;
  logger: Logger;
}

/**
 * Steps' view of the library and server. Picks the image by the dry run's own rule (`imagesFor`: chip or
 * app, never a factory image, no downgrade the step did not allow), takes the first of those in the step's
 * order whose stored file passes its hash check, and hands out a URL under the job's token.
 *
 * Never resolves null: throws DeviceError, before the driver sends anything, when no image may go to the
 * device (`unsupported`, with the dry run's reason) or the device left the inventory (`unknown-device`);
 * when images fit but cannot be served: their file is missing or fails its hash (`internal`), or the
 * server is not listening (`unreachable`) — never a URL to bytes that were not verified.
 */
export class LibraryFirmwareProvider implements FirmwareProvider {
  constructor(private readonly options: LibraryFirmwareProviderOptions) {}

  async serveFor(
    jobId: JobId,
    images: readonly string[],
    target: DeviceTarget,
    firmwareOptions: FirmwareOptions = {},
  ): Promise<ServedFirmware> {
    const device = this.options.device(target.id);
    if (device === null) {
      throw new DeviceError('unknown-device', 'the device is no longer in the inventory; nothing was sent');
    }
    const choice = imagesFor(
      images.map((sha) => this.options.library.get(sha)),
      device,
      { allowDowngrade: firmwareOptions.allowDowngrade === true },
    );
    if (choice.kind === 'refused') throw new DeviceError('unsupported', `${choice.reason}; nothing was sent`);
    let problem = '';
    for (const image of choice.images) {
      const verdict = await this.options.server.verify(image.sha256);
      if (verdict !== 'ok') {
        this.options.logger.error('firmware image not served: library file failed its check', {
          sha256: image.sha256,
          verdict,
        });
        problem =
          verdict === 'missing'
            ? 'is missing from the library folder'
            : 'does not match its hash (changed on disk)';
        continue;
      }
      const hosts = target.endpoints.flatMap((e) => ('host' in e ? [e.host] : []));
      const url = this.options.server.urlFor(jobId, image.sha256, { id: target.id, hosts });
      if (url === null) {
        const why = this.options.server.info().status.error ?? 'it is not listening';
        throw new DeviceError('unreachable', `the firmware server cannot serve the image: ${why}`);
      }
      return { url, sha256: image.sha256, size: image.size, version: image.version, fwId: image.fwId };
    }
    throw new DeviceError(
      'internal',
      `the firmware file for this device ${problem}; re-import it into the library`,
    );
  }
}
