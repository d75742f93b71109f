import type { CredentialSetId } from '../../../shared/domain/credentials';
import type { JobId } from '../../../shared/domain/job';
import type { ArtifactStore } from '../artifacts/artifact-store';
import type { CredentialService } from '../credentials/credential-service';
import type { DeviceTarget, FirmwareOptions, ServedFirmware, StepServices } from '../drivers/device-driver';

/** The firmware library and server, as steps see them. */
export interface FirmwareProvider {
  /** The image among `images` made for this device (StepServices.firmwareFor), served for `jobId`. */
  serveFor(
    jobId: JobId,
    images: readonly string[],
    target: DeviceTarget,
    options?: FirmwareOptions,
  ): Promise<ServedFirmware | null>;
}

/** Builds the services a job's steps get: firmware for the job, the device's credentials, artifact storage. */
export function createStepServices(deps: {
  firmware: FirmwareProvider;
  credentials: CredentialService;
  artifacts: ArtifactStore;
}): (jobId: JobId) => StepServices {
  return (jobId) => ({
    firmwareFor: (images, target, options) => deps.firmware.serveFor(jobId, images, target, options),
    credentialsFor: (target) => deps.credentials.forDevice(target.id),
    credentialSet: (id) => deps.credentials.byId(id),
    rememberCredentials: async (target, id) =>
      deps.credentials.assign([target.id], id as CredentialSetId | null),
    saveArtifact: async (target, kind, content) =>
      (await deps.artifacts.save({ deviceId: target.id, jobId, kind, content })).id,
  });
}
