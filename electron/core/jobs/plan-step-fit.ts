import type { DeviceSummary } from '../../../shared/domain/device';
import type { JobStep } from '../../../shared/domain/job';
import { assertNever } from '../../../shared/util/assert-never';

/**
 * Why `device` cannot run `step`, or null when it can, decided from the inventory alone: the action must be
 * one of its driver's capabilities, and a step with per-family parameters must carry them for its family
 * (the same checks the drivers make before sending anything, so the dry run says what the run would).
 */
export function whyStepDoesNotFit(
  step: JobStep,
  device: Pick<DeviceSummary, 'family' | 'capabilities'>,
): string | null {
  if (!device.capabilities.includes(step.action))
    return `${device.family} devices cannot run "${step.action}"`;
  switch (step.action) {
    case 'config-change':
      if (device.family === 'shelly' && step.shelly === undefined)
        return 'the config change has no Shelly settings';
      if (device.family === 'tasmota' && step.tasmota === undefined)
        return 'the config change has no Tasmota settings';
      return null;
    case 'factory-reset':
      // Tasmota's Reset 1..6 differ in what they erase, so the level is never guessed (PROTOCOLS.md §2.4).
      if (device.family === 'tasmota' && step.tasmotaLevel === undefined)
        return 'a Tasmota factory reset needs its level (Reset 1..6) chosen';
      return null;
    case 'reboot':
    case 'firmware-update':
    case 'collect':
    case 'set-password':
    case 'raw-command':
      return null;
    default:
      return assertNever(step, 'step');
  }
}
