import { deviceLabel, type DeviceSummary } from '../../../shared/domain/device';
import type { FirmwareImage } from '../../../shared/domain/firmware';
import type { DevicePlan, JobPolicy, JobStep, SkipReason } from '../../../shared/domain/job';
import { isSameFirmwareVersion } from '../../../shared/domain/firmware-version';
import { offlineWords } from '../../../shared/domain/offline-words';
import { chooseImage } from './plan-firmware';
import { isLoginRequired } from './plan-login';
import { whyStepDoesNotFit } from './plan-step-fit';

/** What judging one device may look up, each only when a rule gets that far. */
export interface DeviceLookups {
  /** The device's stored identify payload (Shelly `auth_en`). */
  raw(): unknown;
  /** A library image by hash, null when the library has none. */
  image(sha256: string): FirmwareImage | null;
  /** Whether a credential set with a stored password applies to the device (its own or the site default). */
  hasCredentials(): Promise<boolean>;
}

/** One device's plan before waves are assigned. */
export type JudgedDevice = Omit<DevicePlan, 'wave'>;

/**
 * Decides what one device gets; the first rule that matches wins: never-touch, a step it cannot run, a
 * firmware step with no image for it (chip or app, factory image, or a downgrade the step does not allow),
 * already on the target firmware, a login it has no credentials for,
 * then offline (skipped or deferred per policy). Sends nothing to the device.
 */
export async function judgeDevice(
  device: DeviceSummary,
  job: { steps: readonly JobStep[]; policy: Pick<JobPolicy, 'offline'> },
  lookups: DeviceLookups,
): Promise<JudgedDevice> {
  const base = {
    deviceId: device.id,
    deviceName: deviceLabel(device),
    family: device.family,
    model: device.model,
    online: device.online,
    currentVersion: device.firmware,
  };
  let targetVersion: string | null = null;
  const skip = (reason: SkipReason, message: string): JudgedDevice => ({
    ...base,
    targetVersion,
    steps: [],
    skip: { reason, message },
    deferred: false,
  });

  if (device.neverTouch) return skip('never-touch', 'marked "never touch"');
  for (const step of job.steps) {
    const why = whyStepDoesNotFit(step, device);
    if (why) return skip('incompatible', why);
  }
  const targets: string[] = [];
  for (const step of job.steps) {
    if (step.action !== 'firmware-update') continue;
    const choice = chooseImage(
      step.images.map((sha) => lookups.image(sha)),
      device,
      { allowDowngrade: step.allowDowngrade === true },
    );
    if (choice.kind === 'refused') return skip('incompatible', choice.reason);
    if (choice.kind === 'file-missing') {
      return skip(
        'incompatible',
        `the image for ${device.model} (${choice.image.fileName}) is missing from the library folder; re-import it`,
      );
    }
    targets.push(choice.image.version);
  }
  targetVersion = targets.at(-1) ?? null;
  const onlyFirmware = job.steps.every((s) => s.action === 'firmware-update');
  if (onlyFirmware && targets.every((v) => isSameFirmwareVersion(device.firmware, v)))
    return skip('already-on-target', `already on ${targetVersion}`);
  if (isLoginRequired(device.family, () => lookups.raw()) && !(await lookups.hasCredentials())) {
    return skip(
      'missing-credentials',
      'the device asks for a login and no credential set applies (assign one or set a site default)',
    );
  }
  const isOffline = !device.online;
  if (isOffline && job.policy.offline.mode === 'skip') {
    return skip('offline', offlineWords(device.offlineReason));
  }
  return { ...base, targetVersion, steps: job.steps.map((s) => s.action), skip: null, deferred: isOffline };
}
